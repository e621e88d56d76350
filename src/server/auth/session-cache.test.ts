import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { startTestServer, TestClient, type TestServer } from '../../../test-support/test-server';

// Session lookups are reused for a moment per instance (SESSION_CACHE_MS). A sign-out or revocation takes effect at
// once: on the instance that made it, and on the others through a database notification (LISTEN/NOTIFY).

describe.each(DB_KINDS)('session cache on one instance (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, env: { SESSION_CACHE_MS: '10000' } });
  });
  afterAll(() => server?.close());

  it('a sign-out ends the session at once, even with a long cache', async () => {
    const client = await server.login('reviewer');
    expect((await client.get('/api/processes')).status).toBe(200);
    const stolen = Object.assign(new TestClient(server.url), {
      cookie: client.cookie,
      csrfToken: client.csrfToken,
    });
    expect((await client.request('DELETE', '/api/session')).status).toBe(204);
    expect((await stolen.get('/api/processes')).status).toBe(401);
  });

  it("an admin's deactivation of a user ends that user's sessions at once", async () => {
    const operator = await server.login('operator');
    expect((await operator.get('/api/processes')).status).toBe(200);
    const admin = await server.login('admin');
    const users = await admin.json<{ items: { id: number; username: string }[] }>('GET', '/api/users');
    const id = users.body.items.find((u) => u.username === 'operator')!.id;
    expect((await admin.request('PATCH', `/api/users/${id}`, { active: false })).status).toBe(200);
    expect((await operator.get('/api/processes')).status).toBe(401);
  });
});

describe('session cache across instances (postgres)', () => {
  let skip = false;
  let a: TestServer;
  let b: TestServer;
  let drop: (() => Promise<void>) | undefined;
  const CACHE_MS = 8000;
  beforeAll(async () => {
    if (!(await postgresReachable())) return void (skip = true);
    const db = await createTestDatabase();
    drop = db.drop;
    a = await startTestServer({
      db: 'postgres',
      databaseUrl: db.url,
      env: { SESSION_CACHE_MS: String(CACHE_MS) },
    });
    b = await startTestServer({ db: 'postgres', databaseUrl: db.url });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it('a sign-out on another instance ends the session here at once, well within the cache window', async (ctx) => {
    if (skip) return ctx.skip();
    const onB = await b.login('reviewer');
    const onA = Object.assign(new TestClient(a.url), { cookie: onB.cookie, csrfToken: onB.csrfToken });
    expect((await onA.get('/api/processes')).status).toBe(200);
    const signedOut = Date.now();
    expect((await onB.request('DELETE', '/api/session')).status).toBe(204);
    let status = 200;
    while (status === 200 && Date.now() - signedOut < 20_000)
      status = (await onA.get('/api/processes')).status;
    expect(status).toBe(401);
    // The time of a notification and a few requests on a loaded machine, far below the cache's 8 s.
    expect(Date.now() - signedOut).toBeLessThan(2000);
  });
});
