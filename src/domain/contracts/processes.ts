import {
  processBatchRequestSchema,
  processBatchResponseSchema,
  processListQuerySchema,
  processListResponseSchema,
} from '../api';
import { defineRoute } from '../contract';

/**
 * The processes list: its page, its live rows and its CSV. One process, its dossier and what hangs off them are in
 * ./process-detail.ts, so the list screen (the first one most users see) carries none of their schemas.
 */
export const PROCESS_API = {
  processes: defineRoute({
    method: 'GET',
    path: '/api/processes',
    policy: 'processes:read',
    summary: 'One page of processes (keyset paging, filters, search)',
    query: processListQuerySchema,
    reply: processListResponseSchema,
  }),
  processBatch: defineRoute({
    method: 'POST',
    path: '/api/processes/batch',
    policy: 'processes:read',
    summary: 'Fresh list rows for the processes a page shows',
    body: processBatchRequestSchema,
    reply: processBatchResponseSchema,
  }),
  processExport: defineRoute({
    method: 'GET',
    path: '/api/processes/export',
    policy: 'export:csv',
    summary: 'The filtered list as CSV (masked per role)',
    query: processListQuerySchema,
    reply: 'csv',
  }),
} as const;
