import { useMutation, useQueryClient } from '@tanstack/react-query';
import { linkExclusionSchema, type LinkExclusionCreate } from '@domain/links-api';
import { api } from '@web/lib/api-client';
import { linkQueries } from '../api/link-queries';

export function useAddLinkExclusion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LinkExclusionCreate) => api('/api/admin/link-exclusions', linkExclusionSchema, { method: 'POST', body: input }),
    // Links change everywhere once a document stops linking.
    onSettled: () => qc.invalidateQueries({ queryKey: linkQueries.all }),
  });
}
