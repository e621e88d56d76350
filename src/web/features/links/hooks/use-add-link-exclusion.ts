import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ADMIN_API } from '@domain/contracts/admin';
import type { LinkExclusionCreate } from '@domain/links-api';
import { call } from '@web/lib/api-client';
import { linkQueries } from '../api/link-queries';

export function useAddLinkExclusion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LinkExclusionCreate) => call(ADMIN_API.addLinkExclusion, { body: input }),
    // Links change everywhere once a document stops linking.
    onSettled: () => qc.invalidateQueries({ queryKey: linkQueries.all }),
  });
}
