import { outcomesExportQuerySchema, outcomesQuerySchema, outcomesResponseSchema } from '../outcomes';
import { providerHealthResponseSchema } from '../provider-health';
import { defineRoute } from '../contract';

/** Outcomes and provider health. */
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
  providerHealth: defineRoute({
    method: 'GET',
    path: '/api/provider-health',
    policy: 'session', // aggregates per provider, no personal data
    summary: "The provider-health sentinel's latest assessment per provider and process type",
    reply: providerHealthResponseSchema,
  }),
} as const;
