import { ConfigError, parseConfig } from './config';
import { createLogger, errorFields } from './lib/logger';
import { startServer } from './server';

// Starts the server against the configured upstream (production mode). `npm start` uses scripts/start.ts, which
// adds the built-in sandbox when ASSURE_BASE_URL is unset.
try {
  const config = parseConfig(process.env);
  if (!config.assure) {
    throw new ConfigError(
      'Invalid configuration:\n  ASSURE_BASE_URL: required here; use `npm start` for demo mode with the built-in sandbox',
    );
  }
  const log = createLogger(config.logLevel);
  const server = await startServer({ ...config, assure: config.assure }, { log });
  log.info('Assure Desk listening', { url: server.url, database: server.deps.database.kind });
  const shutdown = async (signal: string) => {
    log.info('shutting down', { signal });
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
} catch (err) {
  // Never the raw error: a failed migration's text carries its SQL.
  console.error(
    err instanceof ConfigError
      ? err.message
      : JSON.stringify({ msg: 'start-up failed', ...errorFields(err) }),
  );
  process.exit(1);
}
