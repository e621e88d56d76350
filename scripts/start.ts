import { ConfigError, parseConfig } from '../src/server/config';
import { DEMO_PASSWORD, DEMO_USERS } from '../src/server/db/users';
import { buildWebIfNeeded } from './build-web';
import { startStack } from './stack';

// `npm start`: builds the SPA if needed, then runs everything. With ASSURE_BASE_URL unset, demo mode with the
// built-in Assure sandbox and demo users.
try {
  const config = parseConfig(process.env);
  await buildWebIfNeeded(config.staticDir);
  const stack = await startStack(config, {
    port: process.env.SANDBOX_PORT ? Number(process.env.SANDBOX_PORT) : undefined,
    seed: process.env.SANDBOX_SEED,
    dossiers: process.env.SANDBOX_DOSSIERS ? Number(process.env.SANDBOX_DOSSIERS) : undefined,
  });
  const lines = [
    '',
    `  Assure Desk is running at ${stack.server.url}`,
    `  Database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`,
    `  Upstream: ${stack.sandbox ? `built-in Assure sandbox at ${stack.sandbox.url} (demo mode)` : config.assure?.baseUrl}`,
  ];
  if (config.demoUsers) {
    lines.push(`  Demo logins (password "${DEMO_PASSWORD}", no second factor): ${DEMO_USERS.join(', ')}`);
  }
  console.log(lines.join('\n') + '\n');
  const shutdown = async () => {
    await stack.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
