import { z } from 'zod/mini';
import {
  linkExclusionCreateSchema,
  linkExclusionSchema,
  linkExclusionsResponseSchema,
  linkKeyStatusSchema,
} from '../links-api';
import { signOutEverywhereSchema } from '../api';
import { mfaSettingsSchema, mfaSettingsUpdateSchema } from '../mfa-settings';
import {
  auditCheckpointSchema,
  auditResponseSchema,
  retentionSettingsSchema,
  settingsSchema,
  settingsUpdateSchema,
  userCreateSchema,
  userSchema,
  usersResponseSchema,
  userUpdateSchema,
} from '../review';
import { defineRoute } from '../contract';
import { serial } from './common';

const userParams = z.object({ userId: serial });
const day = /^\d{4}-\d{2}-\d{2}$/;
export const auditQuerySchema = z.object({
  target: z.optional(z.string().check(z.maxLength(200))),
  actor: z.optional(z.string().check(z.maxLength(200))),
  action: z.optional(z.string().check(z.maxLength(100))),
  from: z.optional(z.string().check(z.regex(day, 'from must be YYYY-MM-DD'))),
  to: z.optional(z.string().check(z.regex(day, 'to must be YYYY-MM-DD'))),
  cursor: z.optional(z.coerce.number().check(z.int(), z.positive(), z.lte(Number.MAX_SAFE_INTEGER))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(500)), 100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** What the admin's API page reads of GET /api/openapi.json (the document carries more: parameters, schemas, errors). */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(
    z.string(),
    z.record(
      z.string(),
      z.looseObject({ operationId: z.string(), summary: z.string(), 'x-permission': z.string() }),
    ),
  ),
});

/** Audit and administration. */
export const ADMIN_API = {
  audit: defineRoute({
    method: 'GET',
    path: '/api/audit',
    policy: 'audit:read',
    summary: 'The audit trail, newest first (keyset paging)',
    query: auditQuerySchema,
    reply: auditResponseSchema,
  }),
  auditExport: defineRoute({
    method: 'GET',
    path: '/api/audit/export',
    policy: 'audit:read',
    summary: 'The filtered audit trail as CSV',
    query: auditQuerySchema,
    reply: 'csv',
  }),
  auditCheckpoint: defineRoute({
    method: 'GET',
    path: '/api/audit/checkpoint',
    policy: 'audit:read',
    summary: 'The latest periodic verification of the audit chain',
    reply: auditCheckpointSchema,
  }),
  users: defineRoute({
    method: 'GET',
    path: '/api/users',
    policy: 'users:manage',
    summary: 'Users and their roles',
    reply: usersResponseSchema,
  }),
  addUser: defineRoute({
    method: 'POST',
    path: '/api/users',
    policy: 'users:manage',
    summary: 'Add a user',
    body: userCreateSchema,
    reply: userSchema,
    status: 201,
  }),
  updateUser: defineRoute({
    method: 'PATCH',
    path: '/api/users/:userId',
    policy: 'users:manage',
    summary: "Change a user's role, password or state",
    params: userParams,
    body: userUpdateSchema,
    reply: userSchema,
  }),
  signOutUserEverywhere: defineRoute({
    method: 'POST',
    path: '/api/users/:userId/sign-out-everywhere',
    policy: 'users:manage',
    summary: 'End every session of a user',
    params: userParams,
    reply: signOutEverywhereSchema,
  }),
  resetSecondFactor: defineRoute({
    method: 'DELETE',
    path: '/api/users/:userId/mfa',
    policy: 'users:manage',
    summary: "Reset a user's second factor (they enrol again at next sign-in)",
    params: userParams,
    reply: 'empty',
  }),
  settings: defineRoute({
    method: 'GET',
    path: '/api/settings',
    policy: 'session',
    summary: 'Review settings (four-eyes rules, SLA, retry limit)',
    reply: settingsSchema,
  }),
  updateSettings: defineRoute({
    method: 'PUT',
    path: '/api/settings',
    policy: 'settings:manage',
    summary: 'Change review settings',
    body: settingsUpdateSchema,
    reply: settingsSchema,
  }),
  retention: defineRoute({
    method: 'GET',
    path: '/api/settings/retention',
    policy: 'settings:manage',
    summary: 'How long personal data is kept',
    reply: retentionSettingsSchema,
  }),
  updateRetention: defineRoute({
    method: 'PUT',
    path: '/api/settings/retention',
    policy: 'settings:manage',
    summary: 'Change how long personal data is kept',
    body: retentionSettingsSchema,
    reply: retentionSettingsSchema,
  }),
  secondFactorSettings: defineRoute({
    method: 'GET',
    path: '/api/settings/mfa',
    policy: 'settings:manage',
    summary: 'Which roles need a second factor, and the step-up window',
    reply: mfaSettingsSchema,
  }),
  updateSecondFactorSettings: defineRoute({
    method: 'PUT',
    path: '/api/settings/mfa',
    policy: 'settings:manage',
    summary: 'Change the second-factor settings',
    body: mfaSettingsUpdateSchema,
    reply: mfaSettingsSchema,
  }),
  linkKey: defineRoute({
    method: 'GET',
    path: '/api/admin/link-key',
    policy: 'settings:manage',
    summary: 'The link key in use and the progress of a re-keying',
    reply: linkKeyStatusSchema,
  }),
  rotateLinkKey: defineRoute({
    method: 'POST',
    path: '/api/admin/link-key/rotate',
    policy: 'settings:manage',
    summary: 'Rotate the link key (demo mode); the index is re-keyed in the background',
    reply: linkKeyStatusSchema,
    status: 202,
  }),
  linkExclusions: defineRoute({
    method: 'GET',
    path: '/api/admin/link-exclusions',
    policy: 'settings:manage',
    summary: 'Document numbers excluded from linking',
    reply: linkExclusionsResponseSchema,
  }),
  addLinkExclusion: defineRoute({
    method: 'POST',
    path: '/api/admin/link-exclusions',
    policy: 'settings:manage',
    summary: 'Exclude a document number known to be shared legitimately (audited)',
    body: linkExclusionCreateSchema,
    reply: linkExclusionSchema,
    status: 201,
  }),
  removeLinkExclusion: defineRoute({
    method: 'DELETE',
    path: '/api/admin/link-exclusions/:id',
    policy: 'settings:manage',
    summary: 'Link a document number again',
    params: z.object({ id: serial }),
    reply: 'empty',
  }),
  openapi: defineRoute({
    method: 'GET',
    path: '/api/openapi.json',
    policy: 'session',
    summary: 'This document: every route, its permission and its schemas (OpenAPI 3.1)',
    reply: openApiDocumentSchema,
  }),
} as const;
