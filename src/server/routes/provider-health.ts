import { API } from '@domain/contracts';
import type { Routes } from '../auth/guard';
import type { AppDeps } from '../context';
import { readHealth } from '../provider-health/sentinel';

/** GET /api/provider-health: the sentinel's latest verdicts (computed on a schedule, see server.ts). */
export function providerHealthRoutes(r: Routes, { database, config }: AppDeps) {
  r.on(API.providerHealth, () => readHealth(database.db, config.sentinel));
}
