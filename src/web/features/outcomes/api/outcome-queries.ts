import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { outcomesResponseSchema } from '@domain/outcomes';
import { api } from '@web/lib/api-client';
import { apiQueryString, type OutcomesApiQuery } from '../lib/outcomes-search';

export const outcomeQueries = {
  all: ['outcomes'] as const,
  summaries: () => [...outcomeQueries.all, 'summary'] as const,
  /** The whole dashboard for a resolved period and filters. Aggregates move slowly: a minute before refetching. */
  summary: (q: OutcomesApiQuery) =>
    queryOptions({
      queryKey: [...outcomeQueries.summaries(), q] as const,
      queryFn: ({ signal }) => api(`/api/outcomes?${apiQueryString(q)}`, outcomesResponseSchema, { signal }),
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    }),
};
