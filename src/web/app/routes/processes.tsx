import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { type LoaderFunctionArgs } from 'react-router-dom';
import { ErrorState } from '@web/components/error-state';
import { useUrlSearch } from '@web/hooks/use-url-search';
import { queryClient } from '@web/lib/query-client';
import { processQueries } from '@web/features/processes/api/process-queries';
import { ProcessFilters } from '@web/features/processes/components/process-filters';
import { ProcessTable, TableSkeleton } from '@web/features/processes/components/process-table';
import { useLiveRows } from '@web/features/processes/hooks/use-live-rows';
import { parseListSearch, toSearchParams, type ListSearch } from '@web/features/processes/lib/list-search';

export function processesLoader({ request }: LoaderFunctionArgs) {
  const search = parseListSearch(new URL(request.url).searchParams);
  // Warm the cache without blocking navigation on it.
  void queryClient.prefetchQuery(processQueries.list(search));
  return null;
}

export function ProcessesRoute() {
  const { search, update, setParams } = useUrlSearch(parseListSearch, toSearchParams);
  const list = useQuery(processQueries.list(search));
  const { rows, changed, announcement, stale } = useLiveRows(list.data?.items);
  const qc = useQueryClient();

  const onFirstPage = !search.cursor;
  // On the first page the head is the very request the list just made: it starts from that answer and is asked again
  // only at its interval, not a second time while the page is still loading.
  const head = useQuery({
    ...processQueries.head(search),
    enabled: onFirstPage && search.sort === '-created' && list.isSuccess,
    initialData: onFirstPage && !list.isPlaceholderData ? list.data : undefined,
    initialDataUpdatedAt: list.dataUpdatedAt,
  });
  const newCount = useMemo(() => {
    if (!head.data || !list.data) return 0;
    const shown = new Set(list.data.items.map((i) => i.processId));
    const newest = list.data.items[0]?.createdAt ?? '';
    return head.data.items.filter((i) => !shown.has(i.processId) && i.createdAt >= newest).length;
  }, [head.data, list.data]);

  const filter = (next: Partial<ListSearch>) => update({ cursor: undefined, ...next });
  const page = (cursor: string | null) => cursor && update({ cursor });

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Processes</h1>
          <p className="page-subtitle">
            Every verification across dossiers. Rows that are not final update by themselves.
          </p>
        </div>
      </header>

      <ProcessFilters search={search} onChange={filter} />

      {(list.data?.stale || stale) && (
        <div className="banner banner-warning" role="status">
          Assure is not answering right now. You are seeing the last known data; it will refresh once Assure
          is back.
        </div>
      )}

      <div aria-live="polite" className="visually-hidden">
        {announcement}
      </div>

      {newCount > 0 && (
        <div className="new-rows">
          <button
            type="button"
            className="btn btn-pill"
            onClick={() => void qc.invalidateQueries({ queryKey: processQueries.list(search).queryKey })}
          >
            {newCount} new — show
          </button>
        </div>
      )}

      {list.isPending ? (
        <TableSkeleton />
      ) : list.isError && !list.data ? (
        <ErrorState
          error={list.error}
          onRetry={() => void list.refetch()}
          title="The processes could not be loaded"
        />
      ) : rows.length === 0 ? (
        <div className="empty-state">
          <strong>No processes match this view.</strong>
          <p>Try another quick view, or clear the filters to see everything.</p>
          <button type="button" className="btn" onClick={() => setParams(new URLSearchParams())}>
            Clear filters
          </button>
        </div>
      ) : (
        <>
          {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
          <ProcessTable rows={rows} changed={changed} busy={list.isFetching} />
          <nav className="pager" aria-label="Pages">
            <button
              type="button"
              className="btn"
              disabled={!list.data?.prevCursor || list.isFetching}
              onClick={() => page(list.data?.prevCursor ?? null)}
            >
              ← Previous
            </button>
            <span className="muted">{list.isFetching ? 'Loading…' : `${rows.length} shown`}</span>
            <button
              type="button"
              className="btn"
              disabled={!list.data?.nextCursor || list.isFetching}
              onClick={() => page(list.data?.nextCursor ?? null)}
            >
              Next →
            </button>
          </nav>
        </>
      )}
    </div>
  );
}
