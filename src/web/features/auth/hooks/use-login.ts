import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { sessionResponseSchema, type SessionResponse } from '@domain/api';
import { mfaChallengeSchema } from '@domain/mfa';
import { api, setCsrfToken } from '@web/lib/api-client';
import { sessionQueries } from '../api/session-queries';

/** A password sign-in answers a session, or a challenge for the second factor (issue #20). */
const loginAnswerSchema = z.union([mfaChallengeSchema, sessionResponseSchema]);

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
      api('/api/session', loginAnswerSchema, { method: 'POST', body: input }),
    onSuccess: (answer) => {
      if (!('mfaRequired' in answer)) apply(answer);
    },
  });
}
