import { useMutation } from '@tanstack/react-query';
import { SIGN_IN_API } from '@domain/contracts/sign-in';
import { call } from '@web/lib/api-client';

/** Completes a sign-in (or an enrolment) with a code; the caller applies the session once the user may go on. */
export function useVerifySecondFactor() {
  return useMutation({
    mutationFn: (input: { mfaToken: string; code: string }) =>
      call(SIGN_IN_API.verifySecondFactor, { body: input }),
  });
}
