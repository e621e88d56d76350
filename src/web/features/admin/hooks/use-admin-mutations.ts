import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod/mini';
import { ADMIN_API } from '@domain/contracts/admin';
import { REVIEW_API } from '@domain/contracts/review';
import type { DecisionOutcome, RetentionSettings, settingsUpdateSchema } from '@domain/review';

type SettingsUpdate = z.input<typeof settingsUpdateSchema>;
import type { Role } from '@domain/policy';
import { reviewQueries } from '@web/features/review/api/review-queries';
import { call } from '@web/lib/api-client';
import { adminQueries } from '../api/admin-queries';

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; role: Role; password: string }) =>
      call(ADMIN_API.addUser, { body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: adminQueries.users().queryKey }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: number; role?: Role; active?: boolean; password?: string }) =>
      call(ADMIN_API.updateUser, { params: { userId: id }, body: patch }),
    onSettled: () => qc.invalidateQueries({ queryKey: adminQueries.users().queryKey }),
  });
}

/** Ends every session of a user, on every server instance. */
export function useSignOutUserEverywhere() {
  return useMutation({
    mutationFn: (id: number) => call(ADMIN_API.signOutUserEverywhere, { params: { userId: id } }),
  });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SettingsUpdate) => call(ADMIN_API.updateSettings, { body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: adminQueries.settings().queryKey }),
  });
}

export function useUpdateRetention() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RetentionSettings) => call(ADMIN_API.updateRetention, { body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: adminQueries.retention().queryKey }),
  });
}

export function useAddReasonCode() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { code: string; label: string; outcome: DecisionOutcome }) =>
      call(REVIEW_API.addReasonCode, { body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: reviewQueries.reasonCodes().queryKey }),
  });
}

/** Rename, retire or bring back, or move a reason code within its outcome. */
export function useUpdateReasonCode() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, ...patch }: { code: string; label?: string; active?: boolean; position?: number }) =>
      call(REVIEW_API.updateReasonCode, { params: { code }, body: patch }),
    onSettled: () => qc.invalidateQueries({ queryKey: reviewQueries.reasonCodes().queryKey }),
  });
}
