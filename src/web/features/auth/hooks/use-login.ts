import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SessionResponse } from '@domain/api';
import { SIGN_IN_API } from '@domain/contracts/sign-in';
import { call, setCsrfToken } from '@web/lib/api-client';
import { sessionQueries } from '../api/session-queries';

/** Makes a new session the current one: everything cached belonged to no one (or someone else), so start clean. */
export function useApplySession() {
  const queryClient = useQueryClient();
  return (session: SessionResponse) => {
    setCsrfToken(session.csrfToken);
    queryClient.clear();
    queryClient.setQueryData(sessionQueries.current().queryKey, session);
  };
}

export function useLogin() {
  const apply = useApplySession();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) =>
      // A session, or a challenge for the second factor (issue #20).
      call(SIGN_IN_API.signIn, { body: input }),
    onSuccess: (answer) => {
      if (!('mfaRequired' in answer)) apply(answer);
    },
  });
}
