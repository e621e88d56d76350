import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '@web/components/error-state';
import { CaseSummary } from '@web/features/cases/components/case-summary';
import { AttemptDiff } from '@web/features/links/components/attempt-diff';
import { processDetailQueries } from '@web/features/processes/api/process-detail-queries';
import { DossierAttempts } from '@web/features/processes/components/detail/dossier-attempts';
import { RunningRetry } from '@web/features/review/components/capture-link';
import { ApiError } from '@web/lib/api-client';
import { formatName } from '@web/lib/format';
import { paths } from '@web/lib/paths';

/** Attempt numbers (#1 the oldest) by process id, as the attempts table numbers them. */
function attemptOrder(
  attempts: ReadonlyArray<{ processId: string; createdAt: string }>,
): Map<string, number> {
  const ordered = [...attempts].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.processId.localeCompare(b.processId),
  );
  return new Map(ordered.map((a, i) => [a.processId, i + 1]));
}

/** Screen 5, the case page's header: the desk's verdict on one end-user, every attempt in order, the retries used. */
export function DossierRoute() {
  const { dossierId = '' } = useParams();
  const dossier = useQuery(processDetailQueries.dossier(dossierId));
  const attempts = dossier.data?.processes ?? [];
  const kase = dossier.data?.case ?? null;
  const named = attempts.find((attempt) => attempt.firstName || attempt.lastName);

  return (
    <div className="page dossier-page">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={paths.processes.href()}>Processes</Link> /{' '}
        <span aria-current="page">Dossier {dossierId}</span>
      </nav>
      <header className="detail-header">
        <div className="detail-title-row">
          <h1>
            Dossier
            {named && (
              <span className="detail-title-name"> · {formatName(named.firstName, named.lastName)}</span>
            )}
          </h1>
        </div>
        <dl className="detail-meta">
          <div>
            <dt>Dossier ID</dt>
            <dd className="mono detail-id">{dossierId}</dd>
          </div>
          {dossier.data?.externalReference && (
            <div>
              <dt title="The reference your own systems gave this dossier when it was created in Assure">
                Your reference
              </dt>
              <dd className="mono">{dossier.data.externalReference}</dd>
            </div>
          )}
        </dl>
      </header>

      {dossier.isPending ? (
        <p className="muted">Loading the dossier…</p>
      ) : dossier.isError && !dossier.data ? (
        <ErrorState
          error={dossier.error}
          title={
            dossier.error instanceof ApiError && dossier.error.status === 404
              ? 'This dossier is not known to Assure Desk'
              : 'The dossier could not be loaded'
          }
          onRetry={() => void dossier.refetch()}
        />
      ) : (
        <>
          {dossier.data.deletedUpstream && (
            <div className="banner banner-warning" role="status">
              <strong>Deleted upstream.</strong> Assure no longer holds this dossier; the attempts below are
              the last known data.
            </div>
          )}
          {kase && <CaseSummary kase={kase} now={dossier.dataUpdatedAt} />}
          {kase?.captureLink && <RunningRetry link={kase.captureLink} currentProcessId="" />}
          <section aria-labelledby="attempts-heading" className="detail-section-plain">
            <h2 id="attempts-heading">Attempts, oldest first</h2>
            <DossierAttempts attempts={attempts} caseProcessId={kase?.processId} />
            {kase?.processId && <p className="muted">◆ marks the attempt the case is about.</p>}
          </section>
          {attempts.length > 1 && (
            <section aria-labelledby="attempt-diff-heading" className="detail-section-plain">
              <h2 id="attempt-diff-heading">What changed between attempts</h2>
              <AttemptDiff changes={dossier.data.attemptDiff} order={attemptOrder(attempts)} />
            </section>
          )}
        </>
      )}
    </div>
  );
}
