import { z } from 'zod/mini';
import { processListItemSchema } from './api';
import { dossierCaseSchema } from './cases';
import { attemptChangeSchema } from './links-api';
import { reviewStateSchema } from './review';

// The answers of the process detail and dossier screens (GET /api/processes/:processId, GET /api/dossiers/:dossierId),
// apart from api.ts so that the shell and the processes list carry none of these schemas.

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
      raw: z.optional(z.unknown()),
    }),
  ),
  agreesWithUpstream: z.boolean(),
  disagreement: z.optional(z.string()),
  waitingFor: z.optional(z.string()),
  failReason: z.optional(
    z.looseObject({
      code: z.string(),
      known: z.boolean(),
      explanation: z.string(),
      lines: z.optional(z.array(z.string())),
    }),
  ),
  notices: z.array(z.string()),
});
export type ExplanationJson = z.infer<typeof explanationSchema>;

export const processDetailResponseSchema = z.object({
  process: z.looseObject({ processId: z.string(), provider: z.string(), status: z.string() }),
  dossierId: z.string(),
  /** The customer's own reference of the dossier (contract §9), when Assure reports one. */
  externalReference: z.optional(z.nullable(z.string())),
  syncedAt: z.string(),
  stale: z.boolean(),
  deletedUpstream: z.boolean(),
  personalDataErasedAt: z.nullable(z.string()),
  masked: z._default(z.array(z.string()), []),
  /** The user holds the claim on this case (or it is assigned to them): identifiers and full result without a reason. */
  worksCase: z._default(z.boolean(), false),
  explanation: explanationSchema,
  review: reviewStateSchema,
  /** The case of the process's dossier: the desk's verdict, and the capture link of a running retry. */
  case: z.optional(z.nullable(dossierCaseSchema)),
});
export type ProcessDetailResponse = z.infer<typeof processDetailResponseSchema>;

export const dossierResponseSchema = z.object({
  dossierId: z.string(),
  externalReference: z.optional(z.nullable(z.string())),
  deletedUpstream: z.boolean(),
  processes: z.array(processListItemSchema),
  case: z.optional(z.nullable(dossierCaseSchema)),
  /** For each attempt after the first, what changed against the one before (linked identities issue). */
  attemptDiff: z._default(z.array(attemptChangeSchema), []),
});
export type DossierResponse = z.infer<typeof dossierResponseSchema>;
