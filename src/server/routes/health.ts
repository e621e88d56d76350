import type { PolicyRoutes } from '../auth/guard';
import type { AppDeps } from '../context';
import { ping } from '../db/client';
import { countUnresolvedEvents } from '../db/processes';

export function healthRoutes(r: PolicyRoutes, { database, client, config }: AppDeps) {
  r.get('/api/health', async (c) => {
    const db = (await ping(database.db)) ? 'ok' : 'down';
    const upstream = client.health();
    // Events that led to no process (contract §9: an event may name only a processId we cannot find).
    const unresolved = db === 'ok' ? await countUnresolvedEvents(database.db).catch(() => null) : null;
    return c.json({
      status: db === 'ok' && upstream.state === 'ok' ? 'ok' : 'degraded',
      db,
      upstream: {
        state: upstream.state,
        // Kind and status only: upstream error texts and trace ids stay in the logs.
        ...(upstream.lastError ? { lastError: client.publicLastError() } : {}),
        lastSuccessAt: upstream.lastSuccessAt?.toISOString() ?? null,
      },
      demo: config.demo,
      events: { unresolvedLast24h: unresolved },
    });
  });

  // Readiness for a load balancer: only the database matters, a degraded upstream still serves the index.
  r.get('/api/ready', async (c) => {
    const ok = await ping(database.db);
    return c.json({ ready: ok }, ok ? 200 : 503);
  });
}
