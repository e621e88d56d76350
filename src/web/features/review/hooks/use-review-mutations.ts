import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PROCESS_DETAIL_API } from '@domain/contracts/process-detail';
import { REVIEW_API } from '@domain/contracts/review';
import type { Provider } from '@domain/providers';
import type { DecisionRequest } from '@domain/review';
import { processDetailQueries } from '@web/features/processes/api/process-detail-queries';
import { processQueries } from '@web/features/processes/api/process-queries';
import { call } from '@web/lib/api-client';
import { reviewQueries } from '../api/review-queries';

// Each mutation owns its invalidation: the process, its dossier, the queue and the timeline.
function useInvalidate() {
  const qc = useQueryClient();
  return (processId: string) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: processDetailQueries.detail(processId).queryKey }),
      qc.invalidateQueries({ queryKey: reviewQueries.queue().queryKey }),
      qc.invalidateQueries({ queryKey: reviewQueries.timeline(processId).queryKey }),
      qc.invalidateQueries({ queryKey: processQueries.lists() }),
    ]);
}

export function useClaimProcess(processId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => call(REVIEW_API.claim, { params: { processId } }),
    onSettled: () => invalidate(processId),
  });
}

export function useReleaseClaim(processId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => call(REVIEW_API.releaseClaim, { params: { processId } }),
    onSettled: () => invalidate(processId),
  });
}

export function useRecordDecision(processId: string) {
  const invalidate = useInvalidate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: DecisionRequest) => call(REVIEW_API.decide, { params: { processId }, body: input }),
    onSettled: async (data) => {
      await invalidate(processId);
      if (data?.retry) await qc.invalidateQueries({ queryKey: [...processQueries.all, 'dossier'] });
    },
  });
}

/** A second reviewer confirms (`confirm`) or sends back (`return`, with a note) a decision pending their review. */
export function useSecondReview(processId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: {
      decisionId: number;
      action: 'confirm' | 'return';
      note?: string;
    }): Promise<{ state: string }> =>
      input.action === 'return'
        ? call(REVIEW_API.returnDecision, {
            params: { processId, decisionId: input.decisionId },
            body: { note: input.note ?? '' },
          })
        : call(REVIEW_API.confirmDecision, { params: { processId, decisionId: input.decisionId } }),
    onSettled: () => invalidate(processId),
  });
}

export function useRevealField(processId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { field: string; reason: string }) =>
      call(PROCESS_DETAIL_API.reveal, { params: { processId }, body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: reviewQueries.timeline(processId).queryKey }),
  });
}

/** Starts a retry; the key is made once per intent, so a double click or a network repeat returns the first result. */
export function useStartRetry(dossierId: string, processId: string) {
  const invalidate = useInvalidate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { key: string; provider?: Provider; processType?: string }) =>
      call(REVIEW_API.retry, {
        params: { dossierId },
        headers: { 'idempotency-key': input.key },
        body: {
          ...(input.provider ? { provider: input.provider } : {}),
          ...(input.processType ? { processType: input.processType } : {}),
        },
      }),
    onSettled: async () => {
      await invalidate(processId);
      await qc.invalidateQueries({ queryKey: processDetailQueries.dossier(dossierId).queryKey });
    },
  });
}
