import { z } from 'zod';
import {
  healthSchema,
  loginRequestSchema,
  processBatchRequestSchema,
  processBatchResponseSchema,
  processDetailResponseSchema,
  dossierResponseSchema,
  processListQuerySchema,
  processListResponseSchema,
  reviewQueueResponseSchema,
  sessionResponseSchema,
} from './api';
import { assigneeRequestSchema, assigneesResponseSchema, caseItemSchema, caseListQuerySchema, caseListResponseSchema } from './cases';
import { defineRoute } from './contract';
import { linkExclusionCreateSchema, linkExclusionSchema, linkExclusionsResponseSchema, linkKeyStatusSchema, linksResponseSchema } from './links-api';
import {
  mfaChallengeSchema,
  mfaSettingsSchema,
  mfaSettingsUpdateSchema,
  mfaVerifyRequestSchema,
  mfaVerifyResponseSchema,
  signInOptionsSchema,
} from './mfa';
import { outcomesExportQuerySchema, outcomesQuerySchema, outcomesResponseSchema } from './outcomes';
import { providerHealthResponseSchema } from './provider-health';
import {
  auditCheckpointSchema,
  auditResponseSchema,
  claimSchema,
  decisionRequestSchema,
  decisionReturnSchema,
  decisionSchema,
  reasonCodeCreateSchema,
  reasonCodeSchema,
  reasonCodesResponseSchema,
  reasonCodeUpdateSchema,
  retentionSettingsSchema,
  retryRequestSchema,
  retryResponseSchema,
  revealRequestSchema,
  revealResponseSchema,
  settingsSchema,
  settingsUpdateSchema,
  signOutEverywhereSchema,
  userCreateSchema,
  userSchema,
  usersResponseSchema,
  userUpdateSchema,
} from './review';

// Every route of the API, declared once. The server cannot register a route that is not here (src/server/lib/
// contract-routes.ts), the SPA calls these objects (src/web/lib/api-client.ts), and GET /api/openapi.json lists them.

const id = z.string().min(1).max(200);
/** A database id (PostgreSQL integer). */
const serial = z.coerce.number().int().positive().max(2_147_483_647);
const processParams = z.object({ processId: id });
const dossierParams = z.object({ dossierId: id });
const decisionParams = z.object({ processId: id, decisionId: serial });
const userParams = z.object({ userId: serial });

const day = /^\d{4}-\d{2}-\d{2}$/;
export const auditQuerySchema = z.object({
  target: z.string().max(200).optional(),
  actor: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  from: z.string().regex(day, 'from must be YYYY-MM-DD').optional(),
  to: z.string().regex(day, 'to must be YYYY-MM-DD').optional(),
  cursor: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const readyResponseSchema = z.object({ ready: z.boolean() });
export const loginAnswerSchema = z.union([mfaChallengeSchema, sessionResponseSchema]);
export const decisionCreatedSchema = decisionSchema.extend({ retryError: z.string().optional() });
export const decisionReturnedSchema = decisionSchema.extend({ state: z.literal('returned'), returnNote: z.string() });
export const webhookAcceptedSchema = z.object({ received: z.literal(true), duplicate: z.boolean() });
export const fullResultQuerySchema = z.object({ reason: z.string().trim().max(500, 'Give a reason of at most 500 characters.').optional() });

export const API = {
  // --- Health and session -------------------------------------------------------------------------------------
  health: defineRoute({ method: 'GET', path: '/api/health', policy: 'public', summary: 'Liveness with the state of the database and of Assure', reply: healthSchema }),
  ready: defineRoute({ method: 'GET', path: '/api/ready', policy: 'public', summary: 'Readiness for the load balancer (503 while not ready)', reply: readyResponseSchema }),
  session: defineRoute({ method: 'GET', path: '/api/session', policy: 'public', summary: 'The signed-in user, if any, and the CSRF token', reply: sessionResponseSchema }),
  signIn: defineRoute({
    method: 'POST',
    path: '/api/session',
    policy: 'public',
    summary: 'Sign in with username and password; answers a second-factor challenge when one is required',
    body: loginRequestSchema,
    reply: loginAnswerSchema,
  }),
  signOut: defineRoute({ method: 'DELETE', path: '/api/session', policy: 'session', summary: 'Sign out of this browser', reply: 'empty' }),
  signOutEverywhere: defineRoute({
    method: 'POST',
    path: '/api/session/sign-out-everywhere',
    policy: 'session',
    summary: 'End every session of the signed-in user (other browsers and devices too)',
    reply: signOutEverywhereSchema,
  }),
  verifySecondFactor: defineRoute({
    method: 'POST',
    path: '/api/session/mfa',
    policy: 'public', // the pending challenge's token stands in for a session
    summary: 'Answer the second-factor challenge of a sign-in (enrol on first use)',
    body: mfaVerifyRequestSchema,
    reply: mfaVerifyResponseSchema,
  }),
  signInOptions: defineRoute({ method: 'GET', path: '/api/auth/options', policy: 'public', summary: 'Which ways of signing in are offered', reply: signInOptionsSchema }),
  oidcLogin: defineRoute({ method: 'GET', path: '/api/auth/oidc/login', policy: 'public', summary: 'Start single sign-on at the OpenID provider', query: z.object({ next: z.string().optional() }), reply: 'redirect' }),
  oidcCallback: defineRoute({
    method: 'GET',
    path: '/api/auth/oidc/callback',
    policy: 'public', // authenticated by state, PKCE and the ID token
    summary: "The OpenID provider's redirect back after single sign-on",
    reply: 'redirect',
  }),
  assureWebhook: defineRoute({
    method: 'POST',
    path: '/api/webhooks/assure',
    policy: 'public', // authenticated by its HMAC signature instead
    summary: "Assure's signed event about a process (HMAC-SHA256 of the body in the signature header)",
    reply: webhookAcceptedSchema,
    status: 202,
  }),

  // --- Processes, dossiers and links --------------------------------------------------------------------------
  processes: defineRoute({ method: 'GET', path: '/api/processes', policy: 'processes:read', summary: 'One page of processes (keyset paging, filters, search)', query: processListQuerySchema, reply: processListResponseSchema }),
  processBatch: defineRoute({ method: 'POST', path: '/api/processes/batch', policy: 'processes:read', summary: 'Fresh list rows for the processes a page shows', body: processBatchRequestSchema, reply: processBatchResponseSchema }),
  processExport: defineRoute({ method: 'GET', path: '/api/processes/export', policy: 'export:csv', summary: 'The filtered list as CSV (masked per role)', query: processListQuerySchema, reply: 'csv' }),
  process: defineRoute({ method: 'GET', path: '/api/processes/:processId', policy: 'processes:read', summary: 'One process with its explanation, review state and case', params: processParams, reply: processDetailResponseSchema }),
  processTimeline: defineRoute({ method: 'GET', path: '/api/processes/:processId/timeline', policy: 'processes:read', summary: "The process's audit trail", params: processParams, reply: auditResponseSchema }),
  reveal: defineRoute({
    method: 'POST',
    path: '/api/processes/:processId/reveal',
    policy: 'processes:reveal',
    summary: 'Reveal a masked identifier, with a reason (audited)',
    params: processParams,
    body: revealRequestSchema,
    reply: revealResponseSchema,
  }),
  fullResult: defineRoute({
    method: 'GET',
    path: '/api/processes/:processId/full-result',
    policy: 'fullResult:read',
    summary: "The provider's full result as a zip (a reason is required unless you work the case; audited)",
    params: processParams,
    query: fullResultQuerySchema,
    reply: 'zip',
  }),
  dossier: defineRoute({ method: 'GET', path: '/api/dossiers/:dossierId', policy: 'processes:read', summary: 'A dossier: its attempts, case and attempt diff', params: dossierParams, reply: dossierResponseSchema }),
  processLinks: defineRoute({
    method: 'GET',
    path: '/api/processes/:processId/links',
    policy: 'processes:read', // masked per role: managers see that a link exists and its outcome, never whose
    summary: 'Other dossiers sharing an identity key with this process (same document, person or national number)',
    params: processParams,
    reply: linksResponseSchema,
  }),

  // --- Review -------------------------------------------------------------------------------------------------
  claim: defineRoute({ method: 'POST', path: '/api/processes/:processId/claim', policy: 'review:decide', summary: 'Claim the case of this process for review', params: processParams, reply: claimSchema }),
  releaseClaim: defineRoute({ method: 'DELETE', path: '/api/processes/:processId/claim', policy: 'review:decide', summary: 'Release your claim', params: processParams, reply: 'empty' }),
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
  reviewQueue: defineRoute({ method: 'GET', path: '/api/review-queue', policy: 'review:decide', summary: 'Inconclusive processes waiting for review', reply: reviewQueueResponseSchema }),
  cases: defineRoute({ method: 'GET', path: '/api/cases', policy: 'cases:read', summary: 'The queue of cases (one per person across attempts), with counts per state', query: caseListQuerySchema, reply: caseListResponseSchema }),
  caseAssignees: defineRoute({ method: 'GET', path: '/api/cases/assignees', policy: 'cases:assign', summary: 'Who a case can be assigned to', reply: assigneesResponseSchema }),
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
  reasonCodes: defineRoute({ method: 'GET', path: '/api/reason-codes', policy: 'session', summary: 'Reason codes for decisions', reply: reasonCodesResponseSchema }),
  addReasonCode: defineRoute({ method: 'POST', path: '/api/reason-codes', policy: 'settings:manage', summary: 'Add a reason code', body: reasonCodeCreateSchema, reply: reasonCodeSchema, status: 201 }),
  updateReasonCode: defineRoute({
    method: 'PATCH',
    path: '/api/reason-codes/:code',
    policy: 'settings:manage',
    summary: 'Rename or retire a reason code',
    params: z.object({ code: z.string().min(1).max(60) }),
    body: reasonCodeUpdateSchema,
    reply: reasonCodeSchema,
  }),

  // --- Outcomes and provider health ---------------------------------------------------------------------------
  outcomes: defineRoute({ method: 'GET', path: '/api/outcomes', policy: 'outcomes:read', summary: 'Outcome figures for a period, the team view and the backlog', query: outcomesQuerySchema, reply: outcomesResponseSchema }),
  outcomesExport: defineRoute({ method: 'GET', path: '/api/outcomes/export', policy: 'outcomes:read', summary: 'One outcomes table as CSV', query: outcomesExportQuerySchema, reply: 'csv' }),
  providerHealth: defineRoute({
    method: 'GET',
    path: '/api/provider-health',
    policy: 'session', // aggregates per provider, no personal data
    summary: "The provider-health sentinel's latest assessment per provider and process type",
    reply: providerHealthResponseSchema,
  }),

  // --- Audit --------------------------------------------------------------------------------------------------
  audit: defineRoute({ method: 'GET', path: '/api/audit', policy: 'audit:read', summary: 'The audit trail, newest first (keyset paging)', query: auditQuerySchema, reply: auditResponseSchema }),
  auditExport: defineRoute({ method: 'GET', path: '/api/audit/export', policy: 'audit:read', summary: 'The filtered audit trail as CSV', query: auditQuerySchema, reply: 'csv' }),
  auditCheckpoint: defineRoute({ method: 'GET', path: '/api/audit/checkpoint', policy: 'audit:read', summary: 'The latest periodic verification of the audit chain', reply: auditCheckpointSchema }),

  // --- Administration -----------------------------------------------------------------------------------------
  users: defineRoute({ method: 'GET', path: '/api/users', policy: 'users:manage', summary: 'Users and their roles', reply: usersResponseSchema }),
  addUser: defineRoute({ method: 'POST', path: '/api/users', policy: 'users:manage', summary: 'Add a user', body: userCreateSchema, reply: userSchema, status: 201 }),
  updateUser: defineRoute({ method: 'PATCH', path: '/api/users/:userId', policy: 'users:manage', summary: "Change a user's role, password or state", params: userParams, body: userUpdateSchema, reply: userSchema }),
  signOutUserEverywhere: defineRoute({
    method: 'POST',
    path: '/api/users/:userId/sign-out-everywhere',
    policy: 'users:manage',
    summary: 'End every session of a user',
    params: userParams,
    reply: signOutEverywhereSchema,
  }),
  resetSecondFactor: defineRoute({ method: 'DELETE', path: '/api/users/:userId/mfa', policy: 'users:manage', summary: "Reset a user's second factor (they enrol again at next sign-in)", params: userParams, reply: 'empty' }),
  settings: defineRoute({ method: 'GET', path: '/api/settings', policy: 'session', summary: 'Review settings (four-eyes rules, SLA, retry limit)', reply: settingsSchema }),
  updateSettings: defineRoute({ method: 'PUT', path: '/api/settings', policy: 'settings:manage', summary: 'Change review settings', body: settingsUpdateSchema, reply: settingsSchema }),
  retention: defineRoute({ method: 'GET', path: '/api/settings/retention', policy: 'settings:manage', summary: 'How long personal data is kept', reply: retentionSettingsSchema }),
  updateRetention: defineRoute({ method: 'PUT', path: '/api/settings/retention', policy: 'settings:manage', summary: 'Change how long personal data is kept', body: retentionSettingsSchema, reply: retentionSettingsSchema }),
  secondFactorSettings: defineRoute({ method: 'GET', path: '/api/settings/mfa', policy: 'settings:manage', summary: 'Which roles need a second factor, and the step-up window', reply: mfaSettingsSchema }),
  updateSecondFactorSettings: defineRoute({ method: 'PUT', path: '/api/settings/mfa', policy: 'settings:manage', summary: 'Change the second-factor settings', body: mfaSettingsUpdateSchema, reply: mfaSettingsSchema }),
  linkKey: defineRoute({ method: 'GET', path: '/api/admin/link-key', policy: 'settings:manage', summary: 'The link key in use and the progress of a re-keying', reply: linkKeyStatusSchema }),
  rotateLinkKey: defineRoute({ method: 'POST', path: '/api/admin/link-key/rotate', policy: 'settings:manage', summary: 'Rotate the link key (demo mode); the index is re-keyed in the background', reply: linkKeyStatusSchema, status: 202 }),
  linkExclusions: defineRoute({ method: 'GET', path: '/api/admin/link-exclusions', policy: 'settings:manage', summary: 'Document numbers excluded from linking', reply: linkExclusionsResponseSchema }),
  addLinkExclusion: defineRoute({ method: 'POST', path: '/api/admin/link-exclusions', policy: 'settings:manage', summary: 'Exclude a document number known to be shared legitimately (audited)', body: linkExclusionCreateSchema, reply: linkExclusionSchema, status: 201 }),
  removeLinkExclusion: defineRoute({
    method: 'DELETE',
    path: '/api/admin/link-exclusions/:id',
    policy: 'settings:manage',
    summary: 'Link a document number again',
    params: z.object({ id: serial }),
    reply: 'empty',
  }),
  openapi: defineRoute({ method: 'GET', path: '/api/openapi.json', policy: 'session', summary: 'This document: every route, its permission and its schemas (OpenAPI 3.1)', reply: z.record(z.string(), z.unknown()) }),
} as const;

export type ApiRoutes = typeof API;
export type RouteName = keyof ApiRoutes;
