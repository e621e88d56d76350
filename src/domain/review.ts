import { z } from 'zod';
import type { Check } from './explain/types';
import { PROVIDERS } from './providers';
import { ROLES } from './policy';

export const DECISION_OUTCOMES = ['approve', 'reject', 'retry'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  approve: 'Approve',
  reject: 'Reject',
  retry: 'Request retry',
};
/** A decision as a past fact, for lists. */
export const DECIDED_LABELS: Record<DecisionOutcome, string> = {
  approve: 'Approved',
  reject: 'Rejected',
  retry: 'Retry requested',
};

/** `pending_second_review`: four-eyes asks a different reviewer to confirm before the decision counts. */
export const DECISION_STATES = ['final', 'pending_second_review'] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

export const decisionRequestSchema = z
  .object({
    outcome: z.enum(DECISION_OUTCOMES),
    reasonCode: z.string().trim().min(1).max(60).optional(),
    note: z.string().max(4000).default(''),
    basedOnUpdatedAt: z
      .string()
      .refine((v) => Math.abs(new Date(Date.parse(v)).getUTCFullYear() - 5000) <= 4999, 'must be a timestamp')
      .optional(),
    /** "I compared the selfie with the document portrait": needed to approve despite a failed evidence check. */
    acknowledgeFailedChecks: z.boolean().default(false),
  })
  .strict()
  .refine((d) => d.outcome !== 'reject' || Boolean(d.reasonCode), {
    message: 'A rejection needs a reason code.',
    path: ['reasonCode'],
  });
export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

export const decisionSchema = z.object({
  id: z.number(),
  processId: z.string(),
  outcome: z.enum(DECISION_OUTCOMES),
  reasonCode: z.string().nullable(),
  note: z.string(),
  actor: z.string(),
  decidedAt: z.string(),
  state: z.enum(DECISION_STATES).default('final'),
  acknowledgedFailedChecks: z.boolean().default(false),
  confirmedBy: z.string().nullable().default(null),
  confirmedAt: z.string().nullable().default(null),
  /** True when the current user wrote it: they may not confirm it. */
  mine: z.boolean().default(false),
  retry: z.object({ processId: z.string().nullable(), url: z.string().nullable() }).nullable().optional(),
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

export const retryRequestSchema = z
  .object({ provider: z.enum(PROVIDERS).optional(), processType: z.string().min(1).max(50).optional() })
  .strict();
export const retryResponseSchema = z.object({ processId: z.string(), url: z.string().nullable() });
export type RetryResponse = z.infer<typeof retryResponseSchema>;

export const revealRequestSchema = z
  .object({
    field: z.string().min(1).max(60),
    reason: z.string().trim().min(3, 'Give a reason of at least 3 characters.').max(500),
  })
  .strict();
export const revealResponseSchema = z.object({
  field: z.string(),
  values: z.array(z.object({ path: z.string(), value: z.string() })),
});

export const reviewStateSchema = z.object({
  claim: claimSchema.nullable(),
  decision: decisionSchema.nullable(),
  retries: z.object({ used: z.number(), limit: z.number() }),
});
export type ReviewState = z.infer<typeof reviewStateSchema>;

export const decisionReturnSchema = z
  .object({
    note: z
      .string()
      .trim()
      .min(3, 'Say what the author should look at again (3 characters at least).')
      .max(4000),
  })
  .strict();

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
  position: z.number().int(),
});
export type ReasonCode = z.infer<typeof reasonCodeSchema>;
export const reasonCodesResponseSchema = z.object({ items: z.array(reasonCodeSchema) });
export const reasonCodeCreateSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, 'Use lower-case letters, digits and _.'),
    label: z.string().trim().min(1).max(120),
    outcome: z.enum(DECISION_OUTCOMES),
  })
  .strict();
/** Rename, retire (or bring back) and order a reason code; its outcome never changes (past decisions cite it). */
export const reasonCodeUpdateSchema = z
  .object({
    label: z.string().trim().min(1).max(120).optional(),
    active: z.boolean().optional(),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change.');

export const auditItemSchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  requestId: z.string().nullable().optional(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditItem = z.infer<typeof auditItemSchema>;
export const auditResponseSchema = z.object({
  items: z.array(auditItemSchema),
  nextCursor: z.string().nullable(),
});

/** The answer of "sign out everywhere" (self or, by an administrator, another user): how many sessions ended. */
export const signOutEverywhereSchema = z.object({ sessions: z.number().int().nonnegative() });

/** The periodic verification of the audit chain: the last head found intact, and a break found since, if any. */
export const auditCheckpointSchema = z.object({
  verified: z
    .object({ at: z.string(), headId: z.number(), headHash: z.string(), entries: z.number() })
    .nullable(),
  broken: z.object({ at: z.string(), brokenAt: z.number().nullable() }).nullable(),
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
export const userCreateSchema = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-zA-Z0-9._@-]{2,60}$/, 'Use 2–60 letters, digits, . _ @ or -.'),
    role: z.enum(ROLES),
    password: z.string().min(12, 'Passwords need at least 12 characters.').max(200),
  })
  .strict();
export const userUpdateSchema = z
  .object({
    role: z.enum(ROLES).optional(),
    active: z.boolean().optional(),
    password: z.string().min(12, 'Passwords need at least 12 characters.').max(200).optional(),
  })
  .strict();

export const fourEyesSchema = z.object({ approveFailedChecks: z.boolean(), reject: z.boolean() }).strict();
export type FourEyes = z.infer<typeof fourEyesSchema>;
export const DEFAULT_FOUR_EYES: FourEyes = { approveFailedChecks: true, reject: false };
export const settingsSchema = z.object({
  retryLimit: z.number().int().min(0).max(10),
  /** Hours a case may wait for review before it is overdue (default 24). */
  reviewSlaHours: z.number().int().min(1).max(720).optional(),
  /** Which decisions wait for a second reviewer. */
  fourEyes: fourEyesSchema.default(DEFAULT_FOUR_EYES),
});
export type Settings = z.infer<typeof settingsSchema>;
/** PUT /api/settings: any of the settings. */
export const settingsUpdateSchema = z
  .object({
    retryLimit: z.number().int().min(0).max(10).optional(),
    reviewSlaHours: z.number().int().min(1).max(720).optional(),
    fourEyes: fourEyesSchema.partial().strict().optional(),
  })
  .strict();

/** Days after a process is final before its personal data is erased; 0 keeps it indefinitely (the default). */
export const RETENTION_SETTING = 'personalDataRetentionDays';
export const DEFAULT_RETENTION_DAYS = 0;
export const MAX_RETENTION_DAYS = 3650;
export const retentionSettingsSchema = z
  .object({ personalDataRetentionDays: z.number().int().min(0).max(MAX_RETENTION_DAYS) })
  .strict();
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;
