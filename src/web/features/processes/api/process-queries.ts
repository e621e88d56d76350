import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { PROCESS_API } from '@domain/contracts/processes';
import { call } from '@web/lib/api-client';
import { toApiQuery, type ListSearch } from '../lib/list-search';
import { liveRefetchInterval } from '../lib/polling';

export const HEAD_INTERVAL_MS = 10_000;

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
  details: () => [...processQueries.all, 'detail'] as const,
  detail: (processId: string) =>
    queryOptions({
      queryKey: [...processQueries.details(), processId] as const,
      queryFn: ({ signal }) => call(PROCESS_API.process, { params: { processId }, signal }),
      refetchInterval: (query) =>
        liveRefetchInterval(query.state.data ? [query.state.data.process.status] : undefined),
    }),
  dossier: (dossierId: string) =>
    queryOptions({
      queryKey: [...processQueries.all, 'dossier', dossierId] as const,
      queryFn: ({ signal }) => call(PROCESS_API.dossier, { params: { dossierId }, signal }),
      refetchInterval: (query) => liveRefetchInterval(query.state.data?.processes.map((p) => p.status)),
    }),
};
