import { queryOptions } from '@tanstack/react-query';
import { sessionResponseSchema } from '@domain/api';
import { signInOptionsSchema } from '@domain/mfa';
import { api, setCsrfToken } from '@web/lib/api-client';

export const sessionQueries = {
  all: ['session'] as const,
  current: () =>
    queryOptions({
      queryKey: [...sessionQueries.all, 'current'] as const,
      queryFn: async ({ signal }) => {
        const session = await api('/api/session', sessionResponseSchema, { signal });
        setCsrfToken(session.csrfToken);
        return session;
      },
      staleTime: 60_000,
    }),
  /** How the sign-in page offers single sign-on (issue #20). */
  signInOptions: () =>
    queryOptions({
      queryKey: [...sessionQueries.all, 'sign-in-options'] as const,
      queryFn: ({ signal }) => api('/api/auth/options', signInOptionsSchema, { signal }),
      staleTime: 5 * 60_000,
    }),
};
