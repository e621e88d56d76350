import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sessionResponseSchema } from '@domain/api';
import { api, setCsrfToken } from '@web/lib/api-client';
import { sessionQueries } from '../api/session-queries';

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) =>
      api('/api/session', sessionResponseSchema, { method: 'POST', body: input }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      // Everything cached belonged to no one (or someone else): start clean.
      queryClient.clear();
      queryClient.setQueryData(sessionQueries.current().queryKey, session);
    },
  });
}
