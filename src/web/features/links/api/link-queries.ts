import { queryOptions } from '@tanstack/react-query';
import { ADMIN_API } from '@domain/contracts/admin';
import { PROCESS_DETAIL_API } from '@domain/contracts/process-detail';
import { call } from '@web/lib/api-client';

/** How often the admin screen re-reads the link key while the index is being re-keyed. */
export const REKEY_POLL_MS = 2000;

export const linkQueries = {
  all: ['links'] as const,
  forProcess: (processId: string) =>
    queryOptions({
      queryKey: [...linkQueries.all, 'process', processId] as const,
      queryFn: ({ signal }) => call(PROCESS_DETAIL_API.processLinks, { params: { processId }, signal }),
    }),
  key: () =>
    queryOptions({
      queryKey: [...linkQueries.all, 'key'] as const,
      queryFn: ({ signal }) => call(ADMIN_API.linkKey, { signal }),
      // Progress of a rotation, until it is done.
      refetchInterval: (query) => (query.state.data?.rotating ? REKEY_POLL_MS : false),
    }),
  exclusions: () =>
    queryOptions({
      queryKey: [...linkQueries.all, 'exclusions'] as const,
      queryFn: ({ signal }) => call(ADMIN_API.linkExclusions, { signal }),
    }),
};
