import { z } from 'zod/mini';
import { DECISION_OUTCOMES } from './decision-outcomes';

// Our API for linked identities: the dossiers a process is linked to, the attempt diff of a dossier, and the
// administrator's link-key and exclusion screens.

export const LINK_KINDS = ['document', 'person', 'nationalId'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const DIFF_FIELDS = [
  'provider',
  'processType',
  'documentType',
  'documentNumber',
  'issuingCountry',
  'firstName',
  'lastName',
  'dateOfBirth',
  'dateOfExpiry',
  'device',
] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

/** The reason code a rejection for suspected fraud carries. */
export const SUSPECTED_FRAUD_REASON = 'suspected_fraud';

export const linkItemSchema = z.object({
  processId: z.string(),
  dossierId: z.string(),
  matchedOn: z.array(z.enum(LINK_KINDS)).check(z.minLength(1)),
  provider: z.string(),
  processType: z.nullable(z.string()),
  status: z.string(),
  /** The case state of the linked process (the cases issue); null where it is not known. */
  caseState: z.nullable(z.string()),
  decision: z.nullable(z.enum(DECISION_OUTCOMES)),
  reasonCode: z.nullable(z.string()),
  /** Rejected by the desk for suspected fraud: the warning at the top of the case. */
  rejectedAsFraud: z.boolean(),
  createdAt: z.string(),
  /** The linked person's name for roles that may see names; null for the others (a manager sees that, not whom). */
  name: z.nullable(z.string()),
  personalDataErased: z.boolean(),
});
export type LinkItem = z.infer<typeof linkItemSchema>;

export const linksResponseSchema = z.object({ items: z.array(linkItemSchema) });
export type LinksResponse = z.infer<typeof linksResponseSchema>;

export const attemptChangeSchema = z.object({
  processId: z.string(),
  previousProcessId: z.string(),
  changed: z.array(z.object({ field: z.enum(DIFF_FIELDS), from: z.string(), to: z.string() })),
  summary: z.string(),
  /** Both attempts are ReadID and one's device is not known until its full result is opened. */
  deviceUnknown: z.optional(z.boolean()),
});
export type AttemptChangeJson = z.infer<typeof attemptChangeSchema>;

export const linkKeyStatusSchema = z.object({
  generation: z.number(),
  fingerprint: z.string(),
  rotating: z.boolean(),
  progress: z.nullable(z.object({ done: z.number(), total: z.number() })),
  rotatedAt: z.nullable(z.string()),
  canRotateHere: z.boolean(),
  backfillPending: z.boolean(),
});
export type LinkKeyStatusJson = z.infer<typeof linkKeyStatusSchema>;

export const linkExclusionSchema = z.object({
  id: z.number(),
  kind: z.string(),
  note: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export const linkExclusionsResponseSchema = z.object({ items: z.array(linkExclusionSchema) });
export type LinkExclusionJson = z.infer<typeof linkExclusionSchema>;

export const linkExclusionCreateSchema = z.strictObject({
  documentNumber: z.string().check(z.trim(), z.minLength(1, 'Enter the document number.'), z.maxLength(60)),
  issuingCountry: z
    .string()
    .check(z.trim(), z.regex(/^[A-Za-z]{1,3}$/, 'Use the country code, e.g. NOR or NO.')),
  note: z
    .string()
    .check(
      z.trim(),
      z.minLength(3, 'Say why this document is shared (at least 3 characters).'),
      z.maxLength(500),
    ),
});
export type LinkExclusionCreate = z.infer<typeof linkExclusionCreateSchema>;
