import { queryOptions } from '@tanstack/react-query';
import { sessionResponseSchema } from '@domain/api';
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
};
