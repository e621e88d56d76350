import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { claimSchema, decisionSchema, revealResponseSchema, retryResponseSchema, type DecisionRequest } from '@domain/review';
import { processQueries } from '@web/features/processes/api/process-queries';
import { api, apiFetch } from '@web/lib/api-client';
import { reviewQueries } from '../api/review-queries';

// Each mutation owns its invalidation: the process, its dossier, the queue and the timeline.
function useInvalidate() {
  const qc = useQueryClient();
  return (processId: string) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: processQueries.detail(processId).queryKey }),
      qc.invalidateQueries({ queryKey: reviewQueries.queue().queryKey }),
      qc.invalidateQueries({ queryKey: reviewQueries.timeline(processId).queryKey }),
      qc.invalidateQueries({ queryKey: processQueries.lists() }),
    ]);
}

export function useClaimProcess(processId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api(`/api/processes/${encodeURIComponent(processId)}/claim`, claimSchema, { method: 'POST' }),
    onSettled: () => invalidate(processId),
  });
}

export function useReleaseClaim(processId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => apiFetch(`/api/processes/${encodeURIComponent(processId)}/claim`, { method: 'DELETE' }),
    onSettled: () => invalidate(processId),
  });
}

const decisionResponseSchema = decisionSchema.extend({ retryError: z.string().optional() });

export function useRecordDecision(processId: string) {
  const invalidate = useInvalidate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: DecisionRequest) =>
      api(`/api/processes/${encodeURIComponent(processId)}/decisions`, decisionResponseSchema, { method: 'POST', body: input }),
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
    mutationFn: (input: { decisionId: number; action: 'confirm' | 'return'; note?: string }) =>
      api(
        `/api/processes/${encodeURIComponent(processId)}/decisions/${input.decisionId}/${input.action}`,
        z.object({ state: z.string() }).loose(),
        { method: 'POST', body: input.action === 'return' ? { note: input.note ?? '' } : {} },
      ),
    onSettled: () => invalidate(processId),
  });
}

export function useRevealField(processId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { field: string; reason: string }) =>
      api(`/api/processes/${encodeURIComponent(processId)}/reveal`, revealResponseSchema, { method: 'POST', body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: reviewQueries.timeline(processId).queryKey }),
  });
}

/** Starts a retry; the key is made once per intent, so a double click or a network repeat returns the first result. */
export function useStartRetry(dossierId: string, processId: string) {
  const invalidate = useInvalidate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { key: string; provider?: string; processType?: string }) =>
      api(`/api/dossiers/${encodeURIComponent(dossierId)}/retries`, retryResponseSchema, {
        method: 'POST',
        headers: { 'idempotency-key': input.key },
        body: { ...(input.provider ? { provider: input.provider } : {}), ...(input.processType ? { processType: input.processType } : {}) },
      }),
    onSettled: async () => {
      await invalidate(processId);
      await qc.invalidateQueries({ queryKey: processQueries.dossier(dossierId).queryKey });
    },
  });
}
