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
};
