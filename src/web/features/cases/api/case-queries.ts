import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { REVIEW_API } from '@domain/contracts/review';
import { call } from '@web/lib/api-client';
import { toCaseApiQuery, type CaseSearch } from '../lib/case-search';

export const CASE_QUEUE_INTERVAL_MS = 15_000;

export const caseQueries = {
  all: ['cases'] as const,
  lists: () => [...caseQueries.all, 'list'] as const,
  /** A view of the queue, page after page (keyset cursor); refreshed while it is on screen. */
  list: (search: CaseSearch) =>
    infiniteQueryOptions({
      queryKey: [...caseQueries.lists(), search] as const,
      queryFn: ({ signal, pageParam }) =>
        call(REVIEW_API.cases, { query: toCaseApiQuery(search, pageParam), signal }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      placeholderData: keepPreviousData,
      refetchInterval: CASE_QUEUE_INTERVAL_MS,
    }),
  /** Users a case can be assigned to (managers and admins only). */
  assignees: () =>
    queryOptions({
      queryKey: [...caseQueries.all, 'assignees'] as const,
      queryFn: ({ signal }) => call(REVIEW_API.caseAssignees, { signal }),
      staleTime: 5 * 60_000,
    }),
};
