import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';
import { query } from './client';

// The outcomes dashboard from rollups (migration 0017): per local day and per local month in each time zone of
// outcome_rollup_zones, by provider, process type and country, kept up to date by triggers in the statements that
// write processes, decisions and retries. A period reads whole local months from the month rows and the days at its
// edges from the day rows (or a month it holds most of as the month less the days it leaves out), so "all time" reads
// a few thousand rows whatever the number of processes. Series read day rows. Percentiles come from stored histograms
// (outcome_ms_bucket: 8 buckets per doubling), so p50/p90 are within one bucket (about 9 %) of the exact
// percentile_cont. Without a process-type or country filter, the histograms and the decisions are read from their
// provider-level copies (migration 0019). The statements return the same rows as the full-scan statements in
// outcomes.ts, which remain for time zones without rollups.

/** Buckets per doubling of the duration histograms (outcome_ms_bucket in migration 0017). */
const HISTOGRAM_BUCKETS_PER_DOUBLING = 8;

export interface RollupFilters {
  from?: string;
  to?: string;
  tz: string;
  provider: string[];
  processType?: string;
  country?: string;
}

/** The rollup zones as last read per database, for ZONES_TTL_MS (zones change only at start-up or by a rebuild). */
const zonesRead = new WeakMap<Db, { at: number; zones: Promise<Set<string>> }>();
const ZONES_TTL_MS = 30_000;

/** Whether the rollups are kept in time zone `tz`. */
export async function rollupsCover(db: Db, tz: string): Promise<boolean> {
  let read = zonesRead.get(db);
  if (!read || Date.now() - read.at > ZONES_TTL_MS) {
    const zones = query<{ zone: string }>(db, sql`SELECT zone FROM outcome_rollup_zones`).then(
      (rows) => new Set(rows.map((r) => r.zone)),
    );
    zonesRead.set(db, (read = { at: Date.now(), zones }));
    zones.catch(() => zonesRead.delete(db));
  }
  return (await read.zones).has(tz);
}

/** Recomputes every rollup from processes, decisions and retries (writers wait meanwhile; readers do not). */
export async function rebuildOutcomeRollups(db: Db): Promise<void> {
  await db.execute(sql`SELECT outcome_rollups_rebuild()`);
}

/** Keeps rollups in time zone `tz` too (an IANA name PostgreSQL knows); rebuilds them when it is new. */
export async function addRollupZone(db: Db, tz: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const added = await query<{ zone: string }>(
      tx as unknown as Db,
      sql`INSERT INTO outcome_rollup_zones (zone) SELECT ${tz} WHERE now() AT TIME ZONE ${tz} IS NOT NULL
        ON CONFLICT DO NOTHING RETURNING zone`,
    );
    if (added.length) await tx.execute(sql`SELECT outcome_rollups_rebuild()`);
    zonesRead.delete(db);
    return added.length > 0;
  });
}

// --- Periods ----------------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const parseDay = (d: string) => Date.parse(`${d}T00:00:00Z`);
const formatDay = (t: number) => new Date(t).toISOString().slice(0, 10);
/** The calendar day `n` days after the day `d` (both YYYY-MM-DD). */
export const addDays = (d: string, n: number) => formatDay(parseDay(d) + n * DAY_MS);
/** The Monday of the week of the day `d` (weeks as date_trunc('week') takes them). */
export const mondayOf = (d: string) => addDays(d, -((new Date(parseDay(d)).getUTCDay() + 6) % 7));
const monthOf = (d: string) => `${d.slice(0, 7)}-01`;
function nextMonth(d: string): string {
  const t = new Date(parseDay(monthOf(d)));
  t.setUTCMonth(t.getUTCMonth() + 1);
  return formatDay(t.getTime());
}
const isLastOfMonth = (d: string) => addDays(d, 1).endsWith('-01');

const lastOfMonth = (d: string) => addDays(nextMonth(d), -1);
const daysFrom = (a: string, b: string) => Math.round((parseDay(b) - parseDay(a)) / DAY_MS);

/**
 * Which rollup rows make up the local days [from, to], and how each counts (`n`): month rows for the whole months
 * inside it; for a month it holds only part of, its day rows, or, when it holds most of that month, the month row less
 * the day rows of the days it leaves out (counted negatively), whichever reads fewer days.
 */
function period(q: Pick<RollupFilters, 'from' | 'to'>): { rows: SQL; n: SQL } {
  const add: SQL[] = [];
  const subtract: SQL[] = [];
  const days = (a: string, b: string) => sql`(r.grain = 'day' AND r.day BETWEEN ${a}::date AND ${b}::date)`;
  /** The days [a, b] of one month, not all of it. */
  const partOfMonth = (a: string, b: string) => {
    const first = monthOf(a);
    const last = lastOfMonth(a);
    if (daysFrom(first, a) + daysFrom(b, last) >= daysFrom(a, b) + 1) return void add.push(days(a, b));
    add.push(sql`(r.grain = 'month' AND r.day = ${first}::date)`);
    if (a > first) subtract.push(days(first, addDays(a, -1)));
    if (b < last) subtract.push(days(addDays(b, 1), last));
  };
  const firstWhole = q.from ? (q.from.endsWith('-01') ? q.from : nextMonth(q.from)) : undefined;
  const endWhole = q.to ? (isLastOfMonth(q.to) ? nextMonth(q.to) : monthOf(q.to)) : undefined;
  const wholeMonth = q.from?.endsWith('-01') && q.to && isLastOfMonth(q.to);
  if (q.from && q.to && monthOf(q.from) === monthOf(q.to) && !wholeMonth) partOfMonth(q.from, q.to);
  else {
    if (!firstWhole || !endWhole || firstWhole < endWhole) {
      const months = [sql`r.grain = 'month'`];
      if (firstWhole) months.push(sql`r.day >= ${firstWhole}::date`);
      if (endWhole) months.push(sql`r.day < ${endWhole}::date`);
      add.push(sql`(${sql.join(months, sql` AND `)})`);
    }
    if (q.from && firstWhole && q.from < firstWhole) partOfMonth(q.from, addDays(firstWhole, -1));
    if (q.to && endWhole && endWhole <= q.to) partOfMonth(endWhole, q.to);
  }
  return {
    rows: sql`(${sql.join([...add, ...subtract], sql` OR `)})`,
    n: subtract.length ? sql`CASE WHEN ${sql.join(subtract, sql` OR `)} THEN -r.n ELSE r.n END` : sql`r.n`,
  };
}

/** The provider, process type and country filters, over the columns that hold them (processes or rollups). */
export function dimensionFilters(
  q: Pick<RollupFilters, 'provider' | 'processType' | 'country'>,
  column: { provider: SQL; processType: SQL; country: SQL },
): SQL[] {
  const parts: SQL[] = [];
  if (q.provider.length)
    parts.push(
      sql`${column.provider} IN (${sql.join(
        q.provider.map((v) => sql`${v}`),
        sql`, `,
      )})`,
    );
  if (q.processType) parts.push(sql`${column.processType} = ${q.processType}`);
  if (q.country) parts.push(sql`${column.country} = ${q.country}`);
  return parts;
}

/** The zone, filters and period over `outcome_rollups r` for one measure. */
function rollupWhere(q: RollupFilters, measure: string, rows: SQL = period(q).rows): SQL {
  const column = { provider: sql`r.provider`, processType: sql`r.process_type`, country: sql`r.country` };
  return sql.join(
    [sql`r.zone = ${q.tz}`, sql`r.measure = ${measure}`, rows, ...dimensionFilters(q, column)],
    sql` AND `,
  );
}

/** Day rows within the local days [from, to] (series). */
function dayRows(q: Pick<RollupFilters, 'from' | 'to'>): SQL {
  const parts: SQL[] = [sql`r.grain = 'day'`];
  if (q.from) parts.push(sql`r.day >= ${q.from}::date`);
  if (q.to) parts.push(sql`r.day <= ${q.to}::date`);
  return sql`(${sql.join(parts, sql` AND `)})`;
}

// --- Statements (the same rows as the full-scan statements) -----------------------------------------------------

/** The status mix: mixSql's rows from the status rollups. */
export function mixRollupSql(q: RollupFilters): SQL {
  return sql`
    WITH g AS (
      SELECT GROUPING(r.provider)::int AS g_provider, GROUPING(r.country)::int AS g_country,
        r.provider, r.country, r.key AS status, bool_and(r.final) AS final, sum(${period(q).n})::int AS n
      FROM outcome_rollups r
      WHERE ${rollupWhere(q, 'status')}
      GROUP BY GROUPING SETS ((r.provider, r.key), (r.country, r.key), (r.key))
      HAVING sum(${period(q).n}) <> 0
    )
    SELECT g_provider, g_country, provider, country, status, n,
      (sum(n) OVER w)::int AS group_total,
      COALESCE(sum(n) FILTER (WHERE final) OVER w, 0)::int AS group_final,
      CASE WHEN final THEN n::float8 / NULLIF(sum(n) FILTER (WHERE final) OVER w, 0) END AS share
    FROM g
    WINDOW w AS (PARTITION BY g_provider, g_country, provider, country)`;
}

const unfiltered = (q: RollupFilters) => !q.provider.length && !q.processType && !q.country;

/**
 * Counts per bucket (local day, or the Monday of its week) and status, as seriesSql in outcomes.ts returns them;
 * without filters from the `total` rows (one per day and status), else from the `status` rows.
 */
export function seriesCountsRollupSql(q: RollupFilters & { bucket?: 'day' | 'week' }): SQL {
  const day = q.bucket === 'week' ? sql`date_trunc('week', r.day::timestamp)` : sql`r.day`;
  return sql`
    SELECT to_char(${day}, 'YYYY-MM-DD') AS bucket, r.key AS status, sum(r.n)::int AS n
    FROM outcome_rollups r
    WHERE ${unfiltered(q) ? rollupWhere(q, 'total', dayRows(q)) : rollupWhere(q, 'status', dayRows(q))}
    GROUP BY 1, 2
    HAVING sum(r.n) <> 0`;
}

/**
 * The measure to read for `q`: without a process-type or country filter, its provider-level copy (`ttf` → `ttf_p`,
 * `ttd:decided` → `ttd_p:decided`; migration 0019), which holds a quarter or less of the rows.
 */
function measureFor(
  q: RollupFilters,
  measure: 'ttf' | `${'ttd' | 'decision'}:${'created' | 'decided'}`,
): string {
  if (q.processType || q.country) return measure;
  const [name, basis] = measure.split(':');
  return basis ? `${name}_p:${basis}` : `${name}_p`;
}

/** A duration histogram per provider and overall: rows (all_providers, provider, bucket, n). */
function histogramSql(q: RollupFilters, measure: string): SQL {
  return sql`
    SELECT GROUPING(r.provider)::int AS all_providers, r.provider, r.key::int AS bucket, sum(${period(q).n})::int AS n
    FROM outcome_rollups r
    WHERE ${rollupWhere(q, measure)}
    GROUP BY GROUPING SETS ((r.provider, r.key), (r.key))
    HAVING sum(${period(q).n}) <> 0`;
}

export const timeToFinalRollupSql = (q: RollupFilters) => histogramSql(q, measureFor(q, 'ttf'));

const TOP_REASONS = 10;

export function failReasonsRollupSql(q: RollupFilters): SQL {
  return sql`
    SELECT r.key AS fail_reason, sum(${period(q).n})::int AS n
    FROM outcome_rollups r
    WHERE ${rollupWhere(q, 'fail')}
    GROUP BY 1
    HAVING sum(${period(q).n}) <> 0
    ORDER BY n DESC, fail_reason NULLS LAST
    LIMIT ${TOP_REASONS}`;
}

/** The retry funnel: inconclusive processes, and those retried per the retry's status. */
export function retryFunnelRollupSql(q: RollupFilters): SQL {
  return sql`
    SELECT
      (SELECT COALESCE(sum(${period(q).n}), 0)::int FROM outcome_rollups r
        WHERE ${rollupWhere(q, 'status')} AND r.key = 'inconclusive') AS n_inconclusive,
      (SELECT COALESCE(json_object_agg(t.key, t.n), '{}'::json) FROM (
        SELECT r.key, sum(${period(q).n})::int AS n FROM outcome_rollups r WHERE ${rollupWhere(q, 'retry')}
        GROUP BY r.key HAVING sum(${period(q).n}) <> 0
      ) AS t) AS retried`;
}

/** Decision mix, reviewers, top reason codes and the time-to-decision histogram, on the period's basis. */
export function decisionsRollupSql(q: RollupFilters & { basis?: 'created' | 'decided' }): SQL {
  const basis = q.basis ?? 'created';
  return sql`
    WITH dec AS MATERIALIZED (
      SELECT r.actor, r.outcome, r.reason_code, sum(${period(q).n})::int AS n
      FROM outcome_rollups r
      WHERE ${rollupWhere(q, measureFor(q, `decision:${basis}`))}
      GROUP BY 1, 2, 3
      HAVING sum(${period(q).n}) <> 0
    )
    SELECT
      (SELECT json_build_object('total', COALESCE(sum(n), 0), 'approve', COALESCE(sum(n) FILTER (WHERE outcome = 'approve'), 0),
        'reject', COALESCE(sum(n) FILTER (WHERE outcome = 'reject'), 0), 'retry', COALESCE(sum(n) FILTER (WHERE outcome = 'retry'), 0))
        FROM dec) AS mix,
      (SELECT COALESCE(json_agg(v ORDER BY v.total DESC, v.reviewer), '[]'::json) FROM (
        SELECT actor AS reviewer, sum(n)::int AS total,
          COALESCE(sum(n) FILTER (WHERE outcome = 'approve'), 0)::int AS approve,
          COALESCE(sum(n) FILTER (WHERE outcome = 'reject'), 0)::int AS reject,
          COALESCE(sum(n) FILTER (WHERE outcome = 'retry'), 0)::int AS retry
        FROM dec GROUP BY actor
      ) AS v) AS reviewers,
      (SELECT COALESCE(json_agg(c ORDER BY c.count DESC, c.code), '[]'::json) FROM (
        SELECT dec.reason_code AS code, min(rc.label) AS label, sum(n)::int AS count
        FROM dec LEFT JOIN reason_codes rc ON rc.code = dec.reason_code
        WHERE dec.reason_code IS NOT NULL
        GROUP BY dec.reason_code
        ORDER BY count DESC, code
        LIMIT ${TOP_REASONS}
      ) AS c) AS reason_codes,
      (SELECT COALESCE(json_agg(h), '[]'::json) FROM (${histogramSql(q, measureFor(q, `ttd:${basis}`))}) AS h) AS time_to_decision`;
}

// --- Histograms -------------------------------------------------------------------------------------------------

export interface HistogramRow {
  all_providers: number | string;
  provider: string | null;
  bucket: number | string;
  n: number | string;
}

/** Bounds of a histogram bucket in milliseconds (bucket -1: under 1 ms). */
function bucketBounds(bucket: number): [number, number] {
  if (bucket < 0) return [0, 1];
  return [
    2 ** (bucket / HISTOGRAM_BUCKETS_PER_DOUBLING),
    2 ** ((bucket + 1) / HISTOGRAM_BUCKETS_PER_DOUBLING),
  ];
}

/**
 * percentile_cont from a histogram: the i-th smallest duration is estimated within its bucket (the bucket's samples
 * taken as spread evenly on a log scale), and the percentile interpolates linearly between the two samples around
 * rank p × (n − 1), as percentile_cont does. Every estimate lies in its sample's bucket, so the result is within one
 * bucket's width (2^(1/8) − 1 ≈ 9.05 %) of the exact value. Null for an empty histogram.
 */
export function histogramPercentile(buckets: Array<{ bucket: number; n: number }>, p: number): number | null {
  const sorted = buckets.filter((b) => b.n > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((s, b) => s + b.n, 0);
  if (total === 0) return null;
  const sample = (i: number): number => {
    let below = 0;
    for (const b of sorted) {
      if (i < below + b.n) {
        const f = (i - below + 0.5) / b.n;
        const [lo, hi] = bucketBounds(b.bucket);
        return b.bucket < 0 ? lo + f * (hi - lo) : lo * (hi / lo) ** f;
      }
      below += b.n;
    }
    return bucketBounds(sorted[sorted.length - 1]!.bucket)[1];
  };
  const rank = p * (total - 1);
  const lower = sample(Math.floor(rank));
  return lower + (rank - Math.floor(rank)) * (sample(Math.ceil(rank)) - lower);
}

/** Histogram rows as the duration rows of the full scan: (all_providers, provider, n, [p50, p90]). */
export function histogramDurations(rows: HistogramRow[]) {
  const groups = new Map<
    string,
    { all: number; provider: string | null; buckets: Array<{ bucket: number; n: number }> }
  >();
  for (const r of rows) {
    const all = Number(r.all_providers);
    const id = `${all}:${r.provider ?? ''}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { all, provider: r.provider, buckets: [] }));
    g.buckets.push({ bucket: Number(r.bucket), n: Number(r.n) });
  }
  return [...groups.values()].map((g) => ({
    all_providers: g.all,
    provider: g.provider,
    n: g.buckets.reduce((s, b) => s + b.n, 0),
    pct: [histogramPercentile(g.buckets, 0.5), histogramPercentile(g.buckets, 0.9)],
  }));
}
