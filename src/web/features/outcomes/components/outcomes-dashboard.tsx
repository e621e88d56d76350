import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { OutcomeTable, OutcomesResponse } from '@domain/outcomes';
import { OUTCOMES_API } from '@domain/contracts/outcomes';
import { ErrorState } from '@web/components/error-state';
import { href } from '@web/lib/api-client';
import { outcomeQueries } from '../api/outcome-queries';
import { drill, FINAL_STATUS_LIST } from '../lib/drill-down';
import { formatCount, formatPercent, formatRange } from '../lib/format';
import {
  apiQueryString,
  toApiQuery,
  type OutcomesApiQuery,
  type OutcomesSearch,
} from '../lib/outcomes-search';
import { BacklogCard } from './backlog-card';
import { ChartCard } from './chart-card';
import { DurationsChart, DurationsTable } from './durations-chart';
import { KpiStrip } from './kpi-strip';
import { OutcomesFilters } from './outcomes-filters';
import { ProviderMixChart, ProviderMixTable } from './provider-mix-chart';
import { RatesTable, type RatesBy } from './rates-table';
import { ReasonsChart, ReasonsTable } from './reasons-chart';
import { RetryFunnel, RetryFunnelTable } from './retry-funnel';
import { ReviewersChart, ReviewersTable } from './reviewers-chart';
import type { UrlSearchChange } from '@web/hooks/use-url-search';
import { TeamStrip } from './team-strip';
import { ToggleGroup } from './toggle-group';
import { VolumeChart, VolumeTable } from './volume-chart';
import '../outcomes.css';

const csvHref = (q: OutcomesApiQuery, table: OutcomeTable) =>
  href(OUTCOMES_API.outcomesExport, { query: new URLSearchParams(apiQueryString(q, { table })) });

/** The manager's dashboard: how verification is going, for a period and filters, with a way into every figure. */
export function OutcomesDashboard({
  search,
  onChange,
}: {
  search: OutcomesSearch;
  onChange: (next: UrlSearchChange<OutcomesSearch>) => void;
}) {
  // Resolved once per search: "last 30 days" means the same dates for every request of this view.
  const query = useMemo(() => toApiQuery(search), [search]);
  const outcomes = useQuery(outcomeQueries.summary(query));
  const seenCountries = useRef(new Set<string>());
  for (const c of outcomes.data?.rates.byCountry ?? []) if (c.country) seenCountries.current.add(c.country);

  return (
    <>
      <OutcomesFilters
        search={search}
        query={query}
        countries={[...seenCountries.current]}
        onChange={onChange}
      />
      {outcomes.isPending ? (
        <DashboardSkeleton />
      ) : outcomes.isError && !outcomes.data ? (
        <ErrorState
          error={outcomes.error}
          onRetry={() => void outcomes.refetch()}
          title="The outcomes could not be loaded"
        />
      ) : (
        <div aria-busy={outcomes.isFetching} className="oc-body">
          {outcomes.isError && (
            <ErrorState
              error={outcomes.error}
              onRetry={() => void outcomes.refetch()}
              title="The outcomes could not be refreshed"
            />
          )}
          <Dashboard data={outcomes.data} query={query} />
        </div>
      )}
    </>
  );
}

function Dashboard({ data, query }: { data: OutcomesResponse; query: OutcomesApiQuery }) {
  const [ratesBy, setRatesBy] = useState<RatesBy>('provider');
  const decidedBasis = data.period.basis === 'decided';
  const f = data.retryFunnel;
  const finalOf = (p: string) => drill(query, { provider: [p], status: FINAL_STATUS_LIST });
  const openInconclusive = (
    <OpenList
      n={data.totals.inconclusive ?? 0}
      href={drill(query, { status: ['inconclusive'] })}
      what="inconclusive processes"
    />
  );
  return (
    <>
      <p className="oc-period" aria-live="polite">
        <strong>{formatRange(data.period.from, data.period.to)}</strong>
        <span className="muted">
          {' '}
          · {formatCount(data.total)} processes · by {data.period.bucket} · times in {data.period.tz}
        </span>
      </p>
      <p className="oc-note oc-basis-note">
        Verification figures count processes <strong>created</strong> in the period. Team figures count{' '}
        {decidedBasis ? (
          <>
            decisions <strong>made</strong> in the period, on cases of any age.
          </>
        ) : (
          <>
            decisions on processes <strong>created</strong> in the period.
          </>
        )}
      </p>
      <KpiStrip data={data} query={query} />
      <div className="oc-grid">
        <ChartCard
          wide
          title="Volume by status"
          description={`Processes created per ${query.bucket}, stacked by their current status. Click a bar to open those processes.`}
          chart={<VolumeChart data={data} query={query} />}
          table={<VolumeTable data={data} query={query} />}
          csvHref={csvHref(query, 'series')}
        />
        <ChartCard
          title="Status mix by provider"
          description="Every process of the period per provider. Click a bar to open them."
          chart={<ProviderMixChart data={data} query={query} />}
          table={<ProviderMixTable data={data} query={query} />}
          csvHref={csvHref(query, 'byProvider')}
        />
        <ChartCard
          title="Retry funnel"
          description="Inconclusive processes, how many got another attempt (in the dossier or started here), and how that attempt ended."
          aside={
            <span className="oc-aside-figure">
              {formatPercent(f.successRate)}
              <span className="oc-aside-label">retry success</span>
            </span>
          }
          chart={<RetryFunnel data={data} query={query} />}
          table={<RetryFunnelTable data={data} query={query} />}
        />
        <ChartCard
          wide
          title="Rates"
          description="Shares of final processes (accepted, inconclusive, rejected, failed, canceled). Counts open the list."
          aside={
            <ToggleGroup
              label="Rates by"
              options={['provider', 'country'] as const}
              value={ratesBy}
              optionLabel={(b) => <>By {b === 'provider' ? 'provider' : 'document country'}</>}
              onSelect={setRatesBy}
            />
          }
          table={<RatesTable data={data} query={query} by={ratesBy} />}
          csvHref={csvHref(query, ratesBy === 'provider' ? 'byProvider' : 'byCountry')}
        />
        <ChartCard
          title="Time to final status"
          description="From creation to the final status (median and 90th percentile). Click a provider to open its final processes."
          chart={<DurationsChart durations={data.timeToFinal} what="Time to final status" href={finalOf} />}
          table={<DurationsTable durations={data.timeToFinal} what="Time to final status" href={finalOf} />}
          csvHref={csvHref(query, 'byProvider')}
        />
      </div>
      <h2 className="oc-section-title">
        Team {decidedBasis ? '· by decision date' : '· by creation date of the cases'}
      </h2>
      <TeamStrip data={data} />
      <div className="oc-grid">
        <ChartCard
          wide
          title="Backlog now"
          description="Cases waiting for a reviewer at this moment, whatever the filters above, and per day over the period (the last hourly record of each day). Every figure opens the review queue."
          table={<BacklogCard backlog={data.backlog} now={Date.parse(data.generatedAt)} />}
        />
        <ChartCard
          title="Reviewer throughput"
          description={
            decidedBasis
              ? 'Decisions made in this period, per reviewer and outcome.'
              : 'Decisions on processes created in this period, per reviewer and outcome.'
          }
          chart={<ReviewersChart data={data} />}
          table={<ReviewersTable data={data} />}
          csvHref={csvHref(query, 'reviewers')}
          footer={openInconclusive}
        />
        <ChartCard
          title="Time to decision"
          description="From an inconclusive result to the reviewer's decision (median and 90th percentile)."
          chart={<DurationsChart durations={data.timeToDecision} what="Time to decision" />}
          table={<DurationsTable durations={data.timeToDecision} what="Time to decision" />}
          footer={openInconclusive}
        />
        <ChartCard
          title="Top reasons"
          description="Reason codes given with decisions, and why failed processes failed."
          chart={<ReasonsChart data={data} />}
          table={<ReasonsTable data={data} />}
          csvHref={csvHref(query, 'reasons')}
          footer={
            <OpenList
              n={data.totals.failed ?? 0}
              href={drill(query, { status: ['failed'] })}
              what="failed processes"
            />
          }
        />
      </div>
      {query.tz !== 'UTC' && (
        <p className="oc-note">
          Days are local days in {query.tz}; lists opened from here use the same days.
        </p>
      )}
    </>
  );
}

function OpenList({ n, href, what }: { n: number; href: string; what: string }) {
  if (n === 0) return <span className="muted">No {what} in this period.</span>;
  return (
    <Link to={href}>
      Open the {formatCount(n)} {what} of this period →
    </Link>
  );
}

function DashboardSkeleton() {
  return (
    <div className="oc-grid" role="status" aria-busy="true" aria-label="Loading outcomes">
      {Array.from({ length: 4 }, (_, i) => (
        <div key={i} className={`oc-card${i === 0 ? ' oc-card-wide' : ''}`}>
          <span className="skeleton oc-skeleton-title" />
          <span className="skeleton oc-skeleton-body" />
        </div>
      ))}
    </div>
  );
}
