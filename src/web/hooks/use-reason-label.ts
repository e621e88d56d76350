import { queryOptions, useQuery } from '@tanstack/react-query';
import { REVIEW_API } from '@domain/contracts/review';
import { call } from '@web/lib/api-client';

/** The desk's reason codes with their labels (administered on the admin screen), shared by every screen. */
export const reasonCodesQuery = () =>
  queryOptions({
    queryKey: ['review', 'reason-codes'] as const,
    queryFn: ({ signal }) => call(REVIEW_API.reasonCodes, { signal }),
    staleTime: 5 * 60_000,
  });

/** A reason code in words: its label, or the code spelt out ("suspected fraud") until the labels are known. */
export function useReasonLabel(): (code: string) => string {
  const reasons = useQuery(reasonCodesQuery());
  return (code) => reasons.data?.items.find((r) => r.code === code)?.label ?? code.replace(/_/g, ' ');
}
