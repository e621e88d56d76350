import { and, sql, type SQL } from 'drizzle-orm';
import type { ProcessListQuery } from '@domain/api';
import {
  RATE_STATUSES,
  type OutcomesQuery,
  type OutcomesResponse,
  type RateRow,
  type StatusCounts,
} from '@domain/outcomes';
import { STATUSES } from '@domain/status';
import { queryWith, type Db } from './client';
import {
  decisionsRollupSql,
  failReasonsRollupSql,
  histogramDurations,
  mixRollupSql,
  retryFunnelRollupSql,
  rollupsCover,
  seriesCountsRollupSql,
  timeToFinalRollupSql,
  type HistogramRow,
  addDays,
  dimensionFilters,
  mondayOf,
} from './outcome-rollups';
import { listFilters } from './processes';
import { processes } from './schema';

// The outcomes dashboard's aggregates. In a time zone the rollups are kept in (outcome-rollups.ts, migration 0017),
// each part reads them; in any other it runs the full-scan statements below, which give the same figures (percentiles
// exact rather than from histograms). The full scan is also the benchmark's baseline.
//
// Full scan: every figure is computed by PostgreSQL (GROUPING SETS, FILTER, window sums,
// percentile_cont, date_trunc on local time) over the processes whose created_at falls in the period; the code here
// only names the columns and reshapes the rows. Local days are taken in the caller's IANA time zone, so a day of 23
// or 25 hours (DST) is still one day. No personal data is read.
//
// Speed on large tables: processes_outcomes_idx (migration 0004) covers every column these statements read from
// `processes` except raw, so they run as index-only scans of a narrow index instead of reading the wide rows; a
// period is a range of that index. Statements run concurrently, each in its own short transaction that turns JIT off
// (compiling costs more than it saves at this size) and gives sorts enough memory to stay off disk.

export type OutcomeFilters = Omit<OutcomesQuery, 'bucket' | 'basis'> & {
  bucket?: OutcomesQuery['bucket'];
  basis?: OutcomesQuery['basis'];
};

const TOP_REASONS = 10;

/** `column` within the local days [from, to] of the period (a local day of 23 or 25 hours is still one day). */
export function periodWhere(column: SQL, q: Pick<OutcomeFilters, 'from' | 'to' | 'tz'>): SQL {
  const parts: SQL[] = [sql`TRUE`];
  if (q.from) parts.push(sql`${column} >= (${q.from}::date::timestamp AT TIME ZONE ${q.tz})`);
  if (q.to) parts.push(sql`${column} < ((${q.to}::date + 1)::timestamp AT TIME ZONE ${q.tz})`);
  return sql.join(parts, sql` AND `);
}

/** The WHERE clause over `processes p` for the filters: created_at within the local days [from, to]. */
export function outcomeWhere(q: OutcomeFilters): SQL {
  return sql`${periodWhere(sql`p.created_at`, q)} AND ${processWhere(q)}`;
}

/** The provider, process type and country filters over `processes p`, without the period. */
export function processWhere(q: OutcomeFilters): SQL {
  const column = {
    provider: sql`p.provider`,
    processType: sql`p.process_type`,
    country: sql`p.document_country`,
  };
  return sql.join([sql`TRUE`, ...dimensionFilters(q, column)], sql` AND `);
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);
const literal = (value: string) => sql.raw(`'${value.replace(/'/g, "''")}'`);

/** Milliseconds between two timestamptz expressions (date_part is float8: much cheaper than numeric extract). */
const millis = (later: SQL, earlier: SQL) => sql`(date_part('epoch', ${later} - ${earlier}) * 1000)`;

/** p50 and p90 (percentile_cont, one sort for both) of `ms` per provider and overall, over rows (provider, ms). */
function percentilesByProvider(source: SQL): SQL {
  return sql`
    SELECT GROUPING(s.provider)::int AS all_providers, s.provider, count(*)::int AS n,
      percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY s.ms) AS pct
    FROM (${source}) AS s
    GROUP BY GROUPING SETS ((s.provider), ())`;
}

// --- The statements ---------------------------------------------------------------------------------------------
// Plain SQL, exported so that the benchmark can time the bare statements against the endpoint.

/**
 * One scan for the status mix: counts per (provider, status), (country, status) and status, with each group's total,
 * final total and each status's share of the final processes (window sums over the grouped rows). Unknown statuses
 * are counted as they are; they are not final, so they never enter a rate.
 */
export function mixSql(q: OutcomeFilters): SQL {
  return sql`
    WITH g AS (
      SELECT GROUPING(p.provider)::int AS g_provider, GROUPING(p.document_country)::int AS g_country,
        p.provider, p.document_country AS country, p.status, bool_and(p.is_final) AS final, count(*)::int AS n
      FROM processes p
      WHERE ${outcomeWhere(q)}
      GROUP BY GROUPING SETS ((p.provider, p.status), (p.document_country, p.status), (p.status))
    )
    SELECT g_provider, g_country, provider, country, status, n,
      (sum(n) OVER w)::int AS group_total,
      COALESCE(sum(n) FILTER (WHERE final) OVER w, 0)::int AS group_final,
      CASE WHEN final THEN n::float8 / NULLIF(sum(n) FILTER (WHERE final) OVER w, 0) END AS share
    FROM g
    WINDOW w AS (PARTITION BY g_provider, g_country, provider, country)`;
}

/**
 * Volumes per bucket (local day, or the Monday of its local week) and status: rows (bucket, status, n) for
 * seriesOf, which fills in the empty buckets.
 */
export function seriesSql(q: OutcomeFilters): SQL {
  return sql`
    SELECT to_char(date_trunc(${literal(q.bucket ?? 'day')}, p.created_at AT TIME ZONE ${q.tz}), 'YYYY-MM-DD') AS bucket,
      p.status, count(*)::int AS n
    FROM processes p
    WHERE ${outcomeWhere(q)}
    GROUP BY 1, 2`;
}

/** p50/p90 of updated_at − created_at of final processes, per provider and overall. */
export function timeToFinalSql(q: OutcomeFilters): SQL {
  return percentilesByProvider(sql`
    SELECT p.provider, ${millis(sql`p.updated_at`, sql`p.created_at`)} AS ms
    FROM processes p
    WHERE ${outcomeWhere(q)} AND p.is_final`);
}

/**
 * Everything about review decisions of the period, from one join materialised once: decisions per reviewer and
 * outcome, the decision mix, the most used reason codes, and p50/p90 of decided_at − updated_at of decided
 * inconclusive processes per provider. Each part comes back as one JSON column. `basis: 'decided'` takes the
 * decisions made in the period (on processes of any age); otherwise those on processes created in the period.
 */
export function decisionsSql(q: OutcomeFilters): SQL {
  const where =
    q.basis === 'decided'
      ? sql`${periodWhere(sql`d.decided_at`, q)} AND ${processWhere(q)}`
      : outcomeWhere(q);
  return sql`
    WITH dp AS MATERIALIZED (
      SELECT d.actor, d.outcome, d.reason_code, p.provider, p.status, ${millis(sql`d.decided_at`, sql`p.updated_at`)} AS ms
      FROM processes p JOIN decisions d ON d.process_id = p.process_id
      WHERE ${where}
    )
    SELECT
      (SELECT json_build_object('total', count(*), 'approve', count(*) FILTER (WHERE outcome = 'approve'),
        'reject', count(*) FILTER (WHERE outcome = 'reject'), 'retry', count(*) FILTER (WHERE outcome = 'retry'))
        FROM dp) AS mix,
      (SELECT COALESCE(json_agg(r ORDER BY r.total DESC, r.reviewer), '[]'::json) FROM (
        SELECT actor AS reviewer, count(*)::int AS total,
          count(*) FILTER (WHERE outcome = 'approve')::int AS approve,
          count(*) FILTER (WHERE outcome = 'reject')::int AS reject,
          count(*) FILTER (WHERE outcome = 'retry')::int AS retry
        FROM dp GROUP BY actor
      ) AS r) AS reviewers,
      (SELECT COALESCE(json_agg(r ORDER BY r.count DESC, r.code), '[]'::json) FROM (
        SELECT dp.reason_code AS code, min(rc.label) AS label, count(*)::int AS count
        FROM dp LEFT JOIN reason_codes rc ON rc.code = dp.reason_code
        WHERE dp.reason_code IS NOT NULL
        GROUP BY dp.reason_code
        ORDER BY count DESC, code
        LIMIT ${TOP_REASONS}
      ) AS r) AS reason_codes,
      (SELECT COALESCE(json_agg(t), '[]'::json) FROM (
        ${percentilesByProvider(sql`SELECT provider, ms FROM dp WHERE status = 'inconclusive'`)}
      ) AS t) AS time_to_decision`;
}

/** The most frequent failReason values of failed processes (null: the provider gave none). */
export function failReasonsSql(q: OutcomeFilters): SQL {
  return sql`
    SELECT p.raw->>'failReason' AS fail_reason, count(*)::int AS n
    FROM processes p
    WHERE ${outcomeWhere(q)} AND p.status = 'failed'
    GROUP BY 1
    ORDER BY n DESC, fail_reason NULLS LAST
    LIMIT ${TOP_REASONS}`;
}

/**
 * Inconclusive processes of the period, whether they were retried and how the retry ended. The retry is the process
 * a retry started in Assure Desk created (retries.source_process_id), else the next process created in the dossier;
 * a retry whose process is not indexed yet counts as pending. MATERIALIZED: each lookup runs once per process, not
 * once per output column.
 */
export function retryFunnelSql(q: OutcomeFilters): SQL {
  const known = sql.join(
    STATUSES.map((s) => literal(s)),
    sql`, `,
  );
  return sql`
    WITH inc AS (
      SELECT p.process_id, p.dossier_id, p.created_at
      FROM processes p
      WHERE ${outcomeWhere(q)} AND p.status = 'inconclusive'
    ),
    att AS MATERIALIZED (
      SELECT COALESCE(started.status, later.status) AS retry_status
      FROM inc
      LEFT JOIN LATERAL (
        SELECT COALESCE(rp.status, 'pending') AS status
        FROM retries r LEFT JOIN processes rp ON rp.process_id = r.process_id
        WHERE r.dossier_id = inc.dossier_id AND r.source_process_id = inc.process_id AND r.state IN ('pending', 'created')
        ORDER BY r.created_at, r.id LIMIT 1
      ) started ON TRUE
      LEFT JOIN LATERAL (
        SELECT n.status FROM processes n
        WHERE n.dossier_id = inc.dossier_id AND n.created_at > inc.created_at
        ORDER BY n.created_at, n.process_id LIMIT 1
      ) later ON TRUE
    )
    SELECT count(*)::int AS n_inconclusive, count(retry_status)::int AS n_retried,
      ${sql.join(
        STATUSES.map((s) => sql`count(*) FILTER (WHERE retry_status = ${literal(s)})::int AS ${ident(s)}`),
        sql`, `,
      )},
      count(*) FILTER (WHERE retry_status NOT IN (${known}))::int AS other,
      (count(*) FILTER (WHERE retry_status = 'accepted'))::float8 / NULLIF(count(retry_status), 0) AS success_rate
    FROM att`;
}

/** Every full-scan statement of the dashboard (the benchmark's baseline). */
export function outcomeStatements(q: OutcomeFilters): SQL[] {
  return [mixSql, seriesSql, timeToFinalSql, decisionsSql, failReasonsSql, retryFunnelSql].map((f) => f(q));
}

/** Every rollup statement of the dashboard (the same figures; the benchmark times them bare). */
export function outcomeRollupStatements(q: OutcomeFilters): SQL[] {
  return [
    mixRollupSql(q),
    seriesCountsRollupSql(q),
    timeToFinalRollupSql(q),
    decisionsRollupSql(q),
    failReasonsRollupSql(q),
    retryFunnelRollupSql(q),
  ];
}

/**
 * Runs one aggregate statement in its own transaction with settings for analytics: no JIT (its compile time exceeds
 * the run time of these queries) and 64 MB for sorts and hashes (percentiles over a million rows stay in memory).
 */
export function runAggregate<T>(db: Db, statement: SQL): Promise<T[]> {
  return queryWith<T>(db, { jit: 'off', work_mem: '64MB' }, statement);
}

// --- Shaping ----------------------------------------------------------------------------------------------------

type Num = number | string | null;
const num = (v: Num | undefined): number => (v == null ? 0 : Number(v));
const numOrNull = (v: Num | undefined): number | null => (v == null ? null : Number(v));

function zeroCounts(): StatusCounts {
  return Object.fromEntries(STATUSES.map((s) => [s, 0]));
}

const NO_RATES: RateRow['rates'] = {
  accepted: null,
  inconclusive: null,
  rejected: null,
  failed: null,
  canceled: null,
};

interface MixSqlRow {
  g_provider: Num;
  g_country: Num;
  provider: string | null;
  country: string | null;
  status: string;
  n: Num;
  group_total: Num;
  group_final: Num;
  share: Num;
}

/** One group's rows (one per status) as a rate row; a rate status without processes has share 0 (or null: no finals). */
function rateRow(rows: MixSqlRow[]): RateRow {
  const final = num(rows[0]?.group_final);
  const counts = zeroCounts();
  const rates: RateRow['rates'] = { ...NO_RATES };
  if (final > 0) for (const s of RATE_STATUSES) rates[s] = 0;
  for (const r of rows) {
    if (r.status in counts) counts[r.status] = num(r.n);
    if ((RATE_STATUSES as readonly string[]).includes(r.status))
      rates[r.status as keyof RateRow['rates']] = numOrNull(r.share);
  }
  return { total: num(rows[0]?.group_total), final, counts, rates };
}

function groupBy<K>(rows: MixSqlRow[], key: (r: MixSqlRow) => K): Map<K, MixSqlRow[]> {
  const m = new Map<K, MixSqlRow[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}

interface DurationSqlRow {
  all_providers: Num;
  provider: string | null;
  n: Num;
  /** [p50, p90] in milliseconds; null for an empty group. */
  pct: Num[] | null;
}

function durations(rows: DurationSqlRow[]) {
  const stats = (r: DurationSqlRow | undefined) => ({
    count: num(r?.n),
    p50Ms: numOrNull(r?.pct?.[0]),
    p90Ms: numOrNull(r?.pct?.[1]),
  });
  return {
    overall: stats(rows.find((r) => num(r.all_providers) === 1)),
    byProvider: rows
      .filter((r) => num(r.all_providers) === 0)
      .map((r) => ({ provider: r.provider ?? '', ...stats(r) }))
      .sort((a, b) => b.count - a.count || a.provider.localeCompare(b.provider)),
  };
}

// --- The parts of the dashboard ---------------------------------------------------------------------------------

type Part<T> = (db: Db, q: OutcomeFilters) => Promise<T>;

/** The rollup statement when the rollups are kept in the period's time zone, else the full-scan one. */
async function pick(
  db: Db,
  q: OutcomeFilters,
  rollup: (q: OutcomeFilters) => SQL,
  scan: (q: OutcomeFilters) => SQL,
) {
  return (await rollupsCover(db, q.tz)) ? rollup(q) : scan(q);
}

/** Totals per status and per provider and status, and the rates overall, per provider and per country. */
export const statusMix: Part<Pick<OutcomesResponse, 'total' | 'totals' | 'byProvider' | 'rates'>> = async (
  db,
  q,
) => {
  const rows = await runAggregate<MixSqlRow>(db, await pick(db, q, mixRollupSql, mixSql));
  const overall = rows.filter((r) => num(r.g_provider) === 1 && num(r.g_country) === 1);
  const perProvider = groupBy(
    rows.filter((r) => num(r.g_provider) === 0),
    (r) => r.provider ?? '',
  );
  const perCountry = groupBy(
    rows.filter((r) => num(r.g_country) === 0),
    (r) => r.country,
  );
  const totals = zeroCounts();
  for (const r of overall) totals[r.status] = num(r.n);
  const byProvider: Record<string, StatusCounts> = {};
  for (const [provider, group] of perProvider) {
    byProvider[provider] = zeroCounts();
    for (const r of group) byProvider[provider][r.status] = num(r.n);
  }
  return {
    total: num(overall[0]?.group_total),
    totals,
    byProvider,
    rates: {
      overall: rateRow(overall),
      byProvider: [...perProvider]
        .map(([provider, group]) => ({ provider, ...rateRow(group) }))
        .sort((a, b) => b.total - a.total || a.provider.localeCompare(b.provider)),
      byCountry: [...perCountry]
        .map(([country, group]) => ({ country, ...rateRow(group) }))
        .sort((a, b) => b.total - a.total || (a.country ?? '~').localeCompare(b.country ?? '~')),
    },
  };
};

export const series: Part<OutcomesResponse['series']> = async (db, q) =>
  seriesOf(q, await runAggregate<SeriesSqlRow>(db, await pick(db, q, seriesCountsRollupSql, seriesSql)));

interface SeriesSqlRow {
  bucket: string;
  status: string;
  n: Num;
}

/**
 * The series from its counts, in linear time (no sort): every bucket of the range, empty ones included, in order.
 * The range is the period's, or the data's where the period is open; a bucket's `from`/`to` are its days clamped to
 * the period (for drill-down).
 */
function seriesOf(q: OutcomeFilters, rows: SeriesSqlRow[]): OutcomesResponse['series'] {
  const week = q.bucket === 'week';
  const start = (d: string) => (week ? mondayOf(d) : d);
  const buckets = new Map<string, OutcomesResponse['series'][number]>();
  let lo = q.from && start(q.from);
  let hi = q.to && start(q.to);
  for (const r of rows) {
    if (!q.from && (!lo || r.bucket < lo)) lo = r.bucket;
    if (!q.to && (!hi || r.bucket > hi)) hi = r.bucket;
  }
  if (!lo || !hi) return [];
  for (let b = lo; b <= hi; b = addDays(b, week ? 7 : 1)) {
    const end = addDays(b, week ? 6 : 0);
    buckets.set(b, {
      bucket: b,
      from: q.from && q.from > b ? q.from : b,
      to: q.to && q.to < end ? q.to : end,
      total: 0,
      counts: zeroCounts(),
    });
  }
  for (const r of rows) {
    const b = buckets.get(r.bucket)!; // the rows lie within the period
    b.counts[r.status] = num(r.n);
    b.total += num(r.n);
  }
  return [...buckets.values()];
}

export const timeToFinal: Part<OutcomesResponse['timeToFinal']> = async (db, q) =>
  (await rollupsCover(db, q.tz))
    ? durations(histogramDurations(await runAggregate<HistogramRow>(db, timeToFinalRollupSql(q))))
    : durations(await runAggregate<DurationSqlRow>(db, timeToFinalSql(q)));

interface DecisionsSqlRow {
  mix: Record<'total' | 'approve' | 'reject' | 'retry', Num> | null;
  reviewers: OutcomesResponse['reviewers'];
  reason_codes: OutcomesResponse['reasons']['reasonCodes'];
  time_to_decision: DurationSqlRow[];
}

/** Reviewer throughput, reason codes and time to decision: one statement over the period's decisions. */
export const decisionStats: Part<
  Pick<OutcomesResponse, 'reviewers' | 'timeToDecision' | 'team'> & {
    reasonCodes: OutcomesResponse['reasons']['reasonCodes'];
  }
> = async (db, q) => {
  const fromRollups = await rollupsCover(db, q.tz);
  const [row] = await runAggregate<DecisionsSqlRow>(
    db,
    fromRollups ? decisionsRollupSql(q) : decisionsSql(q),
  );
  const timeRows = fromRollups
    ? histogramDurations((row?.time_to_decision ?? []) as unknown as HistogramRow[])
    : (row?.time_to_decision ?? []);
  // json columns arrive parsed from both drivers; counts are JSON numbers.
  const mix = row?.mix;
  return {
    team: {
      basis: q.basis ?? 'created',
      decisions: {
        total: num(mix?.total),
        approve: num(mix?.approve),
        reject: num(mix?.reject),
        retry: num(mix?.retry),
      },
      // Four-eyes review is not recorded by this installation yet: the figure is wired, and stays 0 until it is.
      fourEyesReturns: { count: 0, available: false },
    },
    reviewers: (row?.reviewers ?? []).map((r) => ({
      reviewer: r.reviewer,
      total: num(r.total),
      approve: num(r.approve),
      reject: num(r.reject),
      retry: num(r.retry),
    })),
    reasonCodes: (row?.reason_codes ?? []).map((r) => ({
      code: r.code,
      label: r.label,
      count: num(r.count),
    })),
    timeToDecision: durations(timeRows),
  };
};

export const failReasons: Part<OutcomesResponse['reasons']['failReasons']> = async (db, q) => {
  const rows = await runAggregate<{ fail_reason: string | null; n: Num }>(
    db,
    await pick(db, q, failReasonsRollupSql, failReasonsSql),
  );
  return rows.map((r) => ({ failReason: r.fail_reason, count: num(r.n) }));
};

export const retryFunnel: Part<OutcomesResponse['retryFunnel']> = async (db, q) => {
  const [f = {}] = (await rollupsCover(db, q.tz))
    ? await retryFunnelFromRollups(db, q)
    : await runAggregate<Record<string, Num>>(db, retryFunnelSql(q));
  const outcomes = Object.fromEntries(STATUSES.map((s) => [s, num(f[s])]));
  if (num(f.other) > 0) outcomes.other = num(f.other);
  return {
    inconclusive: num(f.n_inconclusive),
    retried: num(f.n_retried),
    outcomes,
    successRate: numOrNull(f.success_rate),
  };
};

/** The funnel's row (as retryFunnelSql returns it) from the rollups' per-status counts of retries. */
async function retryFunnelFromRollups(db: Db, q: OutcomeFilters): Promise<Array<Record<string, Num>>> {
  const [row] = await runAggregate<{ n_inconclusive: Num; retried: Record<string, Num> | null }>(
    db,
    retryFunnelRollupSql(q),
  );
  const byStatus = Object.entries(row?.retried ?? {}).map(([status, n]) => [status, num(n)] as const);
  const retried = byStatus.reduce((sum, [, n]) => sum + n, 0);
  const known = new Set<string>(STATUSES);
  const f: Record<string, Num> = {
    n_inconclusive: num(row?.n_inconclusive),
    n_retried: retried,
    other: byStatus.filter(([s]) => !known.has(s)).reduce((sum, [, n]) => sum + n, 0),
    success_rate: retried ? (byStatus.find(([s]) => s === 'accepted')?.[1] ?? 0) / retried : null,
  };
  for (const [status, n] of byStatus) if (known.has(status)) f[status] = n;
  return [f];
}

/** The whole dashboard for the filters; the statements run concurrently (one pooled connection each on PostgreSQL). */
export async function outcomes(
  db: Db,
  q: OutcomesQuery,
): Promise<Omit<OutcomesResponse, 'generatedAt' | 'backlog'>> {
  const [mix, seriesRows, toFinal, decided, fails, funnel] = await Promise.all([
    statusMix(db, q),
    series(db, q),
    timeToFinal(db, q),
    decisionStats(db, q),
    failReasons(db, q),
    retryFunnel(db, q),
  ]);
  return {
    period: { from: q.from ?? null, to: q.to ?? null, tz: q.tz, bucket: q.bucket, basis: q.basis },
    ...mix,
    series: seriesRows,
    retryFunnel: funnel,
    timeToFinal: toFinal,
    timeToDecision: decided.timeToDecision,
    reviewers: decided.reviewers,
    team: decided.team,
    reasons: { reasonCodes: decided.reasonCodes, failReasons: fails },
  };
}

/** How many processes the list's filters select: the row count of a processes CSV export, for its audit entry. */
export async function countListed(
  db: Db,
  q: Omit<ProcessListQuery, 'cursor' | 'limit' | 'sort'>,
  opts: { searchIdsOnly?: boolean } = {},
): Promise<number> {
  const where = listFilters(q, opts);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(processes)
    .where(where.length ? and(...where) : undefined);
  return num(row?.n);
}
