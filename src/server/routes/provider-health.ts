import type { PolicyRoutes } from '../auth/guard';
import type { AppDeps } from '../context';
import { readHealth } from '../provider-health/sentinel';

/** GET /api/provider-health: the sentinel's latest verdicts (computed on a schedule, see server.ts). */
export function providerHealthRoutes(r: PolicyRoutes, { database, config }: AppDeps) {
  r.get('/api/provider-health', async (c) => c.json(await readHealth(database.db, config.sentinel)));
}
