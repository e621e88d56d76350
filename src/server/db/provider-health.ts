import { asc, eq, notInArray, sql } from 'drizzle-orm';
import type { BaselineCounts, WindowCounts } from '@domain/provider-health';
import { query, type Db } from './client';
import { jobRuns, providerHealth } from './schema';

// The sentinel's SQL: counts of final processes per provider and process type in the recent window and in the
// trailing baseline before it, and their fail reasons; the stored verdicts. A process counts at the time it became
// final (updated_at of a final process: final statuses never change again). An upstream error is a process that
// failed with a technical error at the provider (failReason technicalError), as opposed to the end-user's doing.

export const SENTINEL_JOB = 'provider-health';

export interface HealthCounts {
  provider: string;
  processType: string;
  window: WindowCounts;
  baseline: BaselineCounts;
  windowReasons: Map<string | null, number>;
  baselineReasons: Map<string | null, number>;
}

type Num = number | string;

export async function healthCounts(
  db: Db,
  at: { now: Date; windowStart: Date; baselineStart: Date },
): Promise<HealthCounts[]> {
  const range = sql`p.is_final AND p.updated_at >= ${at.baselineStart.toISOString()}::timestamptz AND p.updated_at < ${at.now.toISOString()}::timestamptz`;
  const inWindow = sql`(p.updated_at >= ${at.windowStart.toISOString()}::timestamptz)`;
  const [counts, reasons] = await Promise.all([
    query<{
      provider: string;
      process_type: string;
      in_window: boolean;
      total: Num;
      inconclusive: Num;
      failed: Num;
      upstream_errors: Num;
    }>(
      db,
      sql`SELECT p.provider, COALESCE(p.process_type, '') AS process_type, ${inWindow} AS in_window,
            count(*)::int AS total,
            count(*) FILTER (WHERE p.status = 'inconclusive')::int AS inconclusive,
            count(*) FILTER (WHERE p.status = 'failed')::int AS failed,
            count(*) FILTER (WHERE p.status = 'failed' AND p.raw->>'failReason' = 'technicalError')::int AS upstream_errors
          FROM processes p WHERE ${range}
          GROUP BY 1, 2, 3`,
    ),
    query<{ provider: string; process_type: string; in_window: boolean; fail_reason: string | null; n: Num }>(
      db,
      sql`SELECT p.provider, COALESCE(p.process_type, '') AS process_type, ${inWindow} AS in_window,
            p.raw->>'failReason' AS fail_reason, count(*)::int AS n
          FROM processes p WHERE ${range} AND p.status = 'failed'
          GROUP BY 1, 2, 3, 4`,
    ),
  ]);
  const groups = new Map<string, HealthCounts>();
  const group = (provider: string, processType: string) => {
    const key = `${provider}\u0000${processType}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        provider,
        processType,
        window: { total: 0, inconclusive: 0, failed: 0, upstreamErrors: 0 },
        baseline: { total: 0, inconclusive: 0, failed: 0 },
        windowReasons: new Map(),
        baselineReasons: new Map(),
      };
      groups.set(key, g);
    }
    return g;
  };
  for (const r of counts) {
    const g = group(r.provider, r.process_type);
    if (r.in_window) {
      g.window = {
        total: Number(r.total),
        inconclusive: Number(r.inconclusive),
        failed: Number(r.failed),
        upstreamErrors: Number(r.upstream_errors),
      };
    } else {
      g.baseline = { total: Number(r.total), inconclusive: Number(r.inconclusive), failed: Number(r.failed) };
    }
  }
  for (const r of reasons) {
    const g = group(r.provider, r.process_type);
    (r.in_window ? g.windowReasons : g.baselineReasons).set(r.fail_reason, Number(r.n));
  }
  return [...groups.values()];
}

export type StoredHealth = typeof providerHealth.$inferSelect;

export async function storedHealth(db: Db): Promise<{ computedAt: Date | null; rows: StoredHealth[] }> {
  const [run] = await db.select({ ranAt: jobRuns.ranAt }).from(jobRuns).where(eq(jobRuns.name, SENTINEL_JOB));
  const rows = await db
    .select()
    .from(providerHealth)
    .orderBy(asc(providerHealth.provider), asc(providerHealth.processType));
  return { computedAt: run?.ranAt ?? null, rows };
}

/** Replaces the verdicts with this run's, in one transaction, and records the run. */
export async function storeHealth(db: Db, rows: StoredHealth[], computedAt: Date) {
  await db.transaction(async (tx) => {
    for (const r of rows) {
      await tx
        .insert(providerHealth)
        .values(r)
        .onConflictDoUpdate({ target: [providerHealth.provider, providerHealth.processType], set: { ...r } });
    }
    // Providers and types without a final process in the whole baseline are no longer shown.
    const keep = rows.map((r) => `${r.provider}|${r.processType}`);
    const key = sql`${providerHealth.provider} || '|' || ${providerHealth.processType}`;
    if (keep.length) await tx.delete(providerHealth).where(notInArray(key, keep));
    else await tx.delete(providerHealth);
    await tx
      .insert(jobRuns)
      .values({ name: SENTINEL_JOB, ranAt: computedAt, details: { rows: rows.length } })
      .onConflictDoUpdate({
        target: jobRuns.name,
        set: { ranAt: computedAt, details: { rows: rows.length } },
      });
  });
}
