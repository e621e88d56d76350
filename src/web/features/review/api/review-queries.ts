import { queryOptions } from '@tanstack/react-query';
import { reviewQueueResponseSchema } from '@domain/api';
import { auditResponseSchema, reasonCodesResponseSchema } from '@domain/review';
import { api } from '@web/lib/api-client';

export const reviewQueries = {
  all: ['review'] as const,
  queue: () =>
    queryOptions({
      queryKey: [...reviewQueries.all, 'queue'] as const,
      queryFn: ({ signal }) => api('/api/review-queue', reviewQueueResponseSchema, { signal }),
      refetchInterval: 10_000,
    }),
  timeline: (processId: string) =>
    queryOptions({
      queryKey: [...reviewQueries.all, 'timeline', processId] as const,
      queryFn: ({ signal }) => api(`/api/processes/${encodeURIComponent(processId)}/timeline`, auditResponseSchema, { signal }),
    }),
  reasonCodes: () =>
    queryOptions({
      queryKey: [...reviewQueries.all, 'reason-codes'] as const,
      queryFn: ({ signal }) => api('/api/reason-codes', reasonCodesResponseSchema, { signal }),
      staleTime: 5 * 60_000,
    }),
};
