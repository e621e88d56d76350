import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SESSION_API } from '@domain/contracts/session';
import { call, setCsrfToken } from '@web/lib/api-client';
import { sessionQueries } from '../api/session-queries';

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(SESSION_API.signOut, {}),
    onSuccess: () => {
      setCsrfToken(null);
      const demo = queryClient.getQueryData(sessionQueries.current().queryKey)?.demo ?? false;
      queryClient.clear();
      queryClient.setQueryData(sessionQueries.current().queryKey, { user: null, csrfToken: null, demo });
    },
  });
}
