import { z } from 'zod/mini';
import { normaliseCountry } from './countries';
import { ROLES } from './policy';
import { PROVIDERS } from './providers';
import { canonicalTimeZone } from './time-zone';
import { CASE_STATES } from './case-states';
import { DECISION_OUTCOMES } from './decision-outcomes';
import { STATUSES } from './status';

// Request and response schemas of Assure Desk's own API, shared by the server (validation) and the SPA (parsing).
// Here: what the shell, sign-in and the processes list need. One process and its dossier are in process-detail-api.ts
// and the review queue's rows in review.ts, so the first screens' JavaScript carries none of their schemas.

export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const sessionUserSchema = z.object({ username: z.string(), role: z.enum(ROLES) });
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginRequestSchema = z.object({
  username: z.string().check(z.trim(), z.minLength(1, 'Username is required'), z.maxLength(200)),
  password: z.string().check(z.minLength(1, 'Password is required'), z.maxLength(1000)),
});

export const sessionResponseSchema = z.object({
  user: z.nullable(sessionUserSchema),
  csrfToken: z.nullable(z.string()),
  demo: z.boolean(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** The answer of "sign out everywhere" (self or, by an administrator, another user): how many sessions ended. */
export const signOutEverywhereSchema = z.object({ sessions: z.number().check(z.int(), z.nonnegative()) });

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['ok', 'down']),
  upstream: z.object({
    state: z.enum(['ok', 'degraded', 'down']),
    lastError: z.optional(z.string()),
    lastSuccessAt: z.optional(z.nullable(z.string())),
  }),
  demo: z.optional(z.boolean()),
  /** Assure events of the last 24 hours that led to no process (null when the database could not say). */
  events: z.optional(z.object({ unresolvedLast24h: z.nullable(z.number()) })),
});
export type Health = z.infer<typeof healthSchema>;

// --- Processes list ------------------------------------------------------------------------------------------

/** A calendar day that exists (no 2026-02-30) or a timestamp, within years 1–9999 so the database can hold it. */
const isRealDay = (v: string) => {
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v && v >= '0001-01-01';
};
const isStorableTime = (v: string) => {
  const t = Date.parse(v);
  const year = Number.isNaN(t) ? NaN : new Date(t).getUTCFullYear();
  return year >= 1 && year <= 9999;
};
const isoDateOrTimestamp = z
  .string()
  .check(
    z.refine(
      (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? isRealDay(v) : isStorableTime(v)),
      'must be YYYY-MM-DD or ISO 8601',
    ),
  );

export const SORTS = ['-created', 'created', '-updated', 'updated'] as const;
export type Sort = (typeof SORTS)[number];

/** Query of GET /api/processes. Several values of `status` and `provider` come as repeated or comma-separated params. */
export const processListQuerySchema = z.object({
  status: z._default(z.array(z.enum(STATUSES)), []),
  /** Processes the desk's case is about in these states (e.g. `needs_review`: the attempts waiting for a verdict). */
  caseState: z._default(z.array(z.enum(CASE_STATES)), []),
  provider: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(50))).check(z.maxLength(20)), []),
  processType: z.optional(z.string().check(z.minLength(1), z.maxLength(50))),
  q: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  /** Document country as stored (e.g. NOR). */
  country: z.optional(
    z.pipe(
      z.string().check(z.regex(/^[A-Za-z0-9<_-]{1,20}$/, 'must be a country code such as NOR')),
      z.transform((v) => normaliseCountry(v) ?? v),
    ),
  ),
  /** IANA time zone in which YYYY-MM-DD bounds are whole days (default UTC). */
  tz: z.optional(
    z
      .string()
      .check(
        z.refine((v) => canonicalTimeZone(v) !== undefined, 'must be an IANA time zone such as Europe/Oslo'),
      ),
  ),
  from: z.optional(isoDateOrTimestamp),
  to: z.optional(isoDateOrTimestamp),
  sort: z._default(z.enum(SORTS), '-created'),
  cursor: z.optional(z.string().check(z.maxLength(500))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(200)), 50),
});
export type ProcessListQuery = z.infer<typeof processListQuerySchema>;

/** Where a process stands in Assure Desk's own review: a reviewer's decision, or who holds the case now. */
export const listReviewSchema = z.object({
  decision: z.nullable(z.enum(DECISION_OUTCOMES)),
  decidedBy: z.nullable(z.string()),
  claimedBy: z.nullable(z.string()),
  /** The decision waits for a second reviewer (four-eyes): the case is not closed yet. */
  pendingSecondReview: z.optional(z.boolean()),
});
export type ListReview = z.infer<typeof listReviewSchema>;

export const processListItemSchema = z.object({
  processId: z.string(),
  dossierId: z.string(),
  provider: z.string(),
  processType: z.nullable(z.string()),
  status: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  firstName: z.nullable(z.string()),
  lastName: z.nullable(z.string()),
  documentCountry: z.nullable(z.string()),
  deletedUpstream: z.boolean(),
  /** The name and identifiers were erased under the retention setting. */
  personalDataErased: z.boolean(),
  masked: z.boolean(),
  /** Null where the answer does not carry review state (the review queue and exports carry their own). */
  review: z.nullable(listReviewSchema),
  /** The state of the dossier's case (src/domain/cases.ts), and the desk's verdict in words ("verified by attempt #2"). */
  caseState: z.optional(z.nullable(z.enum(CASE_STATES))),
  caseVerdict: z.optional(z.nullable(z.string())),
});
export type ProcessListItem = z.infer<typeof processListItemSchema>;

export const processListResponseSchema = z.object({
  items: z.array(processListItemSchema),
  nextCursor: z.nullable(z.string()),
  prevCursor: z.nullable(z.string()),
  stale: z.boolean(),
});
export type ProcessListResponse = z.infer<typeof processListResponseSchema>;

export const processBatchRequestSchema = z.object({
  processIds: z
    .array(z.string().check(z.minLength(1), z.maxLength(100)))
    .check(z.minLength(1), z.maxLength(200)),
});
export const processBatchResponseSchema = z.object({
  items: z.array(processListItemSchema),
  stale: z.boolean(),
});

export { PROVIDERS, STATUSES };
