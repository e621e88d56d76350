import { queryOptions } from '@tanstack/react-query';
import { PROVIDER_HEALTH_API } from '@domain/contracts/provider-health';
import { call } from '@web/lib/api-client';

export const providerHealthQueries = {
  all: ['provider-health'] as const,
  /** The sentinel's latest verdicts; it runs every minute on the server, so a 30 s poll is plenty. */
  current: () =>
    queryOptions({
      queryKey: [...providerHealthQueries.all, 'current'] as const,
      queryFn: ({ signal }) => call(PROVIDER_HEALTH_API.providerHealth, { signal }),
      refetchInterval: 30_000,
      staleTime: 15_000,
    }),
};
