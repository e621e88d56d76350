import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ADMIN_API } from '@domain/contracts/admin';
import type { Role } from '@domain/policy';
import { call } from '@web/lib/api-client';
import { adminQueries } from '../api/admin-queries';

export function useUpdateMfaSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { requiredRoles?: Role[]; stepUpMinutes?: number }) =>
      call(ADMIN_API.updateSecondFactorSettings, { body: input }),
    onSettled: () => qc.invalidateQueries({ queryKey: adminQueries.mfa().queryKey }),
  });
}

/** Removes a user's second factor (lost phone): they enrol again at their next sign-in. */
export function useResetSecondFactor() {
  return useMutation({
    mutationFn: async (userId: number) => {
      await call(ADMIN_API.resetSecondFactor, { params: { userId } });
    },
  });
}
