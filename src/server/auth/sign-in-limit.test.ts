import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../db/client';
import { purgeHousekeeping } from '../db/housekeeping';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { startTestServer, type TestClient, type TestServer } from '../../../test-support/test-server';

// Issue #15: a sign-in limit that cannot be turned against users. Behind our proxy (TRUST_PROXY=1) the client is the
// right-most X-Forwarded-For entry; limits count per username and address (IPv6 per /64), and a browser that signed
// in before (device cookie) is not locked out by guesses from elsewhere.
describe.each(DB_KINDS)('sign-in limits on %s', (kind) => {
  let server: TestServer;
  let skip = false;
  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    server = await startTestServer({ db: kind, env: { TRUST_PROXY: '1' } });
  });
  afterAll(async () => server?.close());

  const signIn = async (client: TestClient, username: string, password: string, forwardedFor: string) => {
    const res = await client.request(
      'POST',
      '/api/session',
      { username, password },
      { headers: { 'x-forwarded-for': forwardedFor } },
    );
    if (res.status === 200)
      client.csrfToken = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  };

  it('ten guesses at the admin from one address do not lock the admin out elsewhere; the address is the right-most hop', async (ctx) => {
    if (skip) return ctx.skip();
    // The attacker writes whatever it likes to the left; our proxy appends the address it saw.
    for (let i = 0; i < 10; i++)
      expect((await signIn(server.client(), 'admin', `guess-${i}`, `10.9.8.${i}, 198.51.100.1`)).status).toBe(
        401,
      );
    const stillHeld = await signIn(server.client(), 'admin', 'demo-password', '10.200.0.1, 198.51.100.1');
    expect(stillHeld.status).toBe(429);
    expect(Number(stillHeld.headers.get('retry-after'))).toBeGreaterThan(0);
    // The real admin, at another address (a left-hand entry naming the attacker's address changes nothing).
    expect(
      (await signIn(server.client(), 'admin', 'demo-password', '198.51.100.1, 198.51.100.2')).status,
    ).toBe(200);
  });

  it('a browser that signed in before is not locked out by guesses from behind the same address', async (ctx) => {
    if (skip) return ctx.skip();
    const office = '203.0.113.77';
    const own = server.client();
    expect((await signIn(own, 'reviewer', 'demo-password', office)).status).toBe(200);
    const device = own.cookieValue('ad_device');
    expect(device).toBeTruthy();
    const setCookie = (await signIn(server.client(), 'reviewer', 'demo-password', '203.0.113.78')).headers
      .getSetCookie()
      .find((c) => c.startsWith('ad_device='));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect((await own.request('DELETE', '/api/session')).status).toBe(204);
    for (let i = 0; i < 10; i++)
      expect((await signIn(server.client(), 'reviewer', `guess-${i}`, office)).status).toBe(401);
    // A new browser at that address waits …
    expect((await signIn(server.client(), 'reviewer', 'demo-password', office)).status).toBe(429);
    // … the reviewer's own browser does not.
    expect((await signIn(own, 'reviewer', 'demo-password', office)).status).toBe(200);
    // A forged device cookie is worth nothing.
    const forged = server.client();
    forged.cookie = `ad_device=${device!.slice(0, -4)}AAAA`;
    expect((await signIn(forged, 'reviewer', 'demo-password', office)).status).toBe(429);
  });

  it('counts IPv6 addresses by their /64', async (ctx) => {
    if (skip) return ctx.skip();
    for (let i = 1; i <= 10; i++)
      expect(
        (await signIn(server.client(), 'operator', `guess-${i}`, `2001:db8:1:2::${i.toString(16)}`)).status,
      ).toBe(401);
    // Another address of the same /64 (written differently) is the same client.
    expect(
      (await signIn(server.client(), 'operator', 'demo-password', '2001:DB8:1:2:ffff:0:0:1')).status,
    ).toBe(429);
    expect((await signIn(server.client(), 'operator', 'demo-password', '2001:db8:1:3::1')).status).toBe(200);
  });

  it('records failed sign-ins as security events, not in the audit log; sign-ins and sign-outs stay audited', async (ctx) => {
    if (skip) return ctx.skip();
    const db = server.deps.database.db;
    const c = server.client();
    expect((await signIn(c, 'manager', 'wrong-password-5150', '192.0.2.51')).status).toBe(401);
    const events = await query<{ kind: string; username: string; address: string; details: unknown }>(
      db,
      sql`SELECT kind, username, address, details FROM security_events WHERE address = '192.0.2.51'`,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'login_failed', username: 'manager', address: '192.0.2.51' });
    expect(JSON.stringify(events)).not.toContain('wrong-password-5150');
    expect((await signIn(c, 'manager', 'demo-password', '192.0.2.51')).status).toBe(200);
    expect((await c.request('DELETE', '/api/session')).status).toBe(204);
    const admin = await server.login('admin');
    const audit = await admin.json<{ items: Array<{ actor: string; action: string }> }>(
      'GET',
      '/api/audit?limit=500',
    );
    const actions = audit.body.items.map((e) => e.action);
    expect(actions).not.toContain('session.login_failed');
    expect(
      audit.body.items
        .filter((e) => e.actor === 'manager')
        .map((e) => e.action)
        .slice(0, 2),
    ).toEqual(['session.logout', 'session.login']);
  });

  it('purges security events past their retention in the hourly housekeeping', async (ctx) => {
    if (skip) return ctx.skip();
    const db = server.deps.database.db;
    await db.execute(
      sql`INSERT INTO security_events (kind, username, address, at) VALUES ('login_failed', 'old-one', '192.0.2.60', now() - interval '91 days'), ('login_failed', 'recent-one', '192.0.2.60', now() - interval '89 days')`,
    );
    await purgeHousekeeping(db, { securityEventsDays: 90 });
    const left = await query<{ username: string }>(
      db,
      sql`SELECT username FROM security_events WHERE address = '192.0.2.60'`,
    );
    expect(left.map((r) => r.username)).toEqual(['recent-one']);
  });
});
