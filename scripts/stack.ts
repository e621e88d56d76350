import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startSandbox } from '../src/sandbox/index';
import type { Config } from '../src/server/config';
import { createLogger } from '../src/server/lib/logger';
import { startServer, type RunningServer } from '../src/server/server';

/** The index in the database outlives a restart; so must the account it indexes — unless the database is a throwaway. */
export function sandboxStateFile(dataDir: string): string | undefined {
  return dataDir.startsWith('memory://') ? undefined : join(dataDir, 'sandbox-state.json');
}

/**
 * Composes the product: the server against the configured Assure, or — when none is configured — against the
 * built-in sandbox, started on a loopback port and reached over real HTTP (demo mode). The server itself never
 * imports the sandbox.
 */
export async function startStack(
  config: Config,
  sandboxOptions: {
    port?: number;
    seed?: string;
    dossiers?: number;
    live?: boolean;
    stateFile?: string;
  } = {},
) {
  const log = createLogger(config.logLevel);
  if (config.assure) {
    log.info('Using the configured Assure upstream; the built-in sandbox is not started', {
      baseUrl: config.assure.baseUrl,
    });
    const server = await startServer({ ...config, assure: config.assure }, { log });
    return { server, sandbox: undefined, close: () => server.close() };
  }
  const webhookSecret = randomBytes(24).toString('hex');
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    webhookUrl: `http://127.0.0.1:${config.port}/api/webhooks/assure`,
    webhookSecret,
    stateFile: sandboxStateFile(config.dataDir),
    ...sandboxOptions,
  });
  let server: RunningServer;
  try {
    server = await startServer(
      {
        ...config,
        assure: {
          baseUrl: `${sandbox.url}/assure`,
          tokenUrl: `${sandbox.url}/auth/open/connect/token`,
          clientId: 'sandbox-client',
          clientSecret: 'sandbox-secret',
          webhookSecret,
          signatureHeader: 'X-Signicat-Signature',
        },
      },
      { log },
    );
  } catch (err) {
    await sandbox.close();
    throw err;
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
