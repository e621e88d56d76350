import { randomBytes, scryptSync } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../db/client';
import { createTestDatabase, DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { startTestServer, TestClient, type TestServer } from '../../../test-support/test-server';

// Issue #15: idle timeout, "sign out everywhere", __Host- cookies over HTTPS, and scrypt at OWASP's minimum.
describe.each(DB_KINDS)('sessions on %s', (kind) => {
  let server: TestServer;
  let skip = false;
  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    server = await startTestServer({ db: kind, env: { SESSION_CACHE_MS: '10000' } });
  });
  afterAll(async () => server?.close());

  const replay = (c: TestClient) =>
    Object.assign(new TestClient(server.url), { cookie: c.cookie, csrfToken: c.csrfToken });

  it('ends a session unused for 30 minutes, and keeps one in use', async (ctx) => {
    if (skip) return ctx.skip();
    const db = server.deps.database.db;
    const idle = await server.login('reviewer');
    await db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes'`);
    expect((await idle.get('/api/processes')).status).toBe(401);
    const busy = await server.login('reviewer');
    await db.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '29 minutes'`);
    expect((await busy.get('/api/processes')).status).toBe(200);
    // The use counts as activity: 29 minutes later it is still alive.
    const [row] = await query<{ idle_s: number }>(
      db,
      sql`SELECT extract(epoch FROM now() - max(last_seen_at))::int AS idle_s FROM sessions`,
    );
    expect(Number(row!.idle_s)).toBeLessThan(60);
  });

  it('"sign out everywhere" ends every session of the user at once, the cached ones too', async (ctx) => {
    if (skip) return ctx.skip();
    const laptop = await server.login('operator');
    const phone = await server.login('operator');
    const other = await server.login('reviewer');
    for (const c of [laptop, phone, other]) expect((await c.get('/api/processes')).status).toBe(200);
    const res = await phone.request('POST', '/api/session/sign-out-everywhere');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sessions: 2 });
    expect((await laptop.get('/api/processes')).status).toBe(401);
    expect((await replay(phone).get('/api/processes')).status).toBe(401);
    expect((await other.get('/api/processes')).status).toBe(200);
    const admin = await server.login('admin');
    const audit = await admin.json<{ items: Array<{ action: string; actor: string }> }>(
      'GET',
      '/api/audit?action=session.sign_out_everywhere',
    );
    expect(audit.body.items[0]).toMatchObject({ actor: 'operator' });
  });

  it('an administrator signs another user out everywhere; other roles may not', async (ctx) => {
    if (skip) return ctx.skip();
    const target = await server.login('manager');
    expect((await target.get('/api/processes')).status).toBe(200);
    const admin = await server.login('admin');
    const users = await admin.json<{ items: Array<{ id: number; username: string }> }>('GET', '/api/users');
    const id = users.body.items.find((u) => u.username === 'manager')!.id;
    const reviewer = await server.login('reviewer');
    expect((await reviewer.request('POST', `/api/users/${id}/sign-out-everywhere`)).status).toBe(403);
    expect((await target.get('/api/processes')).status).toBe(200);
    const res = await admin.request('POST', `/api/users/${id}/sign-out-everywhere`);
    expect(res.status).toBe(200);
    expect((await target.get('/api/processes')).status).toBe(401);
    expect((await admin.get('/api/processes')).status).toBe(200);
    expect((await admin.request('POST', '/api/users/99999999999/sign-out-everywhere')).status).toBe(400);
    expect((await admin.request('POST', '/api/users/999999/sign-out-everywhere')).status).toBe(404);
    const audit = await admin.json<{ items: Array<{ action: string; actor: string; target: string }> }>(
      'GET',
      '/api/audit?action=user.sign_out_everywhere',
    );
    expect(audit.body.items[0]).toMatchObject({ actor: 'admin', target: 'manager' });
  });

  it('hashes new passwords with scrypt N=2^17, r=8, p=1 and upgrades an old hash at the next sign-in', async (ctx) => {
    if (skip) return ctx.skip();
    const db = server.deps.database.db;
    // A hash as the previous version stored it: N=2^14.
    const salt = randomBytes(16);
    const key = scryptSync('old-password-1', salt, 32, { N: 16384, r: 8, p: 1 });
    const oldHash = ['scrypt', 16384, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    await db.execute(
      sql`INSERT INTO users (username, password_hash, role) VALUES ('legacy-user', ${oldHash}, 'reviewer')`,
    );
    const hashOf = async () =>
      (
        await query<{ h: string }>(
          db,
          sql`SELECT password_hash AS h FROM users WHERE username = 'legacy-user'`,
        )
      )[0]!.h;
    expect(
      (await server.client().request('POST', '/api/session', { username: 'legacy-user', password: 'wrong' }))
        .status,
    ).toBe(401);
    expect(await hashOf()).toBe(oldHash);
    expect(
      (
        await server
          .client()
          .request('POST', '/api/session', { username: 'legacy-user', password: 'old-password-1' })
      ).status,
    ).toBe(200);
    const upgraded = await hashOf();
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(
      (
        await server
          .client()
          .request('POST', '/api/session', { username: 'legacy-user', password: 'old-password-1' })
      ).status,
    ).toBe(200);
    const admin = await server.login('admin');
    expect(
      (
        await admin.request('POST', '/api/users', {
          username: 'fresh-user',
          role: 'reviewer',
          password: 'fresh-password-1',
        })
      ).status,
    ).toBe(201);
    const [fresh] = await query<{ h: string }>(
      db,
      sql`SELECT password_hash AS h FROM users WHERE username = 'fresh-user'`,
    );
    expect(fresh!.h).toMatch(/^scrypt\$131072\$8\$1\$/);
  });
});

describe('cookies over HTTPS', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: 'pglite', env: { PUBLIC_URL: 'https://desk.example.test' } });
  });
  afterAll(async () => server?.close());

  it('prefixes the session and device cookies with __Host- (Secure, Path=/, no Domain) when PUBLIC_URL is https', async () => {
    const c = server.client();
    const res = await c.request('POST', '/api/session', { username: 'reviewer', password: 'demo-password' });
    expect(res.status).toBe(200);
    c.csrfToken = ((await res.json()) as { csrfToken: string }).csrfToken;
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((s) => s.startsWith('__Host-ad_session='));
    const device = cookies.find((s) => s.startsWith('__Host-ad_device='));
    for (const cookie of [session, device]) {
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*Path=\//i);
      expect(cookie).not.toMatch(/Domain=/i);
      expect(cookie).toMatch(/HttpOnly/i);
    }
    expect((await c.get('/api/processes')).status).toBe(200);
    // The unprefixed name (which a sibling subdomain could set) is not a session here.
    const unprefixed = server.client();
    unprefixed.cookie = `ad_session=${c.cookieValue('__Host-ad_session')}`;
    expect((await unprefixed.get('/api/processes')).status).toBe(401);
  });
});

describe('revocations across instances (postgres)', () => {
  let skip = false;
  let a: TestServer;
  let b: TestServer;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!(await postgresReachable())) return void (skip = true);
    const db = await createTestDatabase();
    drop = db.drop;
    a = await startTestServer({ db: 'postgres', databaseUrl: db.url, env: { SESSION_CACHE_MS: '10000' } });
    b = await startTestServer({ db: 'postgres', databaseUrl: db.url, env: { SESSION_CACHE_MS: '10000' } });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it('"sign out everywhere" on one instance ends the sessions another instance has cached, at once', async (ctx) => {
    if (skip) return ctx.skip();
    const onA = await a.login('reviewer');
    expect((await onA.get('/api/processes')).status).toBe(200); // cached on A for 10 s
    const onB = await b.login('reviewer');
    expect((await onB.request('POST', '/api/session/sign-out-everywhere')).status).toBe(200);
    // The notification travels over the database connection; allow it the time of a few round trips, far below 10 s.
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < 5000) status = (await onA.get('/api/processes')).status;
    expect(status).toBe(401);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
