import { queryOptions } from '@tanstack/react-query';
import { SIGN_IN_API } from '@domain/contracts/sign-in';
import { call } from '@web/lib/api-client';
import { sessionQueries } from './session-queries';

/** The sign-in screen's queries (apart from session-queries.ts, which the shell loads at start). */
export const signInQueries = {
  /** How the sign-in page offers single sign-on (issue #20). */
  signInOptions: () =>
    queryOptions({
      queryKey: [...sessionQueries.all, 'sign-in-options'] as const,
      queryFn: ({ signal }) => call(SIGN_IN_API.signInOptions, { signal }),
      staleTime: 5 * 60_000,
    }),
};
