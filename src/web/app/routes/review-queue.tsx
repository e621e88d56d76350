import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { CASE_STATE_LABELS } from '@domain/cases';
import { can } from '@domain/policy';
import { ErrorState } from '@web/components/error-state';
import { useSession } from '@web/features/auth/hooks/use-session';
import { caseQueries } from '@web/features/cases/api/case-queries';
import { CaseFilters } from '@web/features/cases/components/case-filters';
import { CaseTable } from '@web/features/cases/components/case-table';
import { useAssignCase } from '@web/features/cases/hooks/use-assign-case';
import { parseCaseSearch, toCaseSearchParams } from '@web/features/cases/lib/case-search';
import { useUrlSearch } from '@web/hooks/use-url-search';

/** The review queue: one row per case (a person across attempts), by due time, filtered through the URL. */
export function ReviewQueueRoute() {
  const session = useSession();
  const mayAssign = Boolean(session.user && can(session.user.role, 'cases:assign'));
  const { search, update } = useUrlSearch(parseCaseSearch, toCaseSearchParams);
  const list = useInfiniteQuery(caseQueries.list(search));
  const assignees = useQuery({ ...caseQueries.assignees(), enabled: mayAssign });
  const assign = useAssignCase();
  const onAssign = useCallback(
    (dossierId: string, username: string | null) => assign.mutate({ dossierId, username }),
    [assign],
  );

  const first = list.data?.pages[0];
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const stateNames = search.state.map((s) => CASE_STATE_LABELS[s]).join(', ');

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Review queue</h1>
          <p className="page-subtitle">
            One row per person across their attempts, the most urgent first. A case is due{' '}
            {first ? `${first.slaHours} h` : 'within the review SLA'} after its attempt became inconclusive
            (as Assure reports it).
          </p>
        </div>
      </header>
      <CaseFilters
        search={search}
        onChange={(next) => update(next)}
        counts={first?.counts}
        reasons={first?.reasons ?? []}
        assignees={assignees.data?.items.map((u) => u.username)}
      />
      {assign.isError && <ErrorState error={assign.error} title="The case could not be assigned" />}
      {list.isPending ? (
        <p className="muted" aria-busy="true">
          Loading cases…
        </p>
      ) : list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <div className="empty-state">
          <strong>No cases {stateNames ? `in ${stateNames}` : ''} match.</strong>
          <p>
            {search.state.includes('needs_review')
              ? 'Nothing waits for a verdict with these filters.'
              : 'Try another tab or clear the filters.'}
          </p>
        </div>
      ) : (
        <>
          <CaseTable
            items={items}
            now={list.dataUpdatedAt}
            assign={
              mayAssign
                ? {
                    users: assignees.data?.items.map((u) => u.username) ?? [],
                    onAssign,
                    pending: assign.isPending ? assign.variables.dossierId : null,
                  }
                : undefined
            }
          />
          <div className="pager">
            <span className="muted">
              {items.length} shown
              {first?.counts && search.state.length === 1 ? ` of ${first.counts[search.state[0]!] ?? 0}` : ''}
            </span>
            {list.hasNextPage && (
              <button
                type="button"
                className="btn"
                disabled={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                {list.isFetchingNextPage ? 'Loading…' : 'Show more'}
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}
