/**
 * The case: one end-user's dossier across all its attempts, the unit the desk reviews (not the single process).
 *
 * `caseOf` is the one place where a case's state is decided. It is a pure function of the dossier's attempts (as
 * Assure reports them), the desk's decisions and the retries started through the desk. The server stores its answer
 * per dossier each time one of those inputs changes, and computes due time and overdue from it in SQL.
 *
 * Rules, first match wins (attempts ordered by Assure's `createdAt`, then process id; "the latest" is the last):
 *
 *  1. No attempt yet                                                          → `in_progress` (nothing to look at).
 *  2. A retry started through the desk has no process in the index yet (the upstream call is under way, or its
 *     answer was lost and is being reconciled)                                → `awaiting_end_user`, about that retry.
 *  3. The latest attempt is not final:
 *     a. it is a retry — started through the desk (operator, or a reviewer's "request retry"), or created after an
 *        inconclusive attempt of the same dossier (the end-user tries again)  → `awaiting_end_user`, about it;
 *     b. otherwise (a first attempt, or a new one after a finished case)      → `in_progress`, about it.
 *     A running retry outranks everything below: while the end-user is on a new attempt, a reviewer's verdict on
 *     the old one would be taken on stale evidence, so the case leaves the queue until that attempt is final.
 *  4. All attempts are final. Let I be the latest inconclusive attempt.
 *     a. There is none                                                        → `closed`, about the latest attempt.
 *     b. An attempt after I was accepted                                      → `resolved_by_retry`, about the (last)
 *        accepted attempt: "verified by attempt #N". Assure's own acceptance is the strongest evidence there is;
 *        it wins over an earlier rejection of I, which stays visible in the case's history.
 *     c. I has a reviewer's decision waiting for a second reviewer (four-eyes) → `pending_second_review`, about I;
 *        I has a reviewer's approval or rejection                             → `decided`, about I (who, when, why).
 *     d. I has a reviewer's "request retry":
 *        - no attempt followed yet                                            → `awaiting_end_user`, about I: the desk
 *          asked the end-user to try again and is waiting for them (even if handing over the link failed; an
 *          operator can start another);
 *        - attempts followed, none accepted (rejected, failed, canceled)     → `closed`, about the latest attempt.
 *          The reviewer already gave the desk's answer (more evidence needed) and none came; the person is not
 *          verified. A new retry reopens the case (rule 3a).
 *     e. Otherwise I has no decision, and whatever followed it was rejected, failed or canceled
 *                                                                             → `needs_review`, about I. A failed or
 *        canceled retry brings no evidence, and a rejected one does not decide the inconclusive attempt: the
 *        desk must still record a verdict, so the case stays in the queue. It waits from I's `updatedAt` as Assure
 *        reports it (when it became inconclusive), not from when the desk noticed.
 *  Earlier inconclusive attempts before I are superseded by I: the case is about the latest evidence.
 *
 * Extending: a new state (e.g. a decision awaiting a second reviewer) belongs in rule 4c, and in CASE_STATES,
 * CASE_STATE_LABELS (./case-states.ts) and the table test.
 */
import { z } from 'zod/mini';
import { CASE_STATE_LABELS, CASE_STATES, type CaseState } from './case-states';
import { DECISION_OUTCOMES } from './decision-outcomes';
import { claimSchema } from './review';

export { CASE_STATE_LABELS, CASE_STATES, type CaseState } from './case-states';

/** States in which the case is still open for the desk; the rest are settled. */
export const OPEN_CASE_STATES: ReadonlySet<CaseState> = new Set<CaseState>([
  'needs_review',
  'pending_second_review',
  'awaiting_end_user',
  'in_progress',
]);

export function isCaseState(value: unknown): value is CaseState {
  return typeof value === 'string' && (CASE_STATES as readonly string[]).includes(value);
}

export interface CaseAttempt {
  processId: string;
  status: string;
  /** ISO 8601, as Assure reports it. */
  createdAt: string;
  updatedAt: string;
}

export interface CaseDecision {
  processId: string;
  outcome: 'approve' | 'reject' | 'retry';
  actor: string;
  decidedAt: string;
  reasonCode: string | null;
  /** `pending_second_review` until a different reviewer confirms it (four-eyes); absent means final. */
  state?: 'final' | 'pending_second_review';
}

/** A retry started through the desk; `processId` is null while Assure has not answered. */
export interface CaseRetry {
  processId: string | null;
  createdAt: string;
}

export interface CaseInput {
  attempts: readonly CaseAttempt[];
  decisions: readonly CaseDecision[];
  retries: readonly CaseRetry[];
}

export interface CaseSummary {
  state: CaseState;
  /** The attempt the state is about: the one to review, the accepted one, the running retry, the decided one. */
  processId: string | null;
  /** Its position in the dossier, 1-based (attempt #N); null when it is not indexed yet. */
  attemptNumber: number | null;
  attempts: number;
  /** needs_review: when the attempt became inconclusive; awaiting_end_user: when the retry started. */
  waitingSince: string | null;
  /** The reviewer's approval or rejection the state rests on (`decided`). */
  decision: CaseDecision | null;
}

const FINAL = new Set(['accepted', 'rejected', 'inconclusive', 'canceled', 'failed']);
/**
 * Attempts in order. Assure's `createdAt` has whole seconds, so a retry started within the second of the attempt it
 * follows ties with it; an attempt started through the desk's retry is always the later one, so ties put it last.
 */
function inOrder(input: CaseInput): CaseAttempt[] {
  const retried = new Set(input.retries.flatMap((r) => (r.processId ? [r.processId] : [])));
  return [...input.attempts].sort(
    (a, b) =>
      Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
      Number(retried.has(a.processId)) - Number(retried.has(b.processId)) ||
      (a.processId < b.processId ? -1 : a.processId > b.processId ? 1 : 0),
  );
}

export function caseOf(input: CaseInput): CaseSummary {
  const attempts = inOrder(input);
  const n = attempts.length;
  const at = (processId: string | null, state: CaseState, extra: Partial<CaseSummary> = {}): CaseSummary => {
    const index = processId === null ? -1 : attempts.findIndex((a) => a.processId === processId);
    return {
      state,
      processId,
      attemptNumber: index < 0 ? null : index + 1,
      attempts: n,
      waitingSince: null,
      decision: null,
      ...extra,
    };
  };
  // 1
  if (n === 0) {
    const retry = input.retries[0];
    return retry
      ? at(retry.processId, 'awaiting_end_user', { waitingSince: retry.createdAt })
      : at(null, 'in_progress');
  }
  // 2
  const known = new Set(attempts.map((a) => a.processId));
  const unindexed = input.retries.find((r) => r.processId === null || !known.has(r.processId));
  if (unindexed) return at(unindexed.processId, 'awaiting_end_user', { waitingSince: unindexed.createdAt });
  // 3
  const latest = attempts[n - 1]!;
  if (!FINAL.has(latest.status)) {
    const deskRetry = input.retries.some((r) => r.processId === latest.processId);
    const afterInconclusive = attempts.slice(0, -1).some((a) => a.status === 'inconclusive');
    return deskRetry || afterInconclusive
      ? at(latest.processId, 'awaiting_end_user', { waitingSince: latest.createdAt })
      : at(latest.processId, 'in_progress');
  }
  // 4
  let i = -1;
  for (let k = n - 1; k >= 0; k--)
    if (attempts[k]!.status === 'inconclusive') {
      i = k;
      break;
    }
  if (i < 0) return at(latest.processId, 'closed'); // a
  const inconclusive = attempts[i]!;
  const later = attempts.slice(i + 1);
  const accepted = later.filter((a) => a.status === 'accepted').pop();
  if (accepted) return at(accepted.processId, 'resolved_by_retry'); // b
  const decision = input.decisions.find((d) => d.processId === inconclusive.processId);
  // c, with four-eyes: a decision waiting for a second reviewer keeps the case open, in the queue.
  if (decision?.state === 'pending_second_review')
    return at(inconclusive.processId, 'pending_second_review', {
      decision,
      waitingSince: decision.decidedAt,
    });
  if (decision && decision.outcome !== 'retry') return at(inconclusive.processId, 'decided', { decision }); // c
  if (decision?.outcome === 'retry') {
    // d
    return later.length === 0
      ? at(inconclusive.processId, 'awaiting_end_user', { waitingSince: decision.decidedAt })
      : at(latest.processId, 'closed');
  }
  return at(inconclusive.processId, 'needs_review', { waitingSince: inconclusive.updatedAt }); // e
}

/** Whether a new retry would verify someone already verified: Assure accepted them, or a reviewer approved them. */
export function verifiedBy(input: CaseInput): (CaseAttempt & { attemptNumber: number }) | undefined {
  const attempts = inOrder(input);
  const latest = attempts[attempts.length - 1];
  if (!latest || !FINAL.has(latest.status)) return undefined;
  const summary = caseOf(input);
  const numbered = (a: CaseAttempt | undefined) =>
    a ? { ...a, attemptNumber: attempts.indexOf(a) + 1 } : undefined;
  if (latest.status === 'accepted') return numbered(latest);
  if (summary.state === 'resolved_by_retry')
    return numbered(attempts.find((a) => a.processId === summary.processId));
  if (summary.state === 'decided' && summary.decision?.outcome === 'approve')
    return numbered(attempts.find((a) => a.processId === summary.processId));
  return undefined;
}

// --- Why an attempt is inconclusive, in a few words ------------------------------------------------------------

interface CheckLike {
  name: string;
  label: string;
  result: string;
}

/**
 * The check that made an attempt inconclusive, for the queue's one-line reason: the first failed check that is not
 * a roll-up of others (Onfido's `result`/`subResult`, Paper's overall `verification`). Null when no check failed or
 * was flagged.
 */
export function caseReason(checks: readonly CheckLike[]): { code: string; label: string } | null {
  // Onfido's "consider" is not a failure but is why the attempt needs a reviewer (issue 14: amber "Consider").
  const failed = checks.filter((c) => c.result === 'failed' || c.result === 'consider');
  const specific = failed.find((c) => !/(^|\.)(result|subResult|verification)$/.test(c.name)) ?? failed[0];
  return specific
    ? {
        code: specific.name,
        label: specific.result === 'consider' ? `${specific.label}: Consider` : `${specific.label} failed`,
      }
    : null;
}

// --- API -------------------------------------------------------------------------------------------------------

export const REVIEW_SLA_SETTING = 'reviewSlaHours';
export const DEFAULT_REVIEW_SLA_HOURS = 24;

const ASSIGNEE_FILTER = /^(me|unassigned|[a-zA-Z0-9._@-]{2,60})$/;

/** Query of GET /api/cases. `state` takes several values (repeated or comma-separated); default `needs_review`. */
export const caseListQuerySchema = z.object({
  state: z._default(z.array(z.enum(CASE_STATES)), []),
  provider: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(50))).check(z.maxLength(20)), []),
  reason: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  country: z.optional(
    z.string().check(z.regex(/^[A-Za-z0-9<_-]{1,20}$/, 'must be a country code such as NOR')),
  ),
  assignee: z.optional(z.string().check(z.regex(ASSIGNEE_FILTER, 'must be me, unassigned or a username'))),
  overdue: z.optional(
    z.pipe(
      z.enum(['true', 'false', '1', '0']),
      z.transform((v) => v === 'true' || v === '1'),
    ),
  ),
  q: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  /** `rejected`: only cases sharing a document, person or national number with a rejected case elsewhere. */
  linked: z.optional(z.enum(['rejected'])),
  cursor: z.optional(z.string().check(z.maxLength(500))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(200)), 50),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const caseDecisionSchema = z.object({
  outcome: z.enum(DECISION_OUTCOMES),
  actor: z.string(),
  decidedAt: z.string(),
  reasonCode: z.nullable(z.string()),
});

export const captureLinkSchema = z.object({
  processId: z.string(),
  provider: z.string(),
  processType: z.nullable(z.string()),
  url: z.string(),
  startedBy: z.string(),
  startedAt: z.string(),
});
export type CaptureLink = z.infer<typeof captureLinkSchema>;

export const caseItemSchema = z.object({
  dossierId: z.string(),
  state: z.enum(CASE_STATES),
  processId: z.nullable(z.string()),
  attemptNumber: z.nullable(z.number()),
  attempts: z.number(),
  provider: z.nullable(z.string()),
  providers: z.array(z.string()),
  processType: z.nullable(z.string()),
  /** Assure's status of `processId`. */
  status: z.nullable(z.string()),
  reason: z.nullable(z.string()),
  reasonCode: z.nullable(z.string()),
  firstName: z.nullable(z.string()),
  lastName: z.nullable(z.string()),
  documentCountry: z.nullable(z.string()),
  masked: z.boolean(),
  waitingSince: z.nullable(z.string()),
  dueAt: z.nullable(z.string()),
  overdue: z.boolean(),
  assignee: z.nullable(z.string()),
  claim: z.nullable(claimSchema),
  decision: z.nullable(caseDecisionSchema),
  /** Shares a document, person or national number with a case the desk rejected (linked identities). */
  linkedToRejected: z._default(z.boolean(), false),
});
export type CaseItem = z.infer<typeof caseItemSchema>;

export const caseListResponseSchema = z.object({
  items: z.array(caseItemSchema),
  nextCursor: z.nullable(z.string()),
  counts: z.record(z.string(), z.number()),
  /** The reasons present among the cases the other filters select, for the reason filter. */
  reasons: z.array(z.object({ code: z.string(), label: z.string(), n: z.number() })),
  slaHours: z.number(),
});
export type CaseListResponse = z.infer<typeof caseListResponseSchema>;

/** The case of one dossier, as the dossier page and the process header show it. */
export const dossierCaseSchema = z.extend(caseItemSchema, {
  retries: z.object({ used: z.number(), limit: z.number() }),
  captureLink: z.nullable(captureLinkSchema),
});
export type DossierCase = z.infer<typeof dossierCaseSchema>;

export const assigneesResponseSchema = z.object({ items: z.array(z.object({ username: z.string() })) });
export const assigneeRequestSchema = z.strictObject({
  username: z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(60))),
});

/** "Inconclusive → Approved by reviewer", "Inconclusive → verified by attempt #2": the desk's word next to Assure's. */
export function caseVerdict(
  state: CaseState,
  opts: { attemptNumber?: number | null; decision?: { outcome: string } | null } = {},
): string {
  switch (state) {
    case 'resolved_by_retry':
      return opts.attemptNumber
        ? `verified by attempt #${opts.attemptNumber}`
        : 'verified by a later attempt';
    case 'decided':
      return opts.decision?.outcome === 'reject' ? 'Rejected by reviewer' : 'Approved by reviewer';
    case 'awaiting_end_user':
      return 'awaiting the end-user’s retry';
    default:
      return CASE_STATE_LABELS[state];
  }
}
