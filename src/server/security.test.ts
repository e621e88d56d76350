import { Agent, request } from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorFields } from './lib/logger';
import { DB_KINDS, postgresReachable } from '../../test-support/databases';
import { captureLog, startTestServer, type TestServer } from '../../test-support/test-server';

/** One request through `agent`, body written in full; resolves with the status and the body text. */
function send(
  agent: Agent,
  url: string,
  method: string,
  body?: string,
): Promise<{ status: number; body: string; connection?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method,
      agent,
      headers:
        body === undefined
          ? {}
          : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('transport', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: 'pglite' });
  });
  afterAll(async () => server?.close());

  it('keeps a keep-alive client working after a body answered early with 413', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let round = 0; round < 3; round++) {
        const big = await send(
          agent,
          `${server.url}/api/session`,
          'POST',
          JSON.stringify({ username: 'x', password: 'y'.repeat(2 * 1024 * 1024) }),
        );
        expect(big.status).toBe(413);
        const next = await send(
          agent,
          `${server.url}/api/session`,
          'POST',
          JSON.stringify({ username: 'reviewer', password: 'demo-password' }),
        );
        expect(next.status).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  }, 60_000);
});

describe.each(DB_KINDS)('database errors in the log on %s', (kind) => {
  it('logs the error class and code, never the query, its parameters or the password hash', async (ctx) => {
    if (kind === 'postgres' && !(await postgresReachable())) return ctx.skip();
    const logged = captureLog();
    const server = await startTestServer({ db: kind, log: logged.log });
    try {
      const admin = await server.login('admin');
      // The user is stored, then its audit entry fails: the query that fails carries the new user's name.
      await server.deps.database.db.execute(sql`ALTER TABLE audit_events RENAME TO audit_events_away`);
      const res = await admin.request('POST', '/api/users', {
        username: 'marker-user-4711',
        role: 'reviewer',
        password: 'marker-password-4711',
      });
      expect(res.status).toBe(500);
      expect(await res.text()).not.toMatch(/audit_events|insert|marker/i);
      const text = logged.lines.join('\n');
      const line = logged.lines.find((l) => l.includes('unhandled error'));
      expect(line).toBeDefined();
      expect(JSON.parse(line!)).toMatchObject({
        err: { causes: [expect.objectContaining({ code: '42P01' })] },
      });
      for (const leak of [
        'marker-user-4711',
        'marker-password',
        'scrypt$',
        'insert into',
        'audit_events',
        'params',
      ]) {
        expect(text.toLowerCase(), leak).not.toContain(leak.toLowerCase());
      }
    } finally {
      await server.close();
    }
  }, 60_000);

  it('keeps the SQLSTATE code and drops the parameter values of a failed query', async (ctx) => {
    if (kind === 'postgres' && !(await postgresReachable())) return ctx.skip();
    const server = await startTestServer({ db: kind });
    try {
      const err = await server.deps.database.db.execute(sql`SELECT ${'secret-value-1234'}::int`).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(String(err)).toContain('secret-value-1234'); // what used to be logged
      const fields = JSON.stringify(errorFields(err));
      expect(fields).toContain('22P02');
      expect(fields).not.toContain('secret-value-1234');
      expect(fields).not.toMatch(/select/i);
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('Fetch Metadata', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db: 'pglite' });
  });
  afterAll(async () => server?.close());

  it('refuses requests a page of another site makes the browser send, on every authenticated route', async () => {
    const reviewer = await server.login('reviewer');
    const admin = await server.login('admin');
    const exports = async () =>
      (await admin.json<{ items: unknown[] }>('GET', '/api/audit?action=export.csv')).body.items.length;
    const before = await exports();
    const crossSite = {
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'document',
    };
    for (const [client, method, path] of [
      [reviewer, 'GET', '/api/processes/export'],
      [admin, 'GET', '/api/audit/export'],
      [reviewer, 'GET', '/api/processes'],
      [reviewer, 'GET', '/api/session'],
      [reviewer, 'POST', '/api/session/sign-out-everywhere'],
      [admin, 'GET', '/api/users'],
    ] as const) {
      const res = await client.request(method, path, undefined, { headers: crossSite });
      expect(res.status, path).toBe(403);
      expect(await res.json(), path).toEqual({ error: { code: 'cross_site', message: expect.any(String) } });
    }
    // Nothing was exported (an export is audited before its first byte), and the reviewer is still signed in.
    expect(await exports()).toBe(before);
    expect((await reviewer.get('/api/processes')).status).toBe(200);
  });

  it("keeps the SPA's own requests and downloads working: same-origin, same-site, none (typed or bookmarked) and absent", async () => {
    const reviewer = await server.login('reviewer');
    for (const site of ['same-origin', 'same-site', 'none', undefined]) {
      const headers: Record<string, string> = site ? { 'sec-fetch-site': site } : {};
      const csv = await reviewer.request('GET', '/api/processes/export', undefined, { headers });
      expect(csv.status, String(site)).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      await csv.arrayBuffer();
      expect(
        (await reviewer.request('GET', '/api/processes', undefined, { headers })).status,
        String(site),
      ).toBe(200);
    }
  });
});
