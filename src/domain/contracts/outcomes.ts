import { outcomesExportQuerySchema, outcomesQuerySchema, outcomesResponseSchema } from '../outcomes';
import { defineRoute } from '../contract';

/** Outcomes. */
export const OUTCOMES_API = {
  outcomes: defineRoute({
    method: 'GET',
    path: '/api/outcomes',
    policy: 'outcomes:read',
    summary: 'Outcome figures for a period, the team view and the backlog',
    query: outcomesQuerySchema,
    reply: outcomesResponseSchema,
  }),
  outcomesExport: defineRoute({
    method: 'GET',
    path: '/api/outcomes/export',
    policy: 'outcomes:read',
    summary: 'One outcomes table as CSV',
    query: outcomesExportQuerySchema,
    reply: 'csv',
  }),
} as const;
