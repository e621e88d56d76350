import { createServer } from 'vite';
import { ConfigError, parseConfig } from '../src/server/config';
import { startStack } from './stack';

// `npm run dev`: the API (with the sandbox in demo mode) plus Vite's dev server with hot reload, proxying /api.
try {
  const config = parseConfig(process.env);
  const stack = await startStack(config);
  const vite = await createServer({ server: { port: 5173, host: config.host } });
  await vite.listen();
  console.log(`\n  API on ${stack.server.url}; open the app at http://${config.host}:5173 (hot reload)\n`);
  const shutdown = async () => {
    await vite.close();
    await stack.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
