import { queryOptions } from '@tanstack/react-query';
import { SESSION_API } from '@domain/contracts/session';
import { call, setCsrfToken } from '@web/lib/api-client';

export const sessionQueries = {
  all: ['session'] as const,
  current: () =>
    queryOptions({
      queryKey: [...sessionQueries.all, 'current'] as const,
      queryFn: async ({ signal }) => {
        const session = await call(SESSION_API.session, { signal });
        setCsrfToken(session.csrfToken);
        return session;
      },
      staleTime: 60_000,
    }),
  /** How the sign-in page offers single sign-on (issue #20). */
  signInOptions: () =>
    queryOptions({
      queryKey: [...sessionQueries.all, 'sign-in-options'] as const,
      queryFn: ({ signal }) => call(SESSION_API.signInOptions, { signal }),
      staleTime: 5 * 60_000,
    }),
};
