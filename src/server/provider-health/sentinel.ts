import {
  assess,
  DEFAULT_SENTINEL,
  grownReasons,
  healthyAlternatives,
  TEST_DESCRIPTION,
  type HealthState,
  type ProviderHealth,
  type ProviderHealthResponse,
  type SentinelSettings,
} from '@domain/provider-health';
import type { Db } from '../db/client';
import { healthCounts, storedHealth, storeHealth, type StoredHealth } from '../db/provider-health';

// The provider-health sentinel, run on a schedule by one instance at a time (a lease, see server.ts): counts in SQL,
// the verdict per provider and process type from src/domain/provider-health (exact binomial test against the
// baseline's Wilson upper bound), stored for every instance to serve. An alert episode begins when a row turns to
// `alert` and lasts until it is `ok` again (a row that wavers between alert and watch stays in one episode); each
// new episode is handed to `onAlert` once.

export interface AlertEpisode {
  provider: string;
  processType: string | null;
  /** Start of the episode: with provider and type, the episode's identity (the notification's dedupe key). */
  since: Date;
  health: ProviderHealth;
}

export interface SentinelRun {
  computedAt: Date;
  rows: StoredHealth[];
  newEpisodes: AlertEpisode[];
}

export async function runSentinel(
  db: Db,
  opts: { settings?: SentinelSettings; now?: Date; onAlert?: (episode: AlertEpisode) => Promise<void> } = {},
): Promise<SentinelRun> {
  const settings = opts.settings ?? DEFAULT_SENTINEL;
  const now = opts.now ?? new Date();
  const windowStart = new Date(now.getTime() - settings.windowMinutes * 60_000);
  const baselineStart = new Date(windowStart.getTime() - settings.baselineDays * 86_400_000);
  const [counts, previous] = await Promise.all([
    healthCounts(db, { now, windowStart, baselineStart }),
    storedHealth(db),
  ]);
  const before = new Map(previous.rows.map((r) => [`${r.provider}|${r.processType}`, r]));
  const rows: StoredHealth[] = counts.map((c) => {
    const a = assess(c.window, c.baseline, settings);
    const was = before.get(`${c.provider}|${c.processType}`);
    const alertSince = a.state === 'ok' ? null : (was?.alertSince ?? (a.state === 'alert' ? now : null));
    const { state, note, ...test } = a;
    return {
      provider: c.provider,
      processType: c.processType,
      computedAt: now,
      state,
      window: c.window,
      baseline: c.baseline,
      reasons: grownReasons(c.windowReasons, c.window.total, c.baselineReasons, c.baseline.total),
      test: { ...test, note },
      alertSince,
    };
  });
  await storeHealth(db, rows, now);
  const response = toResponse({ computedAt: now, rows }, settings);
  const newEpisodes: AlertEpisode[] = [];
  for (const r of rows) {
    const was = before.get(`${r.provider}|${r.processType}`);
    if (r.state === 'alert' && r.alertSince && r.alertSince.getTime() !== was?.alertSince?.getTime()) {
      newEpisodes.push({
        provider: r.provider,
        processType: r.processType || null,
        since: r.alertSince,
        health: response.providers.find(
          (p) => p.provider === r.provider && (p.processType ?? '') === r.processType,
        )!,
      });
    }
  }
  for (const e of newEpisodes) await opts.onAlert?.(e);
  return { computedAt: now, rows, newEpisodes };
}

const SEVERITY: Record<HealthState, number> = { alert: 0, watch: 1, ok: 2 };

/** GET /api/provider-health: the stored verdicts, worst first, with healthy alternatives for the unhealthy ones. */
export function toResponse(
  stored: { computedAt: Date | null; rows: StoredHealth[] },
  settings: SentinelSettings = DEFAULT_SENTINEL,
): ProviderHealthResponse {
  const rows = stored.rows.map((r) => ({
    provider: r.provider,
    processType: r.processType === '' ? null : r.processType,
    window: r.window as ProviderHealth['window'],
    baseline: r.baseline as ProviderHealth['baseline'],
    state: (['ok', 'watch', 'alert'].includes(r.state) ? r.state : 'ok') as HealthState,
    reasons: r.reasons as ProviderHealth['reasons'],
    alertSince: r.alertSince?.toISOString() ?? null,
    test: r.test as ProviderHealth['test'],
    alternatives: [] as string[],
  }));
  for (const r of rows) if (r.state !== 'ok') r.alternatives = healthyAlternatives(rows, r.provider);
  // Worst first, then by provider and type: a stable order for the banner and the panel.
  const order = rows
    .map((r, i) => ({ r, i }))
    .sort(
      (a, b) =>
        SEVERITY[a.r.state] - SEVERITY[b.r.state] ||
        a.r.provider.localeCompare(b.r.provider) ||
        (a.r.processType ?? '').localeCompare(b.r.processType ?? ''),
    );
  return {
    computedAt: stored.computedAt?.toISOString() ?? null,
    settings: { ...settings, test: TEST_DESCRIPTION },
    providers: order.map((o) => o.r),
  };
}

export async function readHealth(db: Db, settings?: SentinelSettings): Promise<ProviderHealthResponse> {
  return toResponse(await storedHealth(db), settings);
}
