import { sql, type SQL } from 'drizzle-orm';
import type { Backlog } from '@domain/outcomes';
import type { Db } from './client';
import { query } from './client';
import { cases } from './schema';

// The review backlog now, for the outcomes dashboard: the cases waiting for a reviewer (state needs_review or
// pending_second_review), how many are overdue against the review SLA, since when the oldest waits, and the same per
// provider (the provider of the attempt under review), per reason and by assignment. Not bound to the dashboard's
// period or filters: it is the queue as it stands.
//
// Overdue is the review queue's own rule (cases.ts `overdueSql`, GET /api/cases?overdue=1): a needs_review case whose
// waiting_since + SLA hours lies before now. A decision waiting for a second reviewer has no due time there, so it
// waits but is never overdue. `at` replaces now() (tests of the boundary); the route leaves it to the database.

export const WAITING_STATES = ['needs_review', 'pending_second_review'] as const;

const overdueAt = (sla: number, at?: Date): SQL =>
  sql`(${cases.state} = 'needs_review' AND ${cases.waitingSince} + make_interval(hours => ${sla}::int) < ${
    at ? sql`${at.toISOString()}::timestamptz` : sql`now()`
  })`;

/** One statement: totals, per provider and per reason (GROUPING SETS) over the waiting cases. */
export function backlogSql(sla: number, at?: Date): SQL {
  const overdue = overdueAt(sla, at);
  return sql`
    SELECT GROUPING(${cases.provider})::int AS g_provider, GROUPING(${cases.reason})::int AS g_reason,
      ${cases.provider} AS provider, ${cases.reason} AS reason, min(${cases.reasonLabel}) AS reason_label,
      count(*)::int AS waiting,
      count(*) FILTER (WHERE ${overdue})::int AS overdue,
      count(*) FILTER (WHERE ${cases.state} = 'pending_second_review')::int AS pending_second_review,
      count(${cases.assigneeId})::int AS assigned,
      to_char(min(${cases.waitingSince}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS oldest
    FROM ${cases}
    WHERE ${cases.state} IN ('needs_review', 'pending_second_review')
    GROUP BY GROUPING SETS ((${cases.provider}), (${cases.reason}), ())`;
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

/** The backlog now against an SLA of `sla` hours (at `at` instead of the database's now(), for tests). */
export async function backlogNow(db: Db, sla: number, at?: Date): Promise<Backlog> {
  const rows = await query<BacklogRow>(db, backlogSql(sla, at));
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
