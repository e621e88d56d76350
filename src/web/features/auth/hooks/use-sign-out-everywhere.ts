import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SESSION_API } from '@domain/contracts/session';
import { call, setCsrfToken } from '@web/lib/api-client';
import { sessionQueries } from '../api/session-queries';

/** Ends every session of the signed-in user — other browsers and devices too — and this one. */
export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(SESSION_API.signOutEverywhere, {}),
    onSuccess: () => {
      setCsrfToken(null);
      const demo = queryClient.getQueryData(sessionQueries.current().queryKey)?.demo ?? false;
      queryClient.clear();
      queryClient.setQueryData(sessionQueries.current().queryKey, { user: null, csrfToken: null, demo });
    },
  });
}
