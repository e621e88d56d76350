import { queryOptions } from '@tanstack/react-query';
import { PROCESS_DETAIL_API } from '@domain/contracts/process-detail';
import { REVIEW_API } from '@domain/contracts/review';
import { reasonCodesQuery } from '@web/hooks/use-reason-label';
import { call } from '@web/lib/api-client';

export const reviewQueries = {
  all: ['review'] as const,
  queue: () =>
    queryOptions({
      queryKey: [...reviewQueries.all, 'queue'] as const,
      queryFn: ({ signal }) => call(REVIEW_API.reviewQueue, { signal }),
      refetchInterval: 10_000,
    }),
  timeline: (processId: string) =>
    queryOptions({
      queryKey: [...reviewQueries.all, 'timeline', processId] as const,
      queryFn: ({ signal }) => call(PROCESS_DETAIL_API.processTimeline, { params: { processId }, signal }),
    }),
  reasonCodes: reasonCodesQuery,
};
