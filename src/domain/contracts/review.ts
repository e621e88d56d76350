import { z } from 'zod/mini';
import {
  assigneeRequestSchema,
  assigneesResponseSchema,
  caseItemSchema,
  caseListQuerySchema,
  caseListResponseSchema,
} from '../cases';
import {
  claimSchema,
  decisionRequestSchema,
  decisionReturnSchema,
  decisionSchema,
  reasonCodeCreateSchema,
  reasonCodeSchema,
  reasonCodesResponseSchema,
  reasonCodeUpdateSchema,
  retryRequestSchema,
  retryResponseSchema,
  reviewQueueResponseSchema,
} from '../review';
import { defineRoute } from '../contract';
import { id, serial, processParams, dossierParams } from './common';

const decisionParams = z.object({ processId: id, decisionId: serial });
export const decisionCreatedSchema = z.extend(decisionSchema, { retryError: z.optional(z.string()) });
export const decisionReturnedSchema = z.extend(decisionSchema, {
  state: z.literal('returned'),
  returnNote: z.string(),
});

/** Review: claims, decisions, the case queue, retries and reason codes. */
export const REVIEW_API = {
  claim: defineRoute({
    method: 'POST',
    path: '/api/processes/:processId/claim',
    policy: 'review:decide',
    summary: 'Claim the case of this process for review',
    params: processParams,
    reply: claimSchema,
  }),
  releaseClaim: defineRoute({
    method: 'DELETE',
    path: '/api/processes/:processId/claim',
    policy: 'review:decide',
    summary: 'Release your claim',
    params: processParams,
    reply: 'empty',
  }),
  decide: defineRoute({
    method: 'POST',
    path: '/api/processes/:processId/decisions',
    policy: 'review:decide',
    summary: 'Decide an inconclusive process: approve, reject or request a retry (four-eyes rules apply)',
    params: processParams,
    body: decisionRequestSchema,
    reply: decisionCreatedSchema,
    status: 201,
  }),
  confirmDecision: defineRoute({
    method: 'POST',
    path: '/api/processes/:processId/decisions/:decisionId/confirm',
    policy: 'review:decide',
    summary: "Confirm another reviewer's decision that waits for a second pair of eyes",
    params: decisionParams,
    reply: decisionSchema,
  }),
  returnDecision: defineRoute({
    method: 'POST',
    path: '/api/processes/:processId/decisions/:decisionId/return',
    policy: 'review:decide',
    summary: 'Send a pending decision back to its author with a note',
    params: decisionParams,
    body: decisionReturnSchema,
    reply: decisionReturnedSchema,
  }),
  reviewQueue: defineRoute({
    method: 'GET',
    path: '/api/review-queue',
    policy: 'review:decide',
    summary: 'Inconclusive processes waiting for review',
    reply: reviewQueueResponseSchema,
  }),
  cases: defineRoute({
    method: 'GET',
    path: '/api/cases',
    policy: 'cases:read',
    summary: 'The queue of cases (one per person across attempts), with counts per state',
    query: caseListQuerySchema,
    reply: caseListResponseSchema,
  }),
  caseAssignees: defineRoute({
    method: 'GET',
    path: '/api/cases/assignees',
    policy: 'cases:assign',
    summary: 'Who a case can be assigned to',
    reply: assigneesResponseSchema,
  }),
  assignCase: defineRoute({
    method: 'POST',
    path: '/api/cases/:dossierId/assignee',
    policy: 'cases:assign',
    summary: 'Assign a case to a reviewer (null: unassign)',
    params: dossierParams,
    body: assigneeRequestSchema,
    reply: caseItemSchema,
  }),
  retry: defineRoute({
    method: 'POST',
    path: '/api/dossiers/:dossierId/retries',
    policy: 'retries:start',
    summary: 'Start a new attempt for the end-user (same or another provider)',
    params: dossierParams,
    body: retryRequestSchema,
    bodyOptional: true,
    reply: retryResponseSchema,
    status: 201,
  }),
  reasonCodes: defineRoute({
    method: 'GET',
    path: '/api/reason-codes',
    policy: 'session',
    summary: 'Reason codes for decisions',
    reply: reasonCodesResponseSchema,
  }),
  addReasonCode: defineRoute({
    method: 'POST',
    path: '/api/reason-codes',
    policy: 'settings:manage',
    summary: 'Add a reason code',
    body: reasonCodeCreateSchema,
    reply: reasonCodeSchema,
    status: 201,
  }),
  updateReasonCode: defineRoute({
    method: 'PATCH',
    path: '/api/reason-codes/:code',
    policy: 'settings:manage',
    summary: 'Rename or retire a reason code',
    params: z.object({ code: z.string().check(z.minLength(1), z.maxLength(60)) }),
    body: reasonCodeUpdateSchema,
    reply: reasonCodeSchema,
  }),
} as const;
