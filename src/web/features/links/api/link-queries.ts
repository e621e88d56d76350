import { queryOptions } from '@tanstack/react-query';
import { linkExclusionsResponseSchema, linkKeyStatusSchema, linksResponseSchema } from '@domain/links-api';
import { api } from '@web/lib/api-client';

/** How often the admin screen re-reads the link key while the index is being re-keyed. */
export const REKEY_POLL_MS = 2000;

export const linkQueries = {
  all: ['links'] as const,
  forProcess: (processId: string) =>
    queryOptions({
      queryKey: [...linkQueries.all, 'process', processId] as const,
      queryFn: ({ signal }) => api(`/api/processes/${encodeURIComponent(processId)}/links`, linksResponseSchema, { signal }),
    }),
  key: () =>
    queryOptions({
      queryKey: [...linkQueries.all, 'key'] as const,
      queryFn: ({ signal }) => api('/api/admin/link-key', linkKeyStatusSchema, { signal }),
      // Progress of a rotation, until it is done.
      refetchInterval: (query) => (query.state.data?.rotating ? REKEY_POLL_MS : false),
    }),
  exclusions: () =>
    queryOptions({
      queryKey: [...linkQueries.all, 'exclusions'] as const,
      queryFn: ({ signal }) => api('/api/admin/link-exclusions', linkExclusionsResponseSchema, { signal }),
    }),
};
