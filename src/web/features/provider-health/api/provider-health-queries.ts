import { queryOptions } from '@tanstack/react-query';
import { providerHealthResponseSchema } from '@domain/provider-health';
import { api } from '@web/lib/api-client';

export const providerHealthQueries = {
  all: ['provider-health'] as const,
  /** The sentinel's latest verdicts; it runs every minute on the server, so a 30 s poll is plenty. */
  current: () =>
    queryOptions({
      queryKey: [...providerHealthQueries.all, 'current'] as const,
      queryFn: ({ signal }) => api('/api/provider-health', providerHealthResponseSchema, { signal }),
      refetchInterval: 30_000,
      staleTime: 15_000,
    }),
};
