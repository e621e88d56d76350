import { useMutation, useQueryClient } from '@tanstack/react-query';
import { signOutEverywhereSchema } from '@domain/review';
import { api, setCsrfToken } from '@web/lib/api-client';
import { sessionQueries } from '../api/session-queries';

/** Ends every session of the signed-in user — other browsers and devices too — and this one. */
export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('/api/session/sign-out-everywhere', signOutEverywhereSchema, { method: 'POST' }),
    onSuccess: () => {
      setCsrfToken(null);
      const demo = queryClient.getQueryData(sessionQueries.current().queryKey)?.demo ?? false;
      queryClient.clear();
      queryClient.setQueryData(sessionQueries.current().queryKey, { user: null, csrfToken: null, demo });
    },
  });
}
