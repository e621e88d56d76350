import { totpCode } from '../src/server/auth/totp';
import { parseConfig, type AssureConfig } from '../src/server/config';
import type { AssureClientOptions } from '../src/server/assure/client';
import { createLogger, type Logger } from '../src/server/lib/logger';
import { startServer, type RunningServer } from '../src/server/server';
import { createTestDatabase, type DbKind } from './databases';

export const TEST_LINK_KEY = 'test-link-key-0123456789abcdefghijklmnopqrstuvwxyz';

export interface TestServer extends RunningServer {
  client(): TestClient;
  login(username: string, password?: string): Promise<TestClient>;
}

/** Starts the real server on a fresh database (PGlite in memory or a new PostgreSQL database) on a free port. */
export async function startTestServer(opts: {
  db: DbKind;
  assure?: Partial<AssureConfig>;
  env?: Record<string, string>;
  startSync?: boolean;
  clientOptions?: AssureClientOptions;
  /** Share an existing PostgreSQL database (a second instance) instead of creating a fresh one. */
  databaseUrl?: string;
  /** The server's logger (default: errors to stderr); a test passes a capturing one to read what was logged. */
  log?: Logger;
}): Promise<TestServer> {
  const pgDb = opts.db === 'postgres' && !opts.databaseUrl ? await createTestDatabase() : undefined;
  const config = parseConfig({
    PORT: '0',
    DATA_DIR: 'memory://',
    DATABASE_URL: opts.databaseUrl ?? pgDb?.url,
    DEMO_USERS: '1',
    LOG_LEVEL: 'error',
    STATIC_DIR: './public', // tests need no built SPA
    // One key for every test server, so instances sharing a database agree (LINK_KEY: '' gives demo mode's own key).
    LINK_KEY: TEST_LINK_KEY,
    ...opts.env,
  });
  const assure: AssureConfig = {
    baseUrl: 'http://127.0.0.1:9/assure',
    tokenUrl: 'http://127.0.0.1:9/auth/open/connect/token',
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-secret',
    webhookSecret: 'test-webhook-secret',
    signatureHeader: 'X-Signicat-Signature',
    ...opts.assure,
  };
  const server = await startServer(
    { ...config, assure },
    {
      log: opts.log ?? createLogger('error'),
      startSync: opts.startSync ?? false,
      clientOptions: { backoffBaseMs: 20, ...opts.clientOptions },
    },
  );
  const close = async () => {
    await server.close();
    await pgDb?.drop();
  };
  const client = () => new TestClient(server.url);
  return {
    ...server,
    close,
    client,
    login: async (username, password = 'demo-password') => {
      const c = client();
      await c.login(username, password);
      return c;
    },
  };
}

/** A browser stand-in: keeps the session cookie and sends the CSRF token on writes. */
/** A logger that keeps every line it would have written, at every level, for a test to search. */
export function captureLog(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger('debug', {}, (_level, line) => lines.push(line)), lines };
}

export class TestClient {
  /** The cookies the server set, by name (session and device cookie), sent back as a browser would. */
  private jar = new Map<string, string>();
  csrfToken = '';

  constructor(readonly base: string) {}

  /** The Cookie header this client sends; assigning one replaces every cookie (e.g. to replay a stolen one). */
  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  set cookie(header: string) {
    this.jar = new Map(
      header
        .split(';')
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as [string, string]),
    );
  }

  /** One cookie's value, by name. */
  cookieValue(name: string): string | undefined {
    return this.jar.get(name);
  }

  /** Forgets one cookie (e.g. to look like a browser that never signed in before). */
  dropCookie(name: string) {
    this.jar.delete(name);
  }

  /** The TOTP secrets users enrolled through `login`, per server and username, as their authenticator apps hold them. */
  private static authenticators = new Map<string, string>();

  /**
   * Signs in as a browser and its user would: the password, then, when a second factor is due (issue #20), a code from
   * the authenticator app — enrolling it first when asked. Tests of the second factor itself drive it by hand.
   */
  async login(username: string, password: string) {
    const res = await this.request('POST', '/api/session', { username, password });
    if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status}`);
    const body = (await res.json()) as {
      csrfToken?: string;
      mfaRequired?: boolean;
      mfaToken?: string;
      enrolment?: { secret: string };
    };
    if (body.mfaRequired) {
      const key = `${this.base} ${username}`;
      const secret = body.enrolment?.secret ?? TestClient.authenticators.get(key);
      if (!secret)
        throw new Error(`login as ${username} needs a second factor this test client never enrolled`);
      // This step's code, or the next one's when this step's was used already (one code per step).
      for (const at of [Date.now(), Date.now() + 30_000]) {
        const done = await this.request('POST', '/api/session/mfa', {
          mfaToken: body.mfaToken,
          code: totpCode(secret, at),
        });
        if (done.status === 200) {
          TestClient.authenticators.set(key, secret);
          this.csrfToken = ((await done.json()) as { csrfToken: string }).csrfToken;
          return this;
        }
      }
      throw new Error(`login as ${username} failed at the second factor`);
    }
    this.csrfToken = body.csrfToken!;
    return this;
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    opts: { csrf?: boolean; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && opts.csrf !== false && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const set = res.headers.getSetCookie();
    for (const c of set) {
      const [pair] = c.split(';');
      const name = pair!.slice(0, pair!.indexOf('='));
      if (pair!.endsWith('=') || /expires=Thu, 01 Jan 1970/i.test(c) || /max-age=0/i.test(c))
        this.jar.delete(name);
      else this.jar.set(name, pair!.slice(name.length + 1));
    }
    return res;
  }

  get(path: string) {
    return this.request('GET', path);
  }

  async json<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await this.request(method, path, body);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }
}
