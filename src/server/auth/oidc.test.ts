import { createServer } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, users } from '../db/schema';
import { startTestOidcProvider, type TestOidcProvider } from '../../../test-support/oidc-provider';
import { startTestServer, type TestServer } from '../../../test-support/test-server';

// Single sign-on against a real OpenID Provider on loopback, driven over HTTP as a browser would: redirects followed
// by hand, cookies kept per host.

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** A browser of our own: one cookie jar per host, no automatic redirects. */
class Browser {
  jars = new Map<string, Map<string, string>>();

  async get(
    url: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    const u = new URL(url);
    const jar = this.jars.get(u.host) ?? new Map<string, string>();
    this.jars.set(u.host, jar);
    const headers: Record<string, string> = { ...init.headers };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(u, {
      method: init.method ?? 'GET',
      headers,
      redirect: 'manual',
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (!value || /max-age=0/i.test(c) || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  cookie(host: string, name: string) {
    return this.jars.get(host)?.get(name);
  }
}

const location = (res: Response, base: string) => new URL(res.headers.get('location')!, base).href;

describe('single sign-on through OpenID Connect', () => {
  let op: TestOidcProvider;
  let server: TestServer;
  let appUrl: string;
  let appHost: string;

  beforeAll(async () => {
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    appHost = `127.0.0.1:${port}`;
    const redirect = `${appUrl}/api/auth/oidc/callback`;
    op = await startTestOidcProvider({
      clients: [
        { client_id: 'assure-desk', client_secret: 'desk-secret', redirect_uris: [redirect] },
        { client_id: 'other-app', client_secret: 'other-secret', redirect_uris: [redirect] },
      ],
      accounts: {
        alice: ['kyc-reviewers'],
        olga: ['kyc-ops', 'staff'],
        adam: ['kyc-admins', 'kyc-reviewers'],
        nobody: ['staff'],
        bob: ['kyc-reviewers'],
      },
    });
    server = await startTestServer({
      db: 'pglite',
      env: {
        PORT: String(port),
        PUBLIC_URL: appUrl,
        OIDC_ISSUER: op.issuer,
        OIDC_CLIENT_ID: 'assure-desk',
        OIDC_CLIENT_SECRET: 'desk-secret',
        OIDC_ROLE_MAP: 'kyc-reviewers=reviewer,kyc-ops=operator,kyc-leads=manager,kyc-admins=admin',
        OIDC_DISPLAY_NAME: 'Test IdP',
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await op?.close();
  });

  /** Starts at the desk, signs in at the provider as `account`; returns the callback URL the provider sends back to. */
  async function throughProvider(browser: Browser, account: string) {
    const start = await browser.get(`${appUrl}/api/auth/oidc/login?next=/review-queue`);
    expect(start.status).toBe(302);
    let url = location(start, appUrl);
    for (let hop = 0; hop < 10; hop++) {
      if (url.startsWith(`${appUrl}/api/auth/oidc/callback`))
        return { callback: url, authorize: location(start, appUrl) };
      let res = await browser.get(url);
      if (res.status === 200 && new URL(url).pathname.startsWith('/interaction/')) {
        // The provider's login page: any password.
        res = await browser.get(url, {
          method: 'POST',
          form: { prompt: 'login', login: account, password: 'any' },
        });
      }
      expect([302, 303]).toContain(res.status);
      url = location(res, url);
    }
    throw new Error('the provider never sent the browser back');
  }

  async function signIn(browser: Browser, account: string) {
    const { callback } = await throughProvider(browser, account);
    // As a browser sends it: the provider's page navigates back to the desk, a cross-site navigation.
    return browser.get(callback, {
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
    });
  }

  async function whoAmI(browser: Browser) {
    const res = await browser.get(`${appUrl}/api/session`);
    return ((await res.json()) as { user: { username: string; role: string } | null }).user;
  }

  it('sends the browser to the provider with PKCE (S256), state and nonce, and offers the button', async () => {
    const browser = new Browser();
    const res = await browser.get(`${appUrl}/api/auth/oidc/login`);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(op.issuer);
    expect(to.searchParams.get('client_id')).toBe('assure-desk');
    expect(to.searchParams.get('response_type')).toBe('code');
    expect(to.searchParams.get('redirect_uri')).toBe(`${appUrl}/api/auth/oidc/callback`);
    expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(to.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(to.searchParams.get('scope')?.split(' ')).toContain('openid');
    expect(browser.cookie(appHost, 'ad_oidc')).toBeTruthy();
    const options = await (await browser.get(`${appUrl}/api/auth/options`)).json();
    expect(options).toEqual({
      oidc: { name: 'Test IdP', loginUrl: '/api/auth/oidc/login' },
      oidcOnly: false,
    });
  });

  it('signs a kyc-reviewers user in as a reviewer, creating the user, and lands where they were going', async () => {
    const browser = new Browser();
    const res = await signIn(browser, 'alice');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/review-queue');
    expect(await whoAmI(browser)).toEqual({ username: 'alice', role: 'reviewer' });
    expect((await browser.get(`${appUrl}/api/review-queue`)).status).toBe(200);
    // The session records how the user authenticated.
    const amr = await server.deps.database.db
      .select({ amr: sessions.amr })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(users.username, 'alice'));
    expect(amr.map((r) => r.amr)).toEqual([['oidc']]);
    // The highest mapped role wins; groups that map to nothing are ignored.
    const admin = new Browser();
    await signIn(admin, 'adam');
    expect(await whoAmI(admin)).toEqual({ username: 'adam', role: 'admin' });
    const ops = new Browser();
    await signIn(ops, 'olga');
    expect(await whoAmI(ops)).toEqual({ username: 'olga', role: 'operator' });
  });

  it('re-reads the role at every sign-in; a user whose groups no longer map is refused and their sessions end', async () => {
    const first = new Browser();
    await signIn(first, 'bob');
    expect(await whoAmI(first)).toEqual({ username: 'bob', role: 'reviewer' });
    op.setGroups('bob', ['kyc-leads']);
    const second = new Browser();
    await signIn(second, 'bob');
    expect(await whoAmI(second)).toEqual({ username: 'bob', role: 'manager' });
    op.setGroups('bob', ['staff']);
    const third = new Browser();
    const refused = await signIn(third, 'bob');
    expect(refused.status).toBe(302);
    expect(refused.headers.get('location')).toBe('/login?sso=no_role');
    expect(await whoAmI(third)).toBeNull();
    // The sessions bob had are over.
    expect(await whoAmI(first)).toBeNull();
    expect(await whoAmI(second)).toBeNull();
    // Both the sign-in and the refusal are in the audit log.
    const auditor = await server.login('admin');
    const log = await auditor.json<{
      items: Array<{ actor: string; action: string; details: Record<string, unknown> }>;
    }>('GET', '/api/audit?actor=bob');
    const actions = log.body.items.map((e) => e.action);
    expect(actions).toContain('session.login');
    expect(actions).toContain('session.oidc_refused');
    expect(log.body.items.find((e) => e.action === 'session.oidc_refused')?.details).toMatchObject({
      reason: 'no_role',
    });
  });

  it('refuses a user with no mapped group at all, creating no user', async () => {
    const browser = new Browser();
    const res = await signIn(browser, 'nobody');
    expect(res.headers.get('location')).toBe('/login?sso=no_role');
    expect(await whoAmI(browser)).toBeNull();
    const admin = await server.login('admin');
    const users = await admin.json<{ items: Array<{ username: string }> }>('GET', '/api/users');
    expect(users.body.items.map((u) => u.username)).not.toContain('nobody');
  });

  it('refuses a callback whose state is not the one this browser was given', async () => {
    const browser = new Browser();
    const { callback } = await throughProvider(browser, 'alice');
    const forged = new URL(callback);
    forged.searchParams.set('state', 'not-the-state-we-sent');
    const res = await browser.get(forged.href);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?sso=failed');
    expect(await whoAmI(browser)).toBeNull();
  });

  it('refuses a callback from a browser that never started the sign-in', async () => {
    const { callback } = await throughProvider(new Browser(), 'alice');
    const stranger = new Browser();
    const res = await stranger.get(callback);
    expect(res.headers.get('location')).toBe('/login?sso=failed');
    expect(await whoAmI(stranger)).toBeNull();
  });

  it('refuses a replayed code, whether with the same sign-in or a fresh one', async () => {
    const browser = new Browser();
    const { callback } = await throughProvider(browser, 'alice');
    const cookie = browser.cookie(appHost, 'ad_oidc')!;
    expect((await browser.get(callback)).headers.get('location')).toBe('/review-queue');
    // The same callback again, with the same sign-in cookie.
    const again = new Browser();
    again.jars.set(appHost, new Map([['ad_oidc', cookie]]));
    expect((await again.get(callback)).headers.get('location')).toBe('/login?sso=failed');
    expect(await whoAmI(again)).toBeNull();
    // The old code under the state of a fresh sign-in: the provider refuses the code.
    const attacker = new Browser();
    const fresh = new URL((await attacker.get(`${appUrl}/api/auth/oidc/login`)).headers.get('location')!);
    const replay = new URL(callback);
    replay.searchParams.set('state', fresh.searchParams.get('state')!);
    const res = await attacker.get(replay.href);
    expect(res.headers.get('location')).toBe('/login?sso=failed');
    expect(await whoAmI(attacker)).toBeNull();
  });

  it('refuses an ID token issued for another audience', async () => {
    op.tamperIdToken((claims) => ({ ...claims, aud: 'other-app' }));
    try {
      const browser = new Browser();
      const res = await signIn(browser, 'alice');
      expect(res.headers.get('location')).toBe('/login?sso=failed');
      expect(await whoAmI(browser)).toBeNull();
    } finally {
      op.tamperIdToken(undefined);
    }
    // The same flow untampered succeeds, so the refusal above was the audience's.
    const control = new Browser();
    await signIn(control, 'alice');
    expect(await whoAmI(control)).toEqual({ username: 'alice', role: 'reviewer' });
  });
});

describe('OIDC_ONLY: local passwords off except the break-glass account', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      db: 'pglite',
      env: {
        PUBLIC_URL: 'http://127.0.0.1:9',
        OIDC_ISSUER: 'http://127.0.0.1:9/unused',
        OIDC_CLIENT_ID: 'assure-desk',
        OIDC_CLIENT_SECRET: 'desk-secret',
        OIDC_ROLE_MAP: 'kyc-admins=admin',
        OIDC_ONLY: '1',
        OIDC_BREAK_GLASS_USER: 'admin',
        OIDC_DISPLAY_NAME: 'Test IdP',
      },
    });
  });
  afterAll(async () => server?.close());

  it('refuses a password sign-in with a pointer to single sign-on, and lets the break-glass admin in', async () => {
    const res = await server
      .client()
      .request('POST', '/api/session', { username: 'reviewer', password: 'demo-password' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'oidc_only', message: 'Sign in with Test IdP.' } });
    const admin = await server
      .client()
      .request('POST', '/api/session', { username: 'admin', password: 'demo-password' });
    expect(admin.status).toBe(200);
    const options = await (await server.client().get('/api/auth/options')).json();
    expect(options).toMatchObject({ oidcOnly: true });
  });

  it('sends the browser back to the sign-in page when the provider cannot be reached', async () => {
    const res = await fetch(`${server.url}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?sso=unavailable');
  });
});
