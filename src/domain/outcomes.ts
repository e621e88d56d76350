import { z } from 'zod/mini';
import { normaliseCountry } from './countries';
import { canonicalTimeZone } from './time-zone';

// Request and response schemas of the outcomes dashboard (GET /api/outcomes) and its CSV exports, shared by the
// server (validation) and the SPA (parsing). Aggregates only: nothing here carries an end-user's personal data.

export const OUTCOME_BUCKETS = ['day', 'week'] as const;
export type OutcomeBucket = (typeof OUTCOME_BUCKETS)[number];

/**
 * Which date puts a figure in the period. Verification figures (volumes, status mix, rates, time to final, fail
 * reasons, retry funnel) always follow the process's creation date; team figures (decisions per reviewer, decision
 * mix, time to decision, reason codes, four-eyes returns) follow `basis`: the creation date of the decided process,
 * or the date of the decision itself — so today's decisions on last month's cases count today.
 */
export const OUTCOME_BASES = ['created', 'decided'] as const;
export type OutcomeBasis = (typeof OUTCOME_BASES)[number];

/** The tables GET /api/outcomes/export can write as CSV. */
export const OUTCOME_TABLES = ['byProvider', 'byCountry', 'series', 'reviewers', 'reasons'] as const;
export type OutcomeTable = (typeof OUTCOME_TABLES)[number];

/** The final statuses whose share of final processes the dashboard reports. */
export const RATE_STATUSES = ['accepted', 'inconclusive', 'rejected', 'failed', 'canceled'] as const;
export type RateStatus = (typeof RATE_STATUSES)[number];

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const localDate = z
  .string()
  .check(
    z.regex(DATE_RE, 'must be a date written YYYY-MM-DD'),
    z.refine(isCalendarDate, 'is not a calendar date'),
  );

const timeZone = z.pipe(
  z.string(),
  z.transform((value, ctx) => {
    const tz = canonicalTimeZone(value);
    if (!tz) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `"${value.slice(0, 64)}" is not an IANA time zone name (for example Europe/Oslo or UTC)`,
      });
      return z.NEVER;
    }
    return tz;
  }),
);

const code = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,50}$/, 'must be 1–50 letters, digits, "-" or "_"'));

const filtersShape = {
  /** First local day (in `tz`) of the period, inclusive; absent: from the beginning. */
  from: z.optional(localDate),
  /** Last local day (in `tz`) of the period, inclusive; absent: up to now. */
  to: z.optional(localDate),
  tz: z._default(timeZone, 'UTC'),
  bucket: z._default(z.enum(OUTCOME_BUCKETS, { message: 'must be day or week' }), 'day'),
  basis: z._default(z.enum(OUTCOME_BASES, { message: 'must be created or decided' }), 'created'),
  provider: z._default(z.array(code).check(z.maxLength(20, 'at most 20 providers')), []),
  processType: z.optional(code),
  /** Document country, ISO alpha-3 as stored (issuing country, e.g. NOR); alpha-2 (NO) is read as its alpha-3. */
  country: z.optional(
    z.pipe(
      z.string().check(z.regex(/^[A-Za-z0-9<_-]{1,20}$/, 'must be a country code such as NOR')),
      z.transform((v) => normaliseCountry(v) ?? v),
    ),
  ),
};

const fromNotAfterTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const fromNotAfterToIssue = { message: 'from must be on or before to', path: ['from'] };

/** Query of GET /api/outcomes. `provider` comes as repeated or comma-separated params. */
export const outcomesQuerySchema = z
  .object(filtersShape)
  .check(z.refine(fromNotAfterTo, fromNotAfterToIssue));
export type OutcomesQuery = z.infer<typeof outcomesQuerySchema>;

/** Query of GET /api/outcomes/export: the same filters plus the table to write. */
export const outcomesExportQuerySchema = z
  .object({
    ...filtersShape,
    table: z.enum(OUTCOME_TABLES, { message: `must be one of ${OUTCOME_TABLES.join(', ')}` }),
  })
  .check(z.refine(fromNotAfterTo, fromNotAfterToIssue));
export type OutcomesExportQuery = z.infer<typeof outcomesExportQuerySchema>;

// --- Response --------------------------------------------------------------------------------------------------

const count = z.number().check(z.int(), z.nonnegative());
/** Status → number of processes. Every known status is present (0 when none); unknown statuses are kept as sent. */
const statusCounts = z.record(z.string(), count);
export type StatusCounts = z.infer<typeof statusCounts>;

const rate = z.nullable(z.number().check(z.gte(0), z.lte(1)));
const rateRow = z.object({
  total: count,
  /** Processes in a final status: the denominator of the rates. */
  final: count,
  counts: statusCounts,
  /** Share of final processes, 0–1; null when there are none. */
  rates: z.object({ accepted: rate, inconclusive: rate, rejected: rate, failed: rate, canceled: rate }),
});
export type RateRow = z.infer<typeof rateRow>;

const durationStats = z.object({
  count,
  p50Ms: z.nullable(z.number()),
  p90Ms: z.nullable(z.number()),
});
export type DurationStats = z.infer<typeof durationStats>;

const backlogCounts = z.object({ waiting: count, overdue: count });

/**
 * The review backlog as it stands now (not bound to the period or the filters): cases waiting for a reviewer (needs
 * review, or a decision pending a second review), those overdue against the review SLA (as the queue's overdue
 * filter counts them: needs review, waiting longer than the SLA), since when the oldest waits, and per provider of the
 * attempt under review. `waiting`, `overdue`, `oldestWaitingSince` and `byProvider` are fixed names.
 */
export const backlogSchema = z.object({
  waiting: count,
  overdue: count,
  /** ISO 8601; null when nothing waits. */
  oldestWaitingSince: z.nullable(z.string()),
  byProvider: z.record(z.string(), backlogCounts),
  /** The review SLA the overdue figures are measured against, in hours. */
  slaHours: z.number().check(z.positive()),
  /** Of `waiting`: decisions waiting for a second reviewer (four-eyes). */
  pendingSecondReview: count,
  /** Of `waiting`: assigned to a reviewer, and not. */
  assigned: count,
  unassigned: count,
  /** Per reason the attempt under review is inconclusive (null: none recorded), most waiting first. */
  byReason: z.array(
    z.extend(backlogCounts, { reason: z.nullable(z.string()), label: z.nullable(z.string()) }),
  ),
});
export type Backlog = z.infer<typeof backlogSchema>;

/**
 * The backlog per local day of the period (up to today, at most 366 days): what waited and what was overdue at the
 * last hourly snapshot of that day (null: no snapshot that day, e.g. before snapshots began); today's is the backlog
 * now.
 */
const backlogTrendSchema = z.array(
  z.object({ day: z.string(), waiting: z.nullable(count), overdue: z.nullable(count) }),
);
export type BacklogTrend = z.infer<typeof backlogTrendSchema>;

export const outcomesResponseSchema = z.object({
  period: z.object({
    from: z.nullable(z.string()),
    to: z.nullable(z.string()),
    tz: z.string(),
    bucket: z.enum(OUTCOME_BUCKETS),
    /** The date team figures follow (verification figures always follow the creation date). */
    basis: z.enum(OUTCOME_BASES),
  }),
  total: count,
  totals: statusCounts,
  byProvider: z.record(z.string(), statusCounts),
  /** Volumes per local day or week (Monday first), gaps filled with zeros. */
  series: z.array(
    z.object({
      /** First day of the bucket. */
      bucket: z.string(),
      /** The bucket's days within the period, inclusive: the drill-down range. */
      from: z.string(),
      to: z.string(),
      total: count,
      counts: statusCounts,
    }),
  ),
  rates: z.object({
    overall: rateRow,
    byProvider: z.array(z.extend(rateRow, { provider: z.string() })),
    byCountry: z.array(z.extend(rateRow, { country: z.nullable(z.string()) })),
  }),
  /** Inconclusive processes → retried (a later process in the dossier, or a retry started here) → the retry's status. */
  retryFunnel: z.object({
    inconclusive: count,
    retried: count,
    outcomes: statusCounts,
    /** Accepted retries / retries; null when nothing was retried. */
    successRate: rate,
  }),
  /** updated_at − created_at of final processes. */
  timeToFinal: z.object({
    overall: durationStats,
    byProvider: z.array(z.extend(durationStats, { provider: z.string() })),
  }),
  /** Decision time − the inconclusive process's last update. */
  timeToDecision: z.object({
    overall: durationStats,
    byProvider: z.array(z.extend(durationStats, { provider: z.string() })),
  }),
  reviewers: z.array(
    z.object({ reviewer: z.string(), total: count, approve: count, reject: count, retry: count }),
  ),
  /** Team figures beside `reviewers` and `timeToDecision` (all following `period.basis`). */
  team: z.object({
    basis: z.enum(OUTCOME_BASES),
    decisions: z.object({ total: count, approve: count, reject: count, retry: count }),
    /**
     * Decisions a second reviewer sent back (four-eyes). `available: false` while this installation records no
     * four-eyes reviews; the count is then 0.
     */
    fourEyesReturns: z.object({ count, available: z.boolean() }),
  }),
  reasons: z.object({
    reasonCodes: z.array(z.object({ code: z.string(), label: z.nullable(z.string()), count })),
    failReasons: z.array(z.object({ failReason: z.nullable(z.string()), count })),
  }),
  backlog: z.extend(backlogSchema, { trend: backlogTrendSchema }),
  generatedAt: z.string(),
});
export type OutcomesResponse = z.infer<typeof outcomesResponseSchema>;
