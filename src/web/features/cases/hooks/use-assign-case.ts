import { useMutation, useQueryClient } from '@tanstack/react-query';
import { caseItemSchema } from '@domain/cases';
import { api } from '@web/lib/api-client';
import { caseQueries } from '../api/case-queries';

/** Assign a case to a reviewer, or take it back (`username: null`). */
export function useAssignCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ dossierId, username }: { dossierId: string; username: string | null }) =>
      api(`/api/cases/${encodeURIComponent(dossierId)}/assignee`, caseItemSchema, { method: 'POST', body: { username } }),
    onSettled: () => qc.invalidateQueries({ queryKey: caseQueries.lists() }),
  });
}
