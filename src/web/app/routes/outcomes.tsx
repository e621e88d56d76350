import { type LoaderFunctionArgs } from 'react-router-dom';
import { useUrlSearch } from '@web/hooks/use-url-search';
import { queryClient } from '@web/lib/query-client';
import { outcomeQueries } from '@web/features/outcomes/api/outcome-queries';
import { OutcomesDashboard } from '@web/features/outcomes/components/outcomes-dashboard';
import { ProviderHealthPanel } from '@web/features/provider-health/components/provider-health-panel';
import {
  parseOutcomesSearch,
  toApiQuery,
  toOutcomesParams,
} from '@web/features/outcomes/lib/outcomes-search';

/** Warms the cache for the view in the URL without blocking navigation on it (wire as the route's `loader`). */
export function outcomesLoader({ request }: LoaderFunctionArgs) {
  void queryClient.prefetchQuery(
    outcomeQueries.summary(toApiQuery(parseOutcomesSearch(new URL(request.url).searchParams))),
  );
  return null;
}

/** The manager's outcomes dashboard: period, filters and bucket in the URL, every figure a way into the list. */
export function OutcomesRoute() {
  const { search, update } = useUrlSearch(parseOutcomesSearch, toOutcomesParams);

  return (
    <div className="page oc-page">
      <header className="page-header">
        <div>
          <h1>Outcomes</h1>
          <p className="page-subtitle">
            How verification is going: volumes, results, retries, review speed and reasons. Aggregates only,
            no personal data.
          </p>
        </div>
      </header>
      <OutcomesDashboard search={search} onChange={update} />
      <ProviderHealthPanel />
    </div>
  );
}
