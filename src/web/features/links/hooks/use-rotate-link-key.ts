import { useMutation, useQueryClient } from '@tanstack/react-query';
import { linkKeyStatusSchema } from '@domain/links-api';
import { api } from '@web/lib/api-client';
import { linkQueries } from '../api/link-queries';

export function useRotateLinkKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api('/api/admin/link-key/rotate', linkKeyStatusSchema, { method: 'POST' }),
    onSuccess: (status) => qc.setQueryData(linkQueries.key().queryKey, status),
    onSettled: () => qc.invalidateQueries({ queryKey: linkQueries.key().queryKey }),
  });
}
