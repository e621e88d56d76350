import { z } from 'zod/mini';
import type { Check } from './explain/types';
import { PROVIDERS } from './providers';
import { ROLES } from './policy';
import { processListItemSchema } from './api';
import { DECISION_OUTCOMES } from './decision-outcomes';

export { DECIDED_LABELS, DECISION_OUTCOMES, OUTCOME_LABELS, type DecisionOutcome } from './decision-outcomes';

/** `pending_second_review`: four-eyes asks a different reviewer to confirm before the decision counts. */
export const DECISION_STATES = ['final', 'pending_second_review'] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

export const decisionRequestSchema = z
  .strictObject({
    outcome: z.enum(DECISION_OUTCOMES),
    reasonCode: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(60))),
    note: z._default(z.string().check(z.maxLength(4000)), ''),
    basedOnUpdatedAt: z.optional(
      z
        .string()
        .check(
          z.refine(
            (v) => Math.abs(new Date(Date.parse(v)).getUTCFullYear() - 5000) <= 4999,
            'must be a timestamp',
          ),
        ),
    ),
    /** "I compared the selfie with the document portrait": needed to approve despite a failed evidence check. */
    acknowledgeFailedChecks: z._default(z.boolean(), false),
  })
  .check(
    z.refine((d) => d.outcome !== 'reject' || Boolean(d.reasonCode), {
      message: 'A rejection needs a reason code.',
      path: ['reasonCode'],
    }),
  );
export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

export const decisionSchema = z.object({
  id: z.number(),
  processId: z.string(),
  outcome: z.enum(DECISION_OUTCOMES),
  reasonCode: z.nullable(z.string()),
  note: z.string(),
  actor: z.string(),
  decidedAt: z.string(),
  state: z._default(z.enum(DECISION_STATES), 'final'),
  acknowledgedFailedChecks: z._default(z.boolean(), false),
  confirmedBy: z._default(z.nullable(z.string()), null),
  confirmedAt: z._default(z.nullable(z.string()), null),
  /** True when the current user wrote it: they may not confirm it. */
  mine: z._default(z.boolean(), false),
  retry: z.optional(z.nullable(z.object({ processId: z.nullable(z.string()), url: z.nullable(z.string()) }))),
});
export type Decision = z.infer<typeof decisionSchema>;

export const claimSchema = z.object({
  processId: z.string(),
  username: z.string(),
  claimedAt: z.string(),
  expiresAt: z.string(),
  mine: z.boolean(),
});
export type Claim = z.infer<typeof claimSchema>;

/** A row of the review queue: the list row, why it waits, who holds it and a decision awaiting a second reviewer. */
export const reviewQueueItemSchema = z.extend(processListItemSchema, {
  reason: z.string(),
  claim: z.nullable(claimSchema),
  /** A decision waiting for a second reviewer: who wrote it and what it says. */
  pendingDecision: z._default(z.nullable(decisionSchema), null),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItemSchema>;
export const reviewQueueResponseSchema = z.object({
  items: z.array(reviewQueueItemSchema),
  total: z.number(),
});

export const retryRequestSchema = z.strictObject({
  provider: z.optional(z.enum(PROVIDERS)),
  processType: z.optional(z.string().check(z.minLength(1), z.maxLength(50))),
});
export const retryResponseSchema = z.object({ processId: z.string(), url: z.nullable(z.string()) });
export type RetryResponse = z.infer<typeof retryResponseSchema>;

export const revealRequestSchema = z.strictObject({
  field: z.string().check(z.minLength(1), z.maxLength(60)),
  reason: z
    .string()
    .check(z.trim(), z.minLength(3, 'Give a reason of at least 3 characters.'), z.maxLength(500)),
});
export const revealResponseSchema = z.object({
  field: z.string(),
  values: z.array(z.object({ path: z.string(), value: z.string() })),
});

export const reviewStateSchema = z.object({
  claim: z.nullable(claimSchema),
  decision: z.nullable(decisionSchema),
  retries: z.object({ used: z.number(), limit: z.number() }),
});
export type ReviewState = z.infer<typeof reviewStateSchema>;

export const decisionReturnSchema = z.strictObject({
  note: z
    .string()
    .check(
      z.trim(),
      z.minLength(3, 'Say what the author should look at again (3 characters at least).'),
      z.maxLength(4000),
    ),
});

/** Checks about the pictures and the chip: approving despite one that failed needs an explicit acknowledgement. */
const EVIDENCE_CHECK =
  /^(chipVerification|chipCloneDetection|iproovLiveness|facialSimilarity\.|ocr\.similarityScore|ocr\.livenessDetected)/;
export function failedEvidenceChecks<C extends Pick<Check, 'name' | 'result'>>(checks: readonly C[]): C[] {
  return checks.filter(
    (c) => (c.result === 'failed' || c.result === 'consider') && EVIDENCE_CHECK.test(c.name),
  );
}
export const ACKNOWLEDGEMENT = 'I compared the selfie with the document portrait myself';

export const reasonCodeSchema = z.object({
  code: z.string(),
  label: z.string(),
  active: z.boolean(),
  outcome: z.enum(DECISION_OUTCOMES),
  position: z.number().check(z.int()),
});
export type ReasonCode = z.infer<typeof reasonCodeSchema>;
export const reasonCodesResponseSchema = z.object({ items: z.array(reasonCodeSchema) });
export const reasonCodeCreateSchema = z.strictObject({
  code: z.string().check(z.regex(/^[a-z][a-z0-9_]{1,59}$/, 'Use lower-case letters, digits and _.')),
  label: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  outcome: z.enum(DECISION_OUTCOMES),
});
/** Rename, retire (or bring back) and order a reason code; its outcome never changes (past decisions cite it). */
export const reasonCodeUpdateSchema = z
  .strictObject({
    label: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(120))),
    active: z.optional(z.boolean()),
    position: z.optional(z.number().check(z.int(), z.gte(0), z.lte(1000))),
  })
  .check(z.refine((v) => Object.keys(v).length > 0, 'Nothing to change.'));

export const auditItemSchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.nullable(z.string()),
  requestId: z.optional(z.nullable(z.string())),
  details: z.record(z.string(), z.unknown()),
});
export type AuditItem = z.infer<typeof auditItemSchema>;
export const auditResponseSchema = z.object({
  items: z.array(auditItemSchema),
  nextCursor: z.nullable(z.string()),
});

/** The periodic verification of the audit chain: the last head found intact, and a break found since, if any. */
export const auditCheckpointSchema = z.object({
  verified: z.nullable(
    z.object({ at: z.string(), headId: z.number(), headHash: z.string(), entries: z.number() }),
  ),
  broken: z.nullable(z.object({ at: z.string(), brokenAt: z.nullable(z.number()) })),
});
export type AuditCheckpoint = z.infer<typeof auditCheckpointSchema>;

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  createdAt: z.string(),
});
export const usersResponseSchema = z.object({ items: z.array(userSchema) });
export const userCreateSchema = z.strictObject({
  username: z
    .string()
    .check(z.trim(), z.regex(/^[a-zA-Z0-9._@-]{2,60}$/, 'Use 2–60 letters, digits, . _ @ or -.')),
  role: z.enum(ROLES),
  password: z.string().check(z.minLength(12, 'Passwords need at least 12 characters.'), z.maxLength(200)),
});
export const userUpdateSchema = z.strictObject({
  role: z.optional(z.enum(ROLES)),
  active: z.optional(z.boolean()),
  password: z.optional(
    z.string().check(z.minLength(12, 'Passwords need at least 12 characters.'), z.maxLength(200)),
  ),
});

export const fourEyesSchema = z.strictObject({ approveFailedChecks: z.boolean(), reject: z.boolean() });
export type FourEyes = z.infer<typeof fourEyesSchema>;
export const DEFAULT_FOUR_EYES: FourEyes = { approveFailedChecks: true, reject: false };
export const settingsSchema = z.object({
  retryLimit: z.number().check(z.int(), z.gte(0), z.lte(10)),
  /** Hours a case may wait for review before it is overdue (default 24). */
  reviewSlaHours: z.optional(z.number().check(z.int(), z.gte(1), z.lte(720))),
  /** Which decisions wait for a second reviewer. */
  fourEyes: z._default(fourEyesSchema, DEFAULT_FOUR_EYES),
});
export type Settings = z.infer<typeof settingsSchema>;
/** PUT /api/settings: any of the settings. */
export const settingsUpdateSchema = z.strictObject({
  retryLimit: z.optional(z.number().check(z.int(), z.gte(0), z.lte(10))),
  reviewSlaHours: z.optional(z.number().check(z.int(), z.gte(1), z.lte(720))),
  fourEyes: z.optional(z.strictObject(z.partial(fourEyesSchema).shape)),
});

/** Days after a process is final before its personal data is erased; 0 keeps it indefinitely (the default). */
export const RETENTION_SETTING = 'personalDataRetentionDays';
export const DEFAULT_RETENTION_DAYS = 0;
export const MAX_RETENTION_DAYS = 3650;
export const retentionSettingsSchema = z.strictObject({
  personalDataRetentionDays: z.number().check(z.int(), z.gte(0), z.lte(MAX_RETENTION_DAYS)),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;
