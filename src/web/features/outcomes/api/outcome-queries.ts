import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { OUTCOMES_API } from '@domain/contracts/outcomes';
import { call } from '@web/lib/api-client';
import { apiQueryString, type OutcomesApiQuery } from '../lib/outcomes-search';

export const outcomeQueries = {
  all: ['outcomes'] as const,
  summaries: () => [...outcomeQueries.all, 'summary'] as const,
  /** The whole dashboard for a resolved period and filters. Aggregates move slowly: a minute before refetching. */
  summary: (q: OutcomesApiQuery) =>
    queryOptions({
      queryKey: [...outcomeQueries.summaries(), q] as const,
      queryFn: ({ signal }) =>
        call(OUTCOMES_API.outcomes, { query: new URLSearchParams(apiQueryString(q)), signal }),
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    }),
};
