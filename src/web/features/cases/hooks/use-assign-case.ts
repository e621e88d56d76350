import { useMutation, useQueryClient } from '@tanstack/react-query';
import { REVIEW_API } from '@domain/contracts/review';
import { call } from '@web/lib/api-client';
import { caseQueries } from '../api/case-queries';

/** Assign a case to a reviewer, or take it back (`username: null`). */
export function useAssignCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ dossierId, username }: { dossierId: string; username: string | null }) =>
      call(REVIEW_API.assignCase, { params: { dossierId }, body: { username } }),
    onSettled: () => qc.invalidateQueries({ queryKey: caseQueries.lists() }),
  });
}
