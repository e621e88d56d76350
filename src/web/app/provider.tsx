import { QueryClientProvider } from '@tanstack/react-query';
import { Suspense, type ReactNode } from 'react';
import { ErrorBoundary } from '@web/components/error-boundary';
import { sessionQueries } from '@web/features/auth/api/session-queries';
import { ApiError } from '@web/lib/api-client';
import { queryClient } from '@web/lib/query-client';

// A 401 on any query means the session ended (expired, or logged out elsewhere): drop to the sign-in page.
queryClient.getQueryCache().config.onError = (error) => {
  if (error instanceof ApiError && error.status === 401) {
    const key = sessionQueries.current().queryKey;
    const current = queryClient.getQueryData(key);
    if (current?.user) queryClient.setQueryData(key, { ...current, user: null, csrfToken: null });
  }
};

export function AppProvider({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <ErrorBoundary title="Assure Desk could not start">
        <Suspense fallback={<div className="boot">Loading Assure Desk…</div>}>{children}</Suspense>
      </ErrorBoundary>
    </QueryClientProvider>
  );
}
