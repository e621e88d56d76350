import { useMutation } from '@tanstack/react-query';
import { mfaVerifyResponseSchema } from '@domain/mfa';
import { api } from '@web/lib/api-client';

/** Completes a sign-in (or an enrolment) with a code; the caller applies the session once the user may go on. */
export function useVerifySecondFactor() {
  return useMutation({
    mutationFn: (input: { mfaToken: string; code: string }) =>
      api('/api/session/mfa', mfaVerifyResponseSchema, { method: 'POST', body: input }),
  });
}
