import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { startTestServer, type TestServer } from '../../../test-support/test-server';

interface Health {
  status: string;
  db: string;
  upstream: { state: string; lastError?: string; lastSuccessAt: string | null };
}

/** A loopback port that was free a moment ago and is closed now: a connection to it is refused. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe.each(DB_KINDS)('auth and sessions on %s', (kind) => {
  let server: TestServer;
  let skip = false;

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) {
      skip = true;
      return;
    }
    server = await startTestServer({ db: kind });
  });
  afterAll(async () => server?.close());

  it('refuses /api/processes without a session (401)', async (ctx) => {
    if (skip) return ctx.skip();
    const res = await server.client().get('/api/processes');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('logs in a demo user and answers the session with role and CSRF token', async (ctx) => {
    if (skip) return ctx.skip();
    const c = server.client();
    const res = await c.request('POST', '/api/session', { username: 'reviewer', password: 'demo-password' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { username: string; role: string }; csrfToken: string };
    expect(body.user).toEqual({ username: 'reviewer', role: 'reviewer' });
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = await c.json<{ user: { username: string } }>('GET', '/api/session');
    expect(session.body.user.username).toBe('reviewer');
    expect((await c.get('/api/processes')).status).toBe(200);
  });

  it('refuses a wrong password with 401 and sets no session', async (ctx) => {
    if (skip) return ctx.skip();
    const c = server.client();
    const res = await c.request('POST', '/api/session', { username: 'reviewer', password: 'nope' });
    expect(res.status).toBe(401);
    expect(c.cookie).toBe('');
  });

  it('refuses a mutating request without the CSRF token (403) and keeps the session', async (ctx) => {
    if (skip) return ctx.skip();
    const c = await server.login('operator');
    const res = await c.request('DELETE', '/api/session', undefined, { csrf: false });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'csrf' } });
    const wrong = await c.request('DELETE', '/api/session', undefined, {
      csrf: false,
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(wrong.status).toBe(403);
    expect((await c.get('/api/processes')).status).toBe(200);
  });

  it('logs out with the CSRF token; the old cookie no longer works', async (ctx) => {
    if (skip) return ctx.skip();
    const c = await server.login('manager');
    const cookie = c.cookie;
    expect((await c.request('DELETE', '/api/session')).status).toBe(204);
    const replay = server.client();
    replay.cookie = cookie;
    expect((await replay.get('/api/processes')).status).toBe(401);
  });

  it('answers a body that is not JSON with 400', async (ctx) => {
    if (skip) return ctx.skip();
    const res = await server.client().request('POST', '/api/session', '{"username":', {});
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('reports health with db ok while the upstream is unreachable', async (ctx) => {
    if (skip) return ctx.skip();
    // Assure on a loopback port nothing listens on: every call is refused.
    const port = await closedPort();
    const upstream = `http://127.0.0.1:${port}`;
    const offline = await startTestServer({
      db: kind,
      assure: { baseUrl: `${upstream}/assure`, tokenUrl: `${upstream}/token` },
    });
    try {
      const before = await offline.client().json<Health>('GET', '/api/health');
      expect(before.body).toMatchObject({ status: 'ok', db: 'ok', upstream: { state: 'ok' } });
      // The background discovery meets the refused connection (three attempts).
      await expect(offline.deps.sync.discover()).rejects.toMatchObject({ kind: 'network' });
      const res = await offline.client().get('/api/health');
      expect(res.status).toBe(200);
      const body = (await res.json()) as Health;
      expect(body).toMatchObject({
        status: 'degraded',
        db: 'ok',
        upstream: { state: 'down', lastError: 'network', lastSuccessAt: null },
      });
    } finally {
      await offline.close();
    }
  });

  it('sends a strict Content-Security-Policy', async (ctx) => {
    if (skip) return ctx.skip();
    const res = await server.client().get('/api/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });
});
