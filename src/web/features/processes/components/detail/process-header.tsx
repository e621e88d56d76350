import { Link } from 'react-router-dom';
import type { ProcessDetailResponse } from '@domain/process-detail-api';
import { CASE_STATE_LABELS, caseVerdict } from '@domain/cases';
import { displayFields } from '@domain/display-fields';
import { providerLabel } from '@domain/providers';
import { asString } from '@domain/raw-json';
import { isFinalStatus, statusLabel } from '@domain/status';
import { formatDate, formatDateTime, formatDuration, formatName, formatRelative } from '@web/lib/format';
import { paths } from '@web/lib/paths';
import { useNow } from '@web/hooks/use-now';
import { StatusBadge } from '../status-badge';
import { isMasked } from './provider-values';
import './detail.css';

function durationText(
  createdAt: string | undefined,
  updatedAt: string | undefined,
  final: boolean,
  now: number,
): string | undefined {
  const created = createdAt ? Date.parse(createdAt) : NaN;
  if (Number.isNaN(created)) return undefined;
  if (!final) return `Running for ${formatDuration(Math.max(0, now - created))}`;
  const updated = updatedAt ? Date.parse(updatedAt) : NaN;
  return Number.isNaN(updated) ? undefined : `Took ${formatDuration(Math.max(0, updated - created))}`;
}

/** Status, provider, process type, dossier, times, and whether the data is live, stale or deleted upstream. */
export function ProcessHeader({
  detail,
  refreshing = false,
}: {
  detail: ProcessDetailResponse;
  refreshing?: boolean;
}) {
  const { process, dossierId, externalReference, syncedAt, stale, deletedUpstream, personalDataErasedAt } =
    detail;
  const final = isFinalStatus(process.status);
  const now = useNow(!final);
  const createdAt = asString(process.createdAt);
  const updatedAt = asString(process.updatedAt);
  const processType = asString(process.processType);
  const fields = displayFields(process);
  const nameMasked = isMasked(fields.firstName) && isMasked(fields.lastName);
  const name =
    fields.firstName || fields.lastName ? formatName(fields.firstName, fields.lastName) : undefined;
  const duration = durationText(createdAt, updatedAt, final, now);
  const kase = detail.case;
  const verdict = kase
    ? caseVerdict(kase.state, { attemptNumber: kase.attemptNumber, decision: kase.decision })
    : null;

  return (
    <header className="detail-header">
      <div className="detail-title-row">
        <h1>
          {providerLabel(process.provider)} process
          {name && !nameMasked && <span className="detail-title-name"> · {name}</span>}
        </h1>
        <StatusBadge status={process.status} />
        {kase && verdict && process.status === 'inconclusive' && kase.state !== 'needs_review' && (
          <span className={`case-verdict case-${kase.state}`}>→ {verdict}</span>
        )}
        {!final && !deletedUpstream && (
          <span
            className="live-indicator"
            title="This process is not final; the page checks for updates every few seconds."
          >
            <span className="live-dot" aria-hidden="true" />
            Live{refreshing ? ' · checking…' : ''}
          </span>
        )}
      </div>
      {/* Announces a status change while the page is open (the initial content is not read out). */}
      <p className="visually-hidden" aria-live="polite">
        Status: {statusLabel(process.status)}
      </p>

      <dl className="detail-meta">
        <div>
          <dt>Provider</dt>
          <dd>{providerLabel(process.provider)}</dd>
        </div>
        <div>
          <dt>Process type</dt>
          <dd>{processType ? <code>{processType}</code> : <span className="muted">none</span>}</dd>
        </div>
        <div>
          <dt>Dossier</dt>
          <dd>
            <Link to={paths.dossier.href(dossierId)} className="mono" title={dossierId}>
              {dossierId.slice(0, 8)}…
            </Link>{' '}
            <span className="muted">(all attempts)</span>
          </dd>
        </div>
        {kase && (
          <div>
            <dt>Case</dt>
            <dd>
              <Link to={paths.dossier.href(dossierId)}>{CASE_STATE_LABELS[kase.state]}</Link>
              {verdict !== CASE_STATE_LABELS[kase.state] && <span className="muted"> · {verdict}</span>}
              {kase.attemptNumber && kase.processId !== process.processId ? (
                <span className="muted"> (about attempt #{kase.attemptNumber})</span>
              ) : null}
              {kase.overdue && (
                <span className="due-overdue">
                  {' '}
                  <span aria-hidden="true">⚠</span> overdue
                </span>
              )}
            </dd>
          </div>
        )}
        {externalReference && (
          <div>
            <dt title="The reference your own systems gave this dossier when it was created in Assure">
              Your reference
            </dt>
            <dd className="mono">{externalReference}</dd>
          </div>
        )}
        <div>
          <dt>Created</dt>
          <dd>{formatDateTime(createdAt)}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>{formatDateTime(updatedAt)}</dd>
        </div>
        {duration && (
          <div>
            <dt>Duration</dt>
            <dd>{duration}</dd>
          </div>
        )}
      </dl>

      {personalDataErasedAt && (
        <div className="banner banner-info detail-notice" role="status">
          <strong>
            Personal data erased on {formatDate(personalDataErasedAt)} under the retention setting.
          </strong>{' '}
          Names, document numbers and dates of birth are no longer held here; the status, checks, decisions
          and audit trail are kept. The full result, if Assure still keeps it, still comes from Assure.
        </div>
      )}
      {deletedUpstream && (
        <div className="banner banner-warning detail-notice" role="status">
          <strong>Deleted upstream.</strong> Assure no longer holds this process (its retention period has
          passed). You are seeing the data as last seen on {formatDateTime(syncedAt)}.
        </div>
      )}
      {stale && !deletedUpstream && (
        <div className="banner banner-warning detail-notice" role="status">
          <strong>Possibly out of date.</strong> Assure is not answering right now; this is the data as last
          seen {formatRelative(syncedAt, now)} ({formatDateTime(syncedAt)}). It refreshes once Assure is back.
        </div>
      )}
    </header>
  );
}
