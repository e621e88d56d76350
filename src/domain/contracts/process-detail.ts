import { z } from 'zod/mini';
import { dossierResponseSchema, processDetailResponseSchema } from '../process-detail-api';
import { linksResponseSchema } from '../links-api';
import { auditResponseSchema, revealRequestSchema, revealResponseSchema } from '../review';
import { defineRoute } from '../contract';
import { processParams, dossierParams } from './common';

export const fullResultQuerySchema = z.object({
  reason: z.optional(
    z.string().check(z.trim(), z.maxLength(500, 'Give a reason of at most 500 characters.')),
  ),
});

/** One process, its dossier and links: the detail and dossier screens (the list's routes are in ./processes.ts). */
export const PROCESS_DETAIL_API = {
  process: defineRoute({
    method: 'GET',
    path: '/api/processes/:processId',
    policy: 'processes:read',
    summary: 'One process with its explanation, review state and case',
    params: processParams,
    reply: processDetailResponseSchema,
  }),
  processTimeline: defineRoute({
    method: 'GET',
    path: '/api/processes/:processId/timeline',
    policy: 'processes:read',
    summary: "The process's audit trail",
    params: processParams,
    reply: auditResponseSchema,
  }),
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
  dossier: defineRoute({
    method: 'GET',
    path: '/api/dossiers/:dossierId',
    policy: 'processes:read',
    summary: 'A dossier: its attempts, case and attempt diff',
    params: dossierParams,
    reply: dossierResponseSchema,
  }),
  processLinks: defineRoute({
    method: 'GET',
    path: '/api/processes/:processId/links',
    policy: 'processes:read', // masked per role: managers see that a link exists and its outcome, never whose
    summary:
      'Other dossiers sharing an identity key with this process (same document, person or national number)',
    params: processParams,
    reply: linksResponseSchema,
  }),
} as const;
