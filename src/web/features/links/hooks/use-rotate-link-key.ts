import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ADMIN_API } from '@domain/contracts/admin';
import { call } from '@web/lib/api-client';
import { linkQueries } from '../api/link-queries';

export function useRotateLinkKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => call(ADMIN_API.rotateLinkKey, {}),
    onSuccess: (status) => qc.setQueryData(linkQueries.key().queryKey, status),
    onSettled: () => qc.invalidateQueries({ queryKey: linkQueries.key().queryKey }),
  });
}
