import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { PROCESS_API } from '@domain/contracts/processes';
import { call } from '@web/lib/api-client';
import { toApiQuery, type ListSearch } from '../lib/list-search';
import { liveRefetchInterval } from '../lib/polling';

export const HEAD_INTERVAL_MS = 10_000;

/** The processes list. One process and its dossier are in ./process-detail-queries.ts: the list carries none of their schemas. */
export const processQueries = {
  all: ['processes'] as const,
  lists: () => [...processQueries.all, 'list'] as const,
  list: (search: ListSearch) =>
    queryOptions({
      queryKey: [...processQueries.lists(), search] as const,
      queryFn: ({ signal }) => call(PROCESS_API.processes, { query: toApiQuery(search), signal }),
      placeholderData: keepPreviousData,
      // The table never reshuffles by itself: live rows and "N new" do the updating.
      staleTime: Infinity,
    }),
  /** The first page of a view, polled to count processes that arrived since the table was loaded. */
  head: (search: ListSearch) =>
    queryOptions({
      queryKey: [...processQueries.lists(), 'head', { ...search, cursor: undefined }] as const,
      queryFn: ({ signal }) =>
        call(PROCESS_API.processes, { query: toApiQuery({ ...search, cursor: undefined }, 50), signal }),
      refetchInterval: HEAD_INTERVAL_MS,
    }),
  /** One request for all visible non-final rows; stops once they are all final. */
  live: (processIds: readonly string[]) =>
    queryOptions({
      queryKey: [...processQueries.all, 'live', [...processIds].sort()] as const,
      queryFn: ({ signal }) =>
        call(PROCESS_API.processBatch, { body: { processIds: [...processIds] }, signal }),
      enabled: processIds.length > 0,
      refetchInterval: (query) =>
        liveRefetchInterval(query.state.data?.items.map((i) => i.status) ?? ['pending']),
    }),
};
