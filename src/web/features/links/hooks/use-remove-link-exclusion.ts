import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ADMIN_API } from '@domain/contracts/admin';
import { call } from '@web/lib/api-client';
import { linkQueries } from '../api/link-queries';

export function useRemoveLinkExclusion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call(ADMIN_API.removeLinkExclusion, { params: { id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: linkQueries.all }),
  });
}
