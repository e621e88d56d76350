import { useMutation, useQueryClient } from '@tanstack/react-query';
import { mfaSettingsSchema } from '@domain/mfa';
import type { Role } from '@domain/policy';
import { api, apiFetch } from '@web/lib/api-client';
import { adminQueries } from '../api/admin-queries';

export function useUpdateMfaSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { requiredRoles?: Role[]; stepUpMinutes?: number }) => api('/api/settings/mfa', mfaSettingsSchema, { method: 'PUT', body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: adminQueries.mfa().queryKey }),
  });
}

/** Removes a user's second factor (lost phone): they enrol again at their next sign-in. */
export function useResetSecondFactor() {
  return useMutation({
    mutationFn: async (userId: number) => {
      await apiFetch(`/api/users/${userId}/mfa`, { method: 'DELETE' });
    },
  });
}
