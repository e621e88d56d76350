import { startSandbox, type RunningSandbox, type SandboxOptions } from '../src/sandbox/index';
import type { AssureClientOptions } from '../src/server/assure/client';
import type { AssureConfig } from '../src/server/config';
import type { Logger } from '../src/server/lib/logger';
import type { DbKind } from './databases';
import { startTestServer, type TestServer } from './test-server';

export const WEBHOOK_SECRET = 'test-webhook-secret';

/**
 * The sandbox (standalone, over real HTTP) and the server pointed at it through ASSURE_* settings exactly as it
 * would be at Signicat. The sandbox's webhooks go to the server.
 */
export async function startTestStack(opts: {
  db: DbKind;
  sandbox?: SandboxOptions;
  env?: Record<string, string>;
  startSync?: boolean;
  webhooks?: boolean;
  clientOptions?: AssureClientOptions;
  /** Upstream settings beyond the sandbox's address and credentials (e.g. fullResultPath). */
  assure?: Partial<AssureConfig>;
  log?: Logger;
}): Promise<{ server: TestServer; sandbox: RunningSandbox; close: () => Promise<void> }> {
  const sandbox = await startSandbox({ port: 0, live: false, dossiers: 10, ...opts.sandbox });
  const server = await startTestServer({
    db: opts.db,
    env: opts.env,
    startSync: opts.startSync,
    clientOptions: opts.clientOptions,
    log: opts.log,
    assure: {
      baseUrl: `${sandbox.url}/assure`,
      tokenUrl: `${sandbox.url}/auth/open/connect/token`,
      clientId: 'sandbox-client',
      clientSecret: 'sandbox-secret',
      webhookSecret: WEBHOOK_SECRET,
      ...opts.assure,
    },
  });
  if (opts.webhooks !== false) {
    sandbox.control.setWebhook({ url: `${server.url}/api/webhooks/assure`, secret: WEBHOOK_SECRET });
  }
  return {
    server,
    sandbox,
    close: async () => {
      await server.close();
      await sandbox.close();
    },
  };
}

/** Polls `fn` until it returns a truthy value or the time is up. */
export async function eventually<T>(
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  stepMs = 50,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
