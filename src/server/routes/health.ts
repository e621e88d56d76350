import { API } from '@domain/contracts';
import type { Routes } from '../auth/guard';
import type { AppDeps } from '../context';
import { ping } from '../db/client';
import { countUnresolvedEvents } from '../db/processes';

export function healthRoutes(r: Routes, { database, client, config }: AppDeps) {
  r.on(API.health, async () => {
    const db = (await ping(database.db)) ? ('ok' as const) : ('down' as const);
    const upstream = client.health();
    // Events that led to no process (contract §9: an event may name only a processId we cannot find).
    const unresolved = db === 'ok' ? await countUnresolvedEvents(database.db).catch(() => null) : null;
    return {
      status: db === 'ok' && upstream.state === 'ok' ? ('ok' as const) : ('degraded' as const),
      db,
      upstream: {
        state: upstream.state,
        // Kind and status only: upstream error texts and trace ids stay in the logs.
        ...(upstream.lastError ? { lastError: client.publicLastError() } : {}),
        lastSuccessAt: upstream.lastSuccessAt?.toISOString() ?? null,
      },
      demo: config.demo,
      events: { unresolvedLast24h: unresolved },
    };
  });

  // Readiness for a load balancer: only the database matters, a degraded upstream still serves the index.
  r.on(API.ready, async (c) => {
    const ok = await ping(database.db);
    return c.json({ ready: ok }, ok ? 200 : 503);
  });
}
