import { useSuspenseQuery } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { ProcessDetailResponse } from '@domain/process-detail-api';
import { can } from '@domain/policy';
import { RESULT_STATUSES } from '@domain/status';
import { sessionQueries } from '@web/features/auth/api/session-queries';
import { useFullResult } from '../hooks/use-full-result';

type SharedFullResult = ReturnType<typeof useFullResult> & {
  /** The role may open full results and the process finished with one. */
  available: boolean;
};

const FullResultContext = createContext<SharedFullResult | null>(null);

/**
 * One full-result zip per case view, shared by the evidence at the top of the page and the full-result section
 * below: it is downloaded (and audited by the server) once, and dropped when the page is left.
 *
 * For the reviewer working the case (claim or assignment) it opens by itself; everyone else opens it with a reason.
 * Mount it with `key={processId}` so another case starts from nothing.
 */
export function FullResultProvider({
  detail,
  children,
}: {
  detail: ProcessDetailResponse;
  children: ReactNode;
}) {
  const session = useSuspenseQuery(sessionQueries.current()).data;
  const available = can(session.user?.role, 'fullResult:read') && RESULT_STATUSES.has(detail.process.status);
  const fullResult = useFullResult(detail.process.processId);
  const { open } = fullResult;
  const autoOpened = useRef(false);
  const opensByItself = available && detail.worksCase;

  // Once per mount, not per render or refetch of the process. Deferred to a task so that React's development
  // double-run of effects cancels the first before it starts: one download, one audit event.
  useEffect(() => {
    if (!opensByItself || autoOpened.current) return;
    const timer = setTimeout(() => {
      autoOpened.current = true;
      void open();
    }, 0);
    return () => clearTimeout(timer);
  }, [opensByItself, open]);

  return (
    <FullResultContext.Provider value={{ ...fullResult, available }}>{children}</FullResultContext.Provider>
  );
}

/** The shared full result, or null outside a FullResultProvider. */
export function useSharedFullResult(): SharedFullResult | null {
  return useContext(FullResultContext);
}
