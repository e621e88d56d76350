import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@web/lib/api-client';
import { linkQueries } from '../api/link-queries';

export function useRemoveLinkExclusion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(`/api/admin/link-exclusions/${id}`, z.null(), { method: 'DELETE' }),
    onSettled: () => qc.invalidateQueries({ queryKey: linkQueries.all }),
  });
}
