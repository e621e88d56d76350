import { createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../db/schema';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { captureLog, startTestServer, TestClient, type TestServer } from '../../../test-support/test-server';

// An authenticator app of our own (RFC 6238 / RFC 4226 over SHA-1), so expected codes do not come from the code under test.
function base32Decode(s: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of s.replace(/=+$/, '').toUpperCase())
    bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}
function authenticator(secret: string, at = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

type Challenge = { mfaRequired: true; mfaToken: string; enrolment?: { secret: string; otpauthUrl: string } };
type Signed = { user: { username: string; role: string }; csrfToken: string; recoveryCodes?: string[] };

describe.each(DB_KINDS)('second factor (TOTP) on %s', (kind) => {
  let server: TestServer;
  let admin: TestClient;
  let skip = false;
  let serial = 0;
  const logged = captureLog();

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    server = await startTestServer({ db: kind, log: logged.log });
    admin = await server.login('admin');
  });
  afterAll(async () => server?.close());

  async function newUser(role: string) {
    const username = `person${++serial}`;
    const res = await admin.json<{ id: number }>('POST', '/api/users', {
      username,
      role,
      password: 'a-long-password-1',
    });
    expect(res.status).toBe(201);
    return { username, id: res.body.id, password: 'a-long-password-1' };
  }

  async function passwordStep(c: TestClient, username: string, password = 'a-long-password-1') {
    const res = await c.json<Challenge & Signed>('POST', '/api/session', { username, password });
    expect(res.status).toBe(200);
    return res.body;
  }

  /** A reviewer who has enrolled: their secret and recovery codes, and a client signed in. */
  async function enrolledReviewer() {
    const u = await newUser('reviewer');
    const c = server.client();
    const challenge = await passwordStep(c, u.username);
    const secret = challenge.enrolment!.secret;
    const done = await c.json<Signed>('POST', '/api/session/mfa', {
      mfaToken: challenge.mfaToken,
      code: authenticator(secret),
    });
    expect(done.status).toBe(200);
    return {
      ...u,
      secret,
      recoveryCodes: done.body.recoveryCodes!,
      client: c,
      enrolmentCode: authenticator(secret),
    };
  }

  it('a reviewer without a second factor is asked to enrol: secret, otpauth URL, no session yet; a right code completes it', async (ctx) => {
    if (skip) return ctx.skip();
    const u = await newUser('reviewer');
    const c = server.client();
    const challenge = await passwordStep(c, u.username);
    expect(challenge.mfaRequired).toBe(true);
    expect(challenge.mfaToken).toMatch(/^[\w-]{30,}$/);
    const { secret, otpauthUrl } = challenge.enrolment!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/); // 160 bits, base32
    const url = new URL(otpauthUrl);
    expect(url.protocol).toBe('otpauth:');
    expect(url.host).toBe('totp');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('algorithm')).toBe('SHA1');
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
    expect(decodeURIComponent(url.pathname)).toContain(u.username);
    // No session before the code.
    expect(c.cookie).toBe('');
    expect((await c.get('/api/processes')).status).toBe(401);

    const wrong = await c.request('POST', '/api/session/mfa', {
      mfaToken: challenge.mfaToken,
      code: authenticator(secret, Date.now() - 10 * 60_000),
    });
    expect(wrong.status).toBe(401);
    const done = await c.json<Signed>('POST', '/api/session/mfa', {
      mfaToken: challenge.mfaToken,
      code: authenticator(secret),
    });
    expect(done.status).toBe(200);
    expect(done.body.user).toEqual({ username: u.username, role: 'reviewer' });
    expect(done.body.csrfToken).toMatch(/^[\w-]{20,}$/);
    // Ten recovery codes, different from each other, shown this once.
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect(new Set(done.body.recoveryCodes).size).toBe(10);
    expect((await c.get('/api/processes')).status).toBe(200);
    // The session says how the user authenticated.
    const amr = await server.deps.database.db
      .select({ amr: sessions.amr })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(users.username, u.username));
    expect(amr.map((r) => r.amr)).toEqual([['pwd', 'otp']]);
    // The token is spent.
    expect(
      (
        await c.request('POST', '/api/session/mfa', {
          mfaToken: challenge.mfaToken,
          code: authenticator(secret, Date.now() + 30_000),
        })
      ).status,
    ).toBe(401);
  });

  it('once enrolled, a sign-in asks for a code without showing the secret again, and a valid code signs in', async (ctx) => {
    if (skip) return ctx.skip();
    const u = await enrolledReviewer();
    const c = server.client();
    const challenge = await passwordStep(c, u.username);
    expect(challenge.mfaRequired).toBe(true);
    expect(challenge.enrolment).toBeUndefined();
    // The next step's code: the enrolment code's own step is used up.
    const res = await c.json<Signed>('POST', '/api/session/mfa', {
      mfaToken: challenge.mfaToken,
      code: authenticator(u.secret, Date.now() + 30_000),
    });
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe(u.username);
    expect(res.body.recoveryCodes).toBeUndefined();
    expect((await c.get('/api/processes')).status).toBe(200);
  });

  it('refuses a code already used in its time step', async (ctx) => {
    if (skip) return ctx.skip();
    const u = await enrolledReviewer();
    const c = server.client();
    const first = await passwordStep(c, u.username);
    const next = authenticator(u.secret, Date.now() + 30_000);
    expect(
      (await c.request('POST', '/api/session/mfa', { mfaToken: first.mfaToken, code: next })).status,
    ).toBe(200);
    const other = server.client();
    const second = await passwordStep(other, u.username);
    const replay = await other.request('POST', '/api/session/mfa', { mfaToken: second.mfaToken, code: next });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: { code: 'code_reused' } });
    expect((await other.get('/api/processes')).status).toBe(401);
  });

  it('accepts each recovery code once', async (ctx) => {
    if (skip) return ctx.skip();
    const u = await enrolledReviewer();
    const [code] = u.recoveryCodes;
    const c = server.client();
    const first = await passwordStep(c, u.username);
    expect(
      (await c.request('POST', '/api/session/mfa', { mfaToken: first.mfaToken, code: code!.toUpperCase() }))
        .status,
    ).toBe(200);
    expect((await c.get('/api/processes')).status).toBe(200);
    const other = server.client();
    const second = await passwordStep(other, u.username);
    expect(
      (await other.request('POST', '/api/session/mfa', { mfaToken: second.mfaToken, code })).status,
    ).toBe(401);
    expect(
      (
        await other.request('POST', '/api/session/mfa', {
          mfaToken: second.mfaToken,
          code: u.recoveryCodes[1],
        })
      ).status,
    ).toBe(200);
  });

  it('an admin resets a second factor: audited, the user signed out and asked to enrol again', async (ctx) => {
    if (skip) return ctx.skip();
    const u = await enrolledReviewer();
    expect((await u.client.get('/api/processes')).status).toBe(200);
    const reviewer = await server.login('reviewer');
    expect((await reviewer.request('DELETE', `/api/users/${u.id}/mfa`)).status).toBe(403);
    expect((await admin.request('DELETE', `/api/users/${u.id}/mfa`)).status).toBe(204);
    expect((await u.client.get('/api/processes')).status).toBe(401);
    const challenge = await passwordStep(server.client(), u.username);
    expect(challenge.enrolment?.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(challenge.enrolment!.secret).not.toBe(u.secret);
    const auditLog = await admin.json<{
      items: Array<{ actor: string; action: string; target: string | null }>;
    }>('GET', `/api/audit?action=user.mfa_reset`);
    expect(
      auditLog.body.items.some(
        (e) => e.actor === 'admin' && e.action === 'user.mfa_reset' && e.target === u.username,
      ),
    ).toBe(true);
    expect((await admin.request('DELETE', '/api/users/999999/mfa')).status).toBe(404);
    expect((await admin.request('DELETE', '/api/users/abc/mfa')).status).toBe(400);
    expect((await admin.request('DELETE', '/api/users/99999999999/mfa')).status).toBe(400);
  });

  it('asks only the roles the admin setting names (default admin and reviewer); demo accounts are exempt', async (ctx) => {
    if (skip) return ctx.skip();
    expect((await admin.json('GET', '/api/settings/mfa')).body).toEqual({
      requiredRoles: ['admin', 'reviewer'],
      stepUpMinutes: 0,
    });
    const op = await newUser('operator');
    const direct = await passwordStep(server.client(), op.username);
    expect(direct).toMatchObject({ user: { username: op.username, role: 'operator' } });
    const newAdmin = await newUser('admin');
    expect((await passwordStep(server.client(), newAdmin.username)).mfaRequired).toBe(true);
    expect((await admin.request('PUT', '/api/settings/mfa', { requiredRoles: ['operator'] })).status).toBe(
      200,
    );
    expect((await passwordStep(server.client(), op.username)).enrolment).toBeDefined();
    expect((await admin.request('PUT', '/api/settings/mfa', { requiredRoles: ['boss'] })).status).toBe(400);
    expect(
      (await (await server.login('manager')).request('PUT', '/api/settings/mfa', { requiredRoles: [] }))
        .status,
    ).toBe(403);
    // The demo accounts (DEMO_USERS on) sign in with a password alone, and the start-up log says so.
    expect((await passwordStep(server.client(), 'operator', 'demo-password')).user).toEqual({
      username: 'operator',
      role: 'operator',
    });
    expect(logged.lines.some((l) => l.includes('demo accounts are exempt from the second factor'))).toBe(
      true,
    );
    await admin.request('PUT', '/api/settings/mfa', { requiredRoles: ['admin', 'reviewer'] });
  });

  it('counts wrong codes in the sign-in limiter: after ten, even the right code waits', async (ctx) => {
    if (skip) return ctx.skip();
    // A server of its own: the failures below would otherwise hold back the address for the other tests.
    const shared = { server, admin };
    server = await startTestServer({ db: kind });
    admin = await server.login('admin');
    ctx.onTestFinished(async () => {
      await server.close();
      ({ server, admin } = shared);
    });
    const u = await enrolledReviewer();
    const c = server.client();
    const challenge = await passwordStep(c, u.username);
    const statuses: number[] = [];
    for (let i = 0; i < 12 && !statuses.includes(429); i++) {
      const wrong = authenticator(u.secret, Date.now() - 10 * 60_000);
      statuses.push(
        (await c.request('POST', '/api/session/mfa', { mfaToken: challenge.mfaToken, code: wrong })).status,
      );
    }
    // Ten wrong codes are refused as wrong, then the limiter holds further attempts back.
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.at(-1)).toBe(429);
    // Even the right code now waits.
    const blocked = await c.request('POST', '/api/session/mfa', {
      mfaToken: challenge.mfaToken,
      code: authenticator(u.secret, Date.now() + 30_000),
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await c.get('/api/processes')).status).toBe(401);
  });

  it('step-up: with the setting on, a sign-in older than N minutes cannot reveal an identifier or open a full result', async (ctx) => {
    if (skip) return ctx.skip();
    const reveal = (c: TestClient) =>
      c.request('POST', '/api/processes/no-such-process/reveal', {
        field: 'documentNumber',
        reason: 'checking the document',
      });
    const fullResult = (c: TestClient) => c.get('/api/processes/no-such-process/full-result?reason=checking');
    const reviewer = await server.login('reviewer');
    // Off by default: the request goes on (to the unknown process).
    expect((await reveal(reviewer)).status).toBe(404);
    expect((await admin.request('PUT', '/api/settings/mfa', { stepUpMinutes: 5 })).status).toBe(200);
    expect((await reveal(reviewer)).status).toBe(404);
    expect((await fullResult(reviewer)).status).toBe(404);
    // The same session, signed into ten minutes ago.
    await server.deps.database.db
      .update(sessions)
      .set({ createdAt: sql`now() - interval '10 minutes'` })
      .where(sql`${sessions.userId} = (SELECT id FROM users WHERE username = 'reviewer')`);
    const stale = await reveal(reviewer);
    expect(stale.status).toBe(403);
    expect(await stale.json()).toMatchObject({ error: { code: 'step_up_required' } });
    expect(await (await fullResult(reviewer)).json()).toMatchObject({ error: { code: 'step_up_required' } });
    // Other reading is not affected, and signing in again lifts it.
    expect((await reviewer.get('/api/processes')).status).toBe(200);
    const again = await server.login('reviewer');
    expect((await reveal(again)).status).toBe(404);
    expect((await admin.request('PUT', '/api/settings/mfa', { stepUpMinutes: -1 })).status).toBe(400);
    await admin.request('PUT', '/api/settings/mfa', { stepUpMinutes: 0 });
  });

  it('refuses an unknown token and bad input without a 500', async (ctx) => {
    if (skip) return ctx.skip();
    expect(
      (await server.client().request('POST', '/api/session/mfa', { mfaToken: 'nope', code: '123456' }))
        .status,
    ).toBe(401);
    expect((await server.client().request('POST', '/api/session/mfa', { code: '123456' })).status).toBe(400);
    expect((await server.client().request('POST', '/api/session/mfa', '{', {})).status).toBe(400);
  });
});
