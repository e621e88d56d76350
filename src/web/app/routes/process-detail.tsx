import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams, type LoaderFunctionArgs } from 'react-router-dom';
import { ErrorBoundary } from '@web/components/error-boundary';
import { ErrorState } from '@web/components/error-state';
import { processDetailQueries } from '@web/features/processes/api/process-detail-queries';
import { ChecksList } from '@web/features/processes/components/detail/checks-list';
import { DocumentFlags } from '@web/features/processes/components/detail/document-flags';
import { ExplanationSummary } from '@web/features/processes/components/detail/explanation-summary';
import { IdentityComparison } from '@web/features/processes/components/detail/identity-comparison';
import { ProcessHeader } from '@web/features/processes/components/detail/process-header';
import { ProviderErrors } from '@web/features/processes/components/detail/provider-errors';
import { ProviderPanel } from '@web/features/processes/components/detail/provider-panel';
import { RawJsonViewer } from '@web/features/processes/components/detail/raw-json-viewer';
import { EvidenceSection } from '@web/features/full-result/components/evidence-section';
import { FullResultProvider } from '@web/features/full-result/components/full-result-provider';
import { FraudLinkWarning, SeenElsewhere } from '@web/features/links/components/seen-elsewhere';
import { withRevealed, type RevealedValue } from '@web/features/processes/lib/with-revealed';
import { StatusBadge } from '@web/features/processes/components/status-badge';
import { ProcessTimeline } from '@web/features/review/components/process-timeline';
import { ReviewPanel } from '@web/features/review/components/review-panel';
import { ApiError } from '@web/lib/api-client';
import { paths } from '@web/lib/paths';
import { queryClient } from '@web/lib/query-client';

// The full-result viewer is its own chunk (JSZip is in its worker's chunk), fetched with the page but not blocking it.
const FullResultSection = lazy(() =>
  import('@web/features/full-result/components/full-result-section').then((m) => ({
    default: m.FullResultSection,
  })),
);

const NONE: RevealedValue[] = [];

function Breadcrumbs({ processId }: { processId: string }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumbs">
      <Link to={paths.processes.href()}>Processes</Link> / <span aria-current="page">{processId}</span>
    </nav>
  );
}

export function processDetailLoader({ params }: LoaderFunctionArgs) {
  // Warm the cache without holding the navigation on it.
  if (params.processId) void queryClient.prefetchQuery(processDetailQueries.detail(params.processId));
  return null;
}

/** Screen 3: why the status is what it is, the checks behind it per provider, identity data, raw JSON, review. */
export function ProcessDetailRoute() {
  const { processId = '' } = useParams();
  const query = useQuery(processDetailQueries.detail(processId));
  // Values revealed (with a reason) on this view of this process: shown in place, gone when the page is left.
  const [revealed, setRevealed] = useState<{ processId: string; values: RevealedValue[] }>();
  const revealedHere = revealed?.processId === processId ? revealed.values : NONE;
  const shownProcess = useMemo(
    () => (query.data ? withRevealed(query.data.process, revealedHere) : undefined),
    [query.data, revealedHere],
  );

  if (query.isPending) {
    return (
      <div className="page" aria-busy="true">
        <Breadcrumbs processId={processId} />
        <p className="muted">Loading process…</p>
      </div>
    );
  }
  if (query.isError && !query.data) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <div className="page">
        <Breadcrumbs processId={processId} />
        <h1>Process</h1>
        <ErrorState
          error={query.error}
          title={notFound ? 'This process is not known to Assure Desk' : 'This process could not be loaded'}
          onRetry={notFound ? undefined : () => void query.refetch()}
        />
        <p>
          <Link to={paths.processes.href()}>Back to the processes</Link>
        </p>
      </div>
    );
  }

  const detail = query.data;
  const { explanation } = detail;
  const process = shownProcess ?? detail.process;
  return (
    <div className="page process-detail">
      <Breadcrumbs processId={process.processId} />
      <ProcessHeader detail={detail} refreshing={query.isFetching} />
      <ErrorBoundary key={`fraud-link-${processId}`} title="Links could not be checked">
        <FraudLinkWarning processId={process.processId} />
      </ErrorBoundary>
      {query.isError && (
        <ErrorState
          error={query.error}
          title="Refreshing failed; showing the data loaded before"
          onRetry={() => void query.refetch()}
        />
      )}
      <FullResultProvider key={processId} detail={detail}>
        <div className="detail-layout">
          <div className="detail-main">
            <ErrorBoundary key={`evidence-${processId}`} title="The evidence could not be shown">
              <EvidenceSection detail={detail} />
            </ErrorBoundary>
            <ExplanationSummary explanation={explanation} status={process.status} />
            <ProviderErrors process={process} />
            <DocumentFlags process={process} />
            <ChecksList checks={explanation.checks} />
            <ErrorBoundary key={`provider-${processId}`} title="The provider data could not be shown">
              <ProviderPanel process={process} checks={explanation.checks} />
            </ErrorBoundary>
            <ErrorBoundary key={`identity-${processId}`} title="The identity comparison could not be shown">
              <IdentityComparison process={process} />
            </ErrorBoundary>
            <ErrorBoundary key={`full-result-${processId}`} title="The full result could not be shown">
              <Suspense fallback={null}>
                <FullResultSection detail={detail} />
              </Suspense>
            </ErrorBoundary>
            <RawJsonViewer value={process} masked={detail.masked} />
          </div>
          <section className="detail-aside" aria-label="Review and timeline">
            <div className="detail-decision">
              <ErrorBoundary key={`review-${processId}`} title="The review panel could not be shown">
                <ReviewPanel
                  detail={detail}
                  onRevealed={(values) =>
                    setRevealed((before) => ({
                      processId,
                      values: [...(before?.processId === processId ? before.values : []), ...values],
                    }))
                  }
                />
              </ErrorBoundary>
            </div>
            <ErrorBoundary key={`links-${processId}`} title="Links could not be shown">
              <SeenElsewhere
                processId={process.processId}
                renderStatus={(status) => <StatusBadge status={status} />}
              />
            </ErrorBoundary>
            <ErrorBoundary key={`timeline-${processId}`} title="The timeline could not be shown">
              <ProcessTimeline processId={process.processId} />
            </ErrorBoundary>
          </section>
        </div>
      </FullResultProvider>
    </div>
  );
}
