import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { reasonCodeSchema, retentionSettingsSchema, settingsSchema, signOutEverywhereSchema, userSchema, type DecisionOutcome, type RetentionSettings, type settingsUpdateSchema } from '@domain/review';

type SettingsUpdate = z.input<typeof settingsUpdateSchema>;
import type { Role } from '@domain/policy';
import { reviewQueries } from '@web/features/review/api/review-queries';
import { api } from '@web/lib/api-client';
import { adminQueries } from '../api/admin-queries';

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; role: Role; password: string }) => api('/api/users', userSchema, { method: 'POST', body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: adminQueries.users().queryKey }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: number; role?: Role; active?: boolean; password?: string }) =>
      api(`/api/users/${id}`, userSchema, { method: 'PATCH', body: patch }),
    onSettled: () => qc.invalidateQueries({ queryKey: adminQueries.users().queryKey }),
  });
}

/** Ends every session of a user, on every server instance. */
export function useSignOutUserEverywhere() {
  return useMutation({
    mutationFn: (id: number) => api(`/api/users/${id}/sign-out-everywhere`, signOutEverywhereSchema, { method: 'POST' }),
  });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SettingsUpdate) => api('/api/settings', settingsSchema, { method: 'PUT', body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: adminQueries.settings().queryKey }),
  });
}

export function useUpdateRetention() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RetentionSettings) => api('/api/settings/retention', retentionSettingsSchema, { method: 'PUT', body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: adminQueries.retention().queryKey }),
  });
}

export function useAddReasonCode() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { code: string; label: string; outcome: DecisionOutcome }) => api('/api/reason-codes', reasonCodeSchema, { method: 'POST', body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: reviewQueries.reasonCodes().queryKey }),
  });
}

/** Rename, retire or bring back, or move a reason code within its outcome. */
export function useUpdateReasonCode() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, ...patch }: { code: string; label?: string; active?: boolean; position?: number }) =>
      api(`/api/reason-codes/${encodeURIComponent(code)}`, reasonCodeSchema, { method: 'PATCH', body: patch }),
    onSettled: () => qc.invalidateQueries({ queryKey: reviewQueries.reasonCodes().queryKey }),
  });
}
