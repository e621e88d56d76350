import { z } from 'zod';
import { attemptChangeSchema } from './links-api';
import { normaliseCountry } from './countries';
import { ROLES } from './policy';
import { PROVIDERS } from './providers';
import { canonicalTimeZone } from './outcomes';
import { CASE_STATES, dossierCaseSchema } from './cases';
import { claimSchema, DECISION_OUTCOMES, decisionSchema, reviewStateSchema } from './review';
import { STATUSES } from './status';

// Request and response schemas of Assure Desk's own API, shared by the server (validation) and the SPA (parsing).

export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const sessionUserSchema = z.object({ username: z.string(), role: z.enum(ROLES) });
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1, 'Username is required').max(200),
  password: z.string().min(1, 'Password is required').max(1000),
});

export const sessionResponseSchema = z.object({
  user: sessionUserSchema.nullable(),
  csrfToken: z.string().nullable(),
  demo: z.boolean(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['ok', 'down']),
  upstream: z.object({
    state: z.enum(['ok', 'degraded', 'down']),
    lastError: z.string().optional(),
    lastSuccessAt: z.string().nullable().optional(),
  }),
  demo: z.boolean().optional(),
  /** Assure events of the last 24 hours that led to no process (null when the database could not say). */
  events: z.object({ unresolvedLast24h: z.number().nullable() }).optional(),
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
  .refine(
    (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? isRealDay(v) : isStorableTime(v)),
    'must be YYYY-MM-DD or ISO 8601',
  );

export const SORTS = ['-created', 'created', '-updated', 'updated'] as const;
export type Sort = (typeof SORTS)[number];

/** Query of GET /api/processes. Several values of `status` and `provider` come as repeated or comma-separated params. */
export const processListQuerySchema = z.object({
  status: z.array(z.enum(STATUSES)).default([]),
  /** Processes the desk's case is about in these states (e.g. `needs_review`: the attempts waiting for a verdict). */
  caseState: z.array(z.enum(CASE_STATES)).default([]),
  provider: z.array(z.string().min(1).max(50)).max(20).default([]),
  processType: z.string().min(1).max(50).optional(),
  q: z.string().trim().max(200).optional(),
  /** Document country as stored (e.g. NOR). */
  country: z
    .string()
    .regex(/^[A-Za-z0-9<_-]{1,20}$/, 'must be a country code such as NOR')
    .transform((v) => normaliseCountry(v) ?? v)
    .optional(),
  /** IANA time zone in which YYYY-MM-DD bounds are whole days (default UTC). */
  tz: z
    .string()
    .refine((v) => canonicalTimeZone(v) !== undefined, 'must be an IANA time zone such as Europe/Oslo')
    .optional(),
  from: isoDateOrTimestamp.optional(),
  to: isoDateOrTimestamp.optional(),
  sort: z.enum(SORTS).default('-created'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProcessListQuery = z.infer<typeof processListQuerySchema>;

/** Where a process stands in Assure Desk's own review: a reviewer's decision, or who holds the case now. */
export const listReviewSchema = z.object({
  decision: z.enum(DECISION_OUTCOMES).nullable(),
  decidedBy: z.string().nullable(),
  claimedBy: z.string().nullable(),
  /** The decision waits for a second reviewer (four-eyes): the case is not closed yet. */
  pendingSecondReview: z.boolean().optional(),
});
export type ListReview = z.infer<typeof listReviewSchema>;

export const processListItemSchema = z.object({
  processId: z.string(),
  dossierId: z.string(),
  provider: z.string(),
  processType: z.string().nullable(),
  status: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  documentCountry: z.string().nullable(),
  deletedUpstream: z.boolean(),
  /** The name and identifiers were erased under the retention setting. */
  personalDataErased: z.boolean(),
  masked: z.boolean(),
  /** Null where the answer does not carry review state (the review queue and exports carry their own). */
  review: listReviewSchema.nullable(),
  /** The state of the dossier's case (src/domain/cases.ts), and the desk's verdict in words ("verified by attempt #2"). */
  caseState: z.enum(CASE_STATES).nullable().optional(),
  caseVerdict: z.string().nullable().optional(),
});
export type ProcessListItem = z.infer<typeof processListItemSchema>;

export const processListResponseSchema = z.object({
  items: z.array(processListItemSchema),
  nextCursor: z.string().nullable(),
  prevCursor: z.string().nullable(),
  stale: z.boolean(),
});
export type ProcessListResponse = z.infer<typeof processListResponseSchema>;

export const reviewQueueItemSchema = processListItemSchema.extend({
  reason: z.string(),
  claim: claimSchema.nullable(),
  /** A decision waiting for a second reviewer: who wrote it and what it says. */
  pendingDecision: decisionSchema.nullable().default(null),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItemSchema>;
export const reviewQueueResponseSchema = z.object({
  items: z.array(reviewQueueItemSchema),
  total: z.number(),
});

export const processBatchRequestSchema = z.object({
  processIds: z.array(z.string().min(1).max(100)).min(1).max(200),
});
export const processBatchResponseSchema = z.object({
  items: z.array(processListItemSchema),
  stale: z.boolean(),
});

// --- Process detail ------------------------------------------------------------------------------------------

export const explanationSchema = z.object({
  derivedStatus: z.string(),
  upstreamStatus: z.string(),
  rule: z.string(),
  summary: z.string(),
  checks: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      result: z.enum(['passed', 'failed', 'consider', 'not_available', 'not_performed', 'unknown']),
      detail: z.string(),
      raw: z.unknown().optional(),
    }),
  ),
  agreesWithUpstream: z.boolean(),
  disagreement: z.string().optional(),
  waitingFor: z.string().optional(),
  failReason: z
    .object({
      code: z.string(),
      known: z.boolean(),
      explanation: z.string(),
      lines: z.array(z.string()).optional(),
    })
    .loose()
    .optional(),
  notices: z.array(z.string()),
});
export type ExplanationJson = z.infer<typeof explanationSchema>;

export const processDetailResponseSchema = z.object({
  process: z.looseObject({ processId: z.string(), provider: z.string(), status: z.string() }),
  dossierId: z.string(),
  /** The customer's own reference of the dossier (contract §9), when Assure reports one. */
  externalReference: z.string().nullable().optional(),
  syncedAt: z.string(),
  stale: z.boolean(),
  deletedUpstream: z.boolean(),
  personalDataErasedAt: z.string().nullable(),
  masked: z.array(z.string()).default([]),
  /** The user holds the claim on this case (or it is assigned to them): identifiers and full result without a reason. */
  worksCase: z.boolean().default(false),
  explanation: explanationSchema,
  review: reviewStateSchema,
  /** The case of the process's dossier: the desk's verdict, and the capture link of a running retry. */
  case: dossierCaseSchema.nullable().optional(),
});
export type ProcessDetailResponse = z.infer<typeof processDetailResponseSchema>;

export const dossierResponseSchema = z.object({
  dossierId: z.string(),
  externalReference: z.string().nullable().optional(),
  deletedUpstream: z.boolean(),
  processes: z.array(processListItemSchema),
  case: dossierCaseSchema.nullable().optional(),
  /** For each attempt after the first, what changed against the one before (linked identities issue). */
  attemptDiff: z.array(attemptChangeSchema).default([]),
});
export type DossierResponse = z.infer<typeof dossierResponseSchema>;

export { PROVIDERS, STATUSES };
