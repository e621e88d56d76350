import { sql, type SQL } from 'drizzle-orm';
import type { Backlog, BacklogTrend } from '@domain/outcomes';
import { reviewSlaHours } from './cases';
import { query, queryWith, type Db } from './client';
import { cases } from './schema';

// The review backlog now, for the outcomes dashboard: the cases waiting for a reviewer (state needs_review or
// pending_second_review), how many are overdue against the review SLA, since when the oldest waits, and the same per
// provider (the provider of the attempt under review), per reason and by assignment. Not bound to the dashboard's
// period or filters: it is the queue as it stands.
//
// Overdue is the review queue's own rule (cases.ts `overdueSql`, GET /api/cases?overdue=1): a needs_review case whose
// waiting_since + SLA hours lies before now. A decision waiting for a second reviewer has no due time there, so it
// waits but is never overdue. `at` replaces now() (tests of the boundary); the route leaves it to the database.
//
// Speed at any size: the counts per provider, reason, state and assignment are kept by triggers (backlog_counts,
// migration 0018), so the statement reads a few rows of them; overdue is what needs review minus what is not overdue
// yet (waiting since less than the SLA, or without a waiting time), a range of cases_waiting_idx bounded by the SLA
// rather than by the length of the queue; the oldest is that index's first entry.

export const WAITING_STATES = ['needs_review', 'pending_second_review'] as const;

/**
 * One statement: totals, per provider and per reason (GROUPING SETS) over the kept counts; `oldest` (the whole
 * queue's) on every row.
 */
export function backlogSql(sla: number, at?: Date): SQL {
  const now = at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
  return sql`
    WITH counts AS (
      SELECT provider, reason, reason_label, n AS waiting,
        CASE WHEN state = 'needs_review' THEN n ELSE 0 END AS needs_review,
        CASE WHEN state = 'pending_second_review' THEN n ELSE 0 END AS pending_second_review,
        CASE WHEN assigned THEN n ELSE 0 END AS assigned, 0 AS not_overdue
      FROM backlog_counts
      WHERE n <> 0
      UNION ALL
      SELECT provider, reason, NULL, 0, 0, 0, 0, count(*)
      FROM ${cases}
      WHERE state = 'needs_review' AND waiting_since >= ${now} - make_interval(hours => ${sla}::int)
      GROUP BY 1, 2
      UNION ALL
      SELECT provider, reason, NULL, 0, 0, 0, 0, count(*)
      FROM ${cases}
      WHERE state = 'needs_review' AND waiting_since IS NULL
      GROUP BY 1, 2
    )
    SELECT GROUPING(provider)::int AS g_provider, GROUPING(reason)::int AS g_reason,
      provider, reason, min(reason_label) AS reason_label,
      sum(waiting)::int AS waiting,
      (sum(needs_review) - sum(not_overdue))::int AS overdue,
      sum(pending_second_review)::int AS pending_second_review,
      sum(assigned)::int AS assigned,
      (SELECT to_char(min(waiting_since) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
        FROM ${cases} WHERE state IN ('needs_review', 'pending_second_review')) AS oldest
    FROM counts
    GROUP BY GROUPING SETS ((provider), (reason), ())`;
}

interface BacklogRow {
  g_provider: number | string;
  g_reason: number | string;
  provider: string | null;
  reason: string | null;
  reason_label: string | null;
  waiting: number | string;
  overdue: number | string;
  pending_second_review: number | string;
  assigned: number | string;
  oldest: string | null;
}

/**
 * The backlog now against an SLA of `sla` hours (at `at` instead of the database's now(), for tests). Never a parallel
 * plan: the planner, without statistics of the partial index's own, takes "needs review without a waiting time" for a
 * large share of the queue (84,000 of 224,000 cases at 10,000,000 processes, where there are none) and starts two
 * workers, which costs 30–45 ms for ranges that hold a handful of cases.
 */
export async function backlogNow(db: Db, sla: number, at?: Date): Promise<Backlog> {
  const rows = await queryWith<BacklogRow>(db, { max_parallel_workers_per_gather: '0' }, backlogSql(sla, at));
  const n = (v: number | string | undefined) => Number(v ?? 0);
  const total = rows.find((r) => n(r.g_provider) === 1 && n(r.g_reason) === 1);
  const byProvider: Backlog['byProvider'] = {};
  for (const r of rows.filter((r) => n(r.g_provider) === 0))
    byProvider[r.provider ?? ''] = { waiting: n(r.waiting), overdue: n(r.overdue) };
  const waiting = n(total?.waiting);
  const assigned = n(total?.assigned);
  return {
    waiting,
    overdue: n(total?.overdue),
    oldestWaitingSince: total?.oldest ?? null,
    byProvider,
    slaHours: sla,
    pendingSecondReview: n(total?.pending_second_review),
    assigned,
    unassigned: waiting - assigned,
    byReason: rows
      .filter((r) => n(r.g_reason) === 0)
      .map((r) => ({ reason: r.reason, label: r.reason_label, waiting: n(r.waiting), overdue: n(r.overdue) }))
      .sort((a, b) => b.waiting - a.waiting || (a.reason ?? '~').localeCompare(b.reason ?? '~')),
  };
}

// --- The trend ----------------------------------------------------------------------------------------------------
// The backlog is what the case machine says now (attempts, decisions, four-eyes, retries, assignment) against the SLA
// setting in force; none of that is kept as history, so past backlogs are recorded rather than reconstructed: a
// scheduled job (one instance, under a lease) stores the backlog once per hour slot, and a day's figure is the last slot
// of that local day. Reading a period is one small range scan, whatever the number of processes.

/** How often the snapshot job runs; each run overwrites its hour's slot. */
export const BACKLOG_SNAPSHOT_INTERVAL_S = 900;
export const BACKLOG_SNAPSHOT_JOB = 'backlog-snapshot';

/** The backlog now against the SLA in force, with its trend over the period (GET /api/outcomes → backlog). */
export async function backlogWithTrend(
  db: Db,
  q: { from?: string; to?: string; tz: string },
): Promise<Backlog & { trend: BacklogTrend }> {
  const now = reviewSlaHours(db).then((sla) => backlogNow(db, sla));
  const [backlog, trend] = await Promise.all([now, backlogTrend(db, q, now)]);
  return { ...backlog, trend };
}

/** Stores the backlog at `at` (default now) in its hour slot; an older run never overwrites a newer one. */
export async function snapshotBacklog(db: Db, at = new Date()): Promise<Backlog> {
  const backlog = await backlogNow(db, await reviewSlaHours(db), at);
  const iso = at.toISOString();
  await db.execute(sql`
    INSERT INTO backlog_snapshots (at, waiting, overdue, taken_at)
    VALUES (date_trunc('hour', ${iso}::timestamptz, 'UTC'), ${backlog.waiting}, ${backlog.overdue}, ${iso}::timestamptz)
    ON CONFLICT (at) DO UPDATE SET waiting = excluded.waiting, overdue = excluded.overdue, taken_at = excluded.taken_at
    WHERE backlog_snapshots.taken_at <= excluded.taken_at`);
  return backlog;
}

const TREND_MAX_DAYS = 366;

/**
 * The trend over the local days [from, to] in `tz`, cut at today (and at 366 days); an open start begins at the first
 * snapshot. Today's point is `live` (the backlog now, which may still be being read), so the trend ends where the
 * card's figures stand.
 */
export async function backlogTrend(
  db: Db,
  q: { from?: string; to?: string; tz: string },
  live: Pick<Backlog, 'waiting' | 'overdue'> | Promise<Pick<Backlog, 'waiting' | 'overdue'>>,
  now = new Date(),
): Promise<BacklogTrend> {
  const rows = await query<{ day: string; today: string; waiting: number | null; overdue: number | null }>(
    db,
    sql`
    WITH bounds AS (
      SELECT (${now.toISOString()}::timestamptz AT TIME ZONE ${q.tz})::date AS today,
        (SELECT (min(at) AT TIME ZONE ${q.tz})::date FROM backlog_snapshots) AS first
    ),
    span AS (
      SELECT today, LEAST(COALESCE(${q.to ?? null}::date, today), today) AS hi,
        COALESCE(${q.from ?? null}::date, first, today) AS lo
      FROM bounds
    ),
    days AS (
      SELECT d::date AS day, today
      FROM span, generate_series(GREATEST(lo, hi - ${TREND_MAX_DAYS - 1}::int), hi, interval '1 day') AS d
    ),
    last AS (
      SELECT DISTINCT ON (1) (s.at AT TIME ZONE ${q.tz})::date AS day, s.waiting, s.overdue
      FROM backlog_snapshots s, span
      WHERE s.at >= ((span.hi - ${TREND_MAX_DAYS - 1}::int)::timestamp AT TIME ZONE ${q.tz})
        AND s.at < ((span.hi + 1)::timestamp AT TIME ZONE ${q.tz})
      ORDER BY 1, s.at DESC
    )
    SELECT to_char(days.day, 'YYYY-MM-DD') AS day, to_char(days.today, 'YYYY-MM-DD') AS today, last.waiting, last.overdue
    FROM days LEFT JOIN last ON last.day = days.day
    ORDER BY days.day`,
  );
  const today = await live;
  return rows.map((r) =>
    r.day === r.today
      ? { day: r.day, waiting: today.waiting, overdue: today.overdue }
      : {
          day: r.day,
          waiting: r.waiting == null ? null : Number(r.waiting),
          overdue: r.overdue == null ? null : Number(r.overdue),
        },
  );
}
