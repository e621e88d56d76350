import { providerHealthResponseSchema } from '../provider-health';
import { defineRoute } from '../contract';

/** Provider health (its own module: the banner on every screen carries no outcome schemas). */
export const PROVIDER_HEALTH_API = {
  providerHealth: defineRoute({
    method: 'GET',
    path: '/api/provider-health',
    policy: 'session', // aggregates per provider, no personal data
    summary: "The provider-health sentinel's latest assessment per provider and process type",
    reply: providerHealthResponseSchema,
  }),
} as const;
