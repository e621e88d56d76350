import { request } from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from './auth/password';
import {
  ADDRESS_FREE_FAILURES,
  beginLoginAttempt,
  clearLoginFailures,
  failLoginAttempt,
  USER_FREE_FAILURES,
} from './auth/rate-limit';
import { query } from './db/client';
import { DB_KINDS, postgresReachable } from '../../test-support/databases';
import { startTestStack } from '../../test-support/stack';
import { captureLog, type TestClient } from '../../test-support/test-server';

type Stack = Awaited<ReturnType<typeof startTestStack>>;

/** A POST through node:http, which reads an early answer even when the server stops reading the upload. */
function rawPost(url: string, body: string, client: TestClient): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        cookie: client.cookie,
        'x-csrf-token': client.csrfToken,
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const HOSTILE = [
  "'; DROP TABLE processes; --",
  "' OR '1'='1",
  '%_%\\',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '\u0000null\u0000byte',
  '../../etc/passwd',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ ＜＞',
  'a'.repeat(199),
];

describe.each(DB_KINDS)('hostile input on %s', (kind) => {
  let stack: Stack;
  let skip = false;
  let reviewer: TestClient;
  let operator: TestClient;
  let admin: TestClient;
  let counts: () => Promise<string>;
  // Every line the server logs during the run, searched at the end for the values sent.
  const logged = captureLog();

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    stack = await startTestStack({ db: kind, sandbox: { dossiers: 8 }, log: logged.log });
    await stack.server.deps.sync.discover();
    reviewer = await stack.server.login('reviewer');
    operator = await stack.server.login('operator');
    admin = await stack.server.login('admin');
    const db = stack.server.deps.database.db;
    counts = async () =>
      JSON.stringify(
        await query(
          db,
          sql`SELECT (SELECT count(*) FROM processes) AS p, (SELECT count(*) FROM decisions) AS d, (SELECT count(*) FROM users) AS u, (SELECT count(*) FROM retries) AS r`,
        ),
      );
  });
  afterAll(async () => stack?.close());

  it('answers every list filter with hostile values with 200 or a clear 400, and changes nothing', async (ctx) => {
    if (skip) return ctx.skip();
    const before = await counts();
    for (const param of ['status', 'provider', 'processType', 'q', 'from', 'to', 'sort', 'cursor', 'limit']) {
      for (const value of [...HOSTILE, 'x'.repeat(5000)]) {
        const res = await reviewer.get(`/api/processes?${param}=${encodeURIComponent(value)}`);
        expect([200, 400], `${param}=${value.slice(0, 30)}`).toContain(res.status);
        const body = (await res.json()) as { error?: { message: string }; items?: unknown[] };
        if (res.status === 400) expect(body.error!.message.length).toBeGreaterThan(5);
        else expect(Array.isArray(body.items)).toBe(true);
      }
    }
    expect(await counts()).toBe(before);
  });

  it('refuses malformed, oversized, unknown-field and wrong-typed bodies with 4xx and a message', async (ctx) => {
    if (skip) return ctx.skip();
    const { processId } = stack.sandbox.control.createProcess({
      provider: 'readid',
      scenario: 'readid.cloneFailed',
    });
    const before = await counts();
    const path = `/api/processes/${processId}/decisions`;
    const cases: Array<[unknown, number]> = [
      ['{"outcome": "approve",', 400],
      ['[]', 400],
      ['null', 400],
      [{ outcome: 'approve', reasonCode: 'verified_manually', admin: true }, 400],
      [{ outcome: 42 }, 400],
      [{ outcome: 'approve', note: { $gt: '' } }, 400],
      [{ outcome: 'approve', note: 'x'.repeat(5000) }, 400],
      [{ outcome: "approve'; --" }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await reviewer.request('POST', path, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.message).toBeTruthy();
    }
    // Oversized: answered 413 from the declared length, before the body is read.
    const big = await rawPost(
      `${stack.server.url}${path}`,
      JSON.stringify({ outcome: 'approve', note: 'x'.repeat(2 * 1024 * 1024) }),
      reviewer,
    );
    expect(big.status).toBe(413);
    expect(big.body).toContain('larger than 1 MB');
    for (const [p, body] of [
      ['/api/session', { username: ['admin'], password: 'x' }],
      ['/api/processes/batch', { processIds: 'all' }],
      ['/api/users', { username: '<b>x</b>', role: 'god', password: 'short' }],
    ] as const) {
      const admin = await stack.server.login('admin');
      expect((await admin.request('POST', p, body)).status, p).toBe(400);
    }
    expect(await counts()).toBe(before);
  });

  it('refuses cross-site sign-in and writes without the CSRF token', async (ctx) => {
    if (skip) return ctx.skip();
    const c = stack.server.client();
    const res = await c.request(
      'POST',
      '/api/session',
      { username: 'reviewer', password: 'demo-password' },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(res.status).toBe(403);
    const opaque = await c.request(
      'POST',
      '/api/session',
      { username: 'reviewer', password: 'demo-password' },
      { headers: { origin: 'null' } },
    );
    expect(opaque.status).toBe(403);
    const r = await stack.server.login('reviewer');
    expect((await r.request('POST', '/api/processes/x/claim', {}, { csrf: false })).status).toBe(403);
  });

  it('issues a new session id at sign-in, whatever cookie the browser brought (no fixation)', async (ctx) => {
    if (skip) return ctx.skip();
    const c = stack.server.client();
    c.cookie = 'ad_session=attacker-chosen-value';
    await c.login('reviewer', 'demo-password');
    expect(c.cookie).not.toContain('attacker-chosen-value');
    const attacker = stack.server.client();
    attacker.cookie = 'ad_session=attacker-chosen-value';
    expect((await attacker.get('/api/processes')).status).toBe(401);
  });

  it('slows brute force: after 10 failed sign-ins from one place, each further guess waits a growing back-off', async (ctx) => {
    if (skip) return ctx.skip();
    const c = stack.server.client();
    for (let i = 0; i < 10; i++)
      expect(
        (await c.request('POST', '/api/session', { username: 'operator', password: `guess-${i}` })).status,
      ).toBe(401);
    const blocked = await c.request('POST', '/api/session', {
      username: 'operator',
      password: 'demo-password',
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(25);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    // Once the wait has passed (the attempts are made older instead of sleeping), one more guess is checked …
    const db = stack.server.deps.database.db;
    await db.execute(
      sql`UPDATE login_attempts SET at = at - interval '31 seconds' WHERE username = 'operator'`,
    );
    expect(
      (await c.request('POST', '/api/session', { username: 'operator', password: 'guess-10' })).status,
    ).toBe(401);
    // … and the next wait is twice as long.
    const again = await c.request('POST', '/api/session', {
      username: 'operator',
      password: 'demo-password',
    });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(55);
    expect(Number(again.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('refuses lone surrogates, crafted cursors and impossible dates with 400, never 500', async (ctx) => {
    if (skip) return ctx.skip();
    const { processId, dossierId } = stack.sandbox.control.createProcess({
      provider: 'readid',
      scenario: 'readid.cloneFailed',
      stayPending: true,
    });
    stack.sandbox.control.advance(processId, 'final');
    await stack.server.deps.sync.refresh(dossierId, processId);
    const before = await counts();
    const bodies: Array<[TestClient, string, unknown, Record<string, string>?]> = [
      [
        reviewer,
        `/api/processes/${processId}/decisions`,
        { outcome: 'reject', reasonCode: 'suspected_fraud', note: `secret-note-\ud800` },
      ],
      [
        reviewer,
        `/api/processes/${processId}/decisions`,
        { outcome: 'approve', note: `secret-note-\udc00-lone-low` },
      ],
      [
        reviewer,
        `/api/processes/${processId}/decisions`,
        { outcome: 'approve', note: `secret-note-\udc00-lone-low` },
      ],
      [
        reviewer,
        `/api/processes/${processId}/decisions`,
        { outcome: 'approve', basedOnUpdatedAt: '-271821-04-19T00:00:00Z' },
      ],
      [
        reviewer,
        `/api/processes/${processId}/reveal`,
        { field: 'documentNumber', reason: `secret-reason-\udfff` },
      ],
      [
        operator,
        `/api/dossiers/${dossierId}/retries`,
        { provider: `secret-\ud83d` },
        { 'idempotency-key': 'hostile-surrogate-1' },
      ],
    ];
    for (const [client, path, body, headers] of bodies) {
      // Sent as JSON text with the escape, as a browser's JSON.stringify of such a string does.
      const res = await client.request('POST', path, JSON.stringify(body), { headers });
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
    }
    const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const bad of [
      cursor({ k: 1e20, id: 'x', d: 'n' }),
      cursor({ k: 1, id: 'a\u0000b', d: 'n' }),
      cursor({ k: 1, id: 'x' }),
      cursor([1]),
      'not a cursor!',
      '%ff',
    ]) {
      const res = await reviewer.get(`/api/processes?cursor=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
    }
    for (const path of [
      '/api/processes?from=2026-02-30',
      '/api/processes?from=0000-00-00',
      '/api/processes?to=-271821-04-19',
      '/api/audit?cursor=1e30',
    ]) {
      expect((await (path.startsWith('/api/audit') ? admin : reviewer).get(path)).status, path).toBe(400);
    }
    expect(await counts()).toBe(before);
  });

  it('logs none of the values sent during the run', async (ctx) => {
    if (skip) return ctx.skip();
    const text = logged.lines.join('\n');
    expect(logged.lines.length).toBeGreaterThan(0);
    for (const value of [
      'secret-note',
      'secret-reason',
      'secret-',
      'demo-password',
      reviewer.csrfToken,
      'scrypt$',
      'DROP TABLE',
      '<script>',
      'Failed query',
    ]) {
      expect(text, value).not.toContain(value);
    }
  });

  it('answers unknown API routes with 404 JSON', async (ctx) => {
    if (skip) return ctx.skip();
    const res = await reviewer.get('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('hides 5xx details: a query failing in the database answers the generic error, the details go to the log', async (ctx) => {
    if (skip) return ctx.skip();
    // The list's table gone from under the running server: its query fails with an SQL error (not an outage).
    const db = stack.server.deps.database.db;
    await db.execute(sql`ALTER TABLE processes RENAME TO processes_hidden_5xx`);
    let res: Response;
    try {
      res = await reviewer.get('/api/processes');
    } finally {
      await db.execute(sql`ALTER TABLE processes_hidden_5xx RENAME TO processes`);
    }
    expect(res.status).toBe(500);
    const text = await res.text();
    const body = JSON.parse(text) as unknown;
    expect(body).toEqual({
      error: {
        code: 'internal',
        message: expect.stringMatching(/^Something went wrong on our side \(request [\w-]+\)\.$/),
      },
    });
    for (const detail of [
      'processes',
      'relation',
      'does not exist',
      'select',
      'failed query',
      '42p01',
      '.ts:',
      ' at ',
      'stack',
    ]) {
      expect(text.toLowerCase(), detail).not.toContain(detail);
    }
    // The operator's log has what the body hides: the database's error code, under the same request id.
    const requestId = /\(request ([\w-]+)\)/.exec(text)![1]!;
    expect(logged.lines.find((l) => l.includes('unhandled error') && l.includes(requestId))).toContain(
      '42P01',
    );
    expect((await reviewer.get('/api/processes')).status).toBe(200);
  });
});

describe.each(DB_KINDS)('the sign-in limit under concurrency on %s', (kind) => {
  it('counts guesses sent in parallel: of 40 at once from 40 addresses, at most 30 get their password checked', async (ctx) => {
    if (kind === 'postgres' && !(await postgresReachable())) return ctx.skip();
    const stack = await startTestStack({ db: kind, sandbox: { dossiers: 1 }, env: { TRUST_PROXY: '1' } });
    try {
      // The manager's own browser signed in yesterday: it holds a device cookie.
      const own = await stack.server.login('manager');
      expect((await own.request('DELETE', '/api/session')).status).toBe(204);
      const attempt = (password: string, i: number) =>
        stack.server
          .client()
          .request(
            'POST',
            '/api/session',
            { username: 'manager', password },
            { headers: { 'x-forwarded-for': `198.51.100.${i}` } },
          );
      const statuses = (
        await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(`guess-${i}`, i)))
      ).map((r) => r.status);
      expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(USER_FREE_FAILURES);
      // Guessing on one by one, the total of checked passwords still stops at the allowance.
      for (let i = 40; i < 50; i++) statuses.push((await attempt(`guess-${i}`, i)).status);
      expect(statuses.filter((s) => s === 401).length).toBe(USER_FREE_FAILURES);
      // A browser that never signed in as the manager waits, whatever its address …
      expect((await attempt('demo-password', 200)).status).toBe(429);
      // … but the manager's own browser is not locked out by guesses from elsewhere.
      const back = await own.request(
        'POST',
        '/api/session',
        { username: 'manager', password: 'demo-password' },
        { headers: { 'x-forwarded-for': '198.51.100.250' } },
      );
      expect(back.status).toBe(200);
    } finally {
      await stack.close();
    }
  }, 180_000);

  it('stays exact across instances: 45 reservations at once, at most 30 may check a password', async (ctx) => {
    if (kind === 'postgres' && !(await postgresReachable())) return ctx.skip();
    const stack = await startTestStack({ db: kind, sandbox: { dossiers: 1 } });
    try {
      const db = stack.server.deps.database.db;
      // No per-instance queue here: this is what two instances racing on one database see.
      const attempts = await Promise.all(
        Array.from({ length: 45 }, (_, i) => beginLoginAttempt(db, 'spread', `203.0.113.${i}`)),
      );
      const admitted = attempts.filter((a) => a.wait === 0);
      expect(admitted.length).toBeLessThanOrEqual(USER_FREE_FAILURES);
      for (const a of admitted) await failLoginAttempt(db, a.id);
      for (let i = 0; i < USER_FREE_FAILURES - admitted.length; i++) {
        const a = await beginLoginAttempt(db, 'spread', `192.0.2.${i}`);
        expect(a.wait).toBe(0);
        await failLoginAttempt(db, a.id);
      }
      expect((await beginLoginAttempt(db, 'spread', '192.0.2.200')).wait).toBeGreaterThan(0);
    } finally {
      await stack.close();
    }
  }, 60_000);

  it('bounds a burst across many usernames from one address (password spraying)', async (ctx) => {
    if (kind === 'postgres' && !(await postgresReachable())) return ctx.skip();
    const stack = await startTestStack({ db: kind, sandbox: { dossiers: 1 } });
    try {
      // A colleague behind the same address signed in before.
      const colleague = await stack.server.login('reviewer');
      expect((await colleague.request('DELETE', '/api/session')).status).toBe(204);
      const statuses = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          stack.server
            .client()
            .request('POST', '/api/session', { username: `sprayed${i}`, password: 'Summer2026!' })
            .then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
      // Passwords in flight count against the address's allowance, so the burst checks no more than it allows.
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(ADDRESS_FREE_FAILURES);
      // Spraying on one by one, the address is held back once its failures reach the allowance.
      let failures = statuses.filter((s) => s === 401).length;
      for (let i = 100; failures < ADDRESS_FREE_FAILURES && i < 200; i++) {
        const status = (
          await stack.server
            .client()
            .request('POST', '/api/session', { username: `sprayed${i}`, password: 'Summer2026!' })
        ).status;
        expect([401, 429]).toContain(status);
        if (status === 401) failures++;
      }
      expect(failures).toBe(ADDRESS_FREE_FAILURES);
      expect(
        (
          await stack.server
            .client()
            .request('POST', '/api/session', { username: 'sprayed999', password: 'x' })
        ).status,
      ).toBe(429);
      // Browsers that never signed in from here wait; the colleague's browser does not.
      expect(
        (
          await stack.server
            .client()
            .request('POST', '/api/session', { username: 'reviewer', password: 'demo-password' })
        ).status,
      ).toBe(429);
      expect(
        (await colleague.request('POST', '/api/session', { username: 'reviewer', password: 'demo-password' }))
          .status,
      ).toBe(200);
    } finally {
      await stack.close();
    }
  }, 180_000);

  it('a successful sign-in forgets the settled failures of its own place, not those of others or guesses in flight', async (ctx) => {
    if (kind === 'postgres' && !(await postgresReachable())) return ctx.skip();
    const stack = await startTestStack({ db: kind, sandbox: { dossiers: 1 } });
    try {
      const db = stack.server.deps.database.db;
      const failedHere = await beginLoginAttempt(db, 'shared', 'c');
      await failLoginAttempt(db, failedHere.id);
      const failedElsewhere = await beginLoginAttempt(db, 'shared', 'a');
      await failLoginAttempt(db, failedElsewhere.id);
      const inFlight = await beginLoginAttempt(db, 'shared', 'b'); // another instance, still checking
      const mine = await beginLoginAttempt(db, 'shared', 'c');
      await clearLoginFailures(db, { username: 'shared', address: 'c' }, mine.id);
      const left = await query<{ id: number }>(
        db,
        sql`SELECT id FROM login_attempts WHERE username = 'shared' ORDER BY id`,
      );
      expect(left.map((r) => Number(r.id))).toEqual([failedElsewhere.id, inFlight.id]);
    } finally {
      await stack.close();
    }
  }, 60_000);

  it('never locks out colleagues signing in at the same moment behind one address', async (ctx) => {
    if (kind === 'postgres' && !(await postgresReachable())) return ctx.skip();
    const stack = await startTestStack({ db: kind, sandbox: { dossiers: 1 } });
    try {
      const names = Array.from({ length: 15 }, (_, i) => `colleague${i}`);
      // One hash for all (each costs a third of a second at N=2^17): the sign-ins are what this is about.
      const hash = await hashPassword('colleague-password');
      for (const username of names)
        await stack.server.deps.database.db.execute(
          sql`INSERT INTO users (username, password_hash, role) VALUES (${username}, ${hash}, 'reviewer')`,
        );
      const statuses = await Promise.all([
        ...names.map((username) =>
          stack.server
            .client()
            .request('POST', '/api/session', { username, password: 'colleague-password' })
            .then((r) => r.status),
        ),
        ...Array.from({ length: 15 }, () =>
          stack.server
            .client()
            .request('POST', '/api/session', { username: 'reviewer', password: 'demo-password' })
            .then((r) => r.status),
        ),
      ]);
      expect(statuses).toEqual(Array(30).fill(200));
    } finally {
      await stack.close();
    }
  }, 180_000);
});
