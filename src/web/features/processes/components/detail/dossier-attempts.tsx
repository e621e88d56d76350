import { Link } from 'react-router-dom';
import type { ProcessListItem } from '@domain/api';
import { providerLabel } from '@domain/providers';
import { isFinalStatus, RESULT_STATUSES } from '@domain/status';
import { formatDateTime, formatDuration, formatName } from '@web/lib/format';
import { paths } from '@web/lib/paths';
import { CaseVerdict, ReviewCell } from '../process-table';
import { StatusBadge } from '../status-badge';
import './detail.css';

/** Contract §1: finished with a result (accepted, rejected, inconclusive) or without (canceled, failed). */
function outcome(attempt: ProcessListItem): string {
  if (!isFinalStatus(attempt.status)) return 'Still running';
  const kind = RESULT_STATUSES.has(attempt.status) ? 'With result' : 'Without result';
  const took = Date.parse(attempt.updatedAt) - Date.parse(attempt.createdAt);
  return Number.isNaN(took) ? kind : `${kind}, after ${formatDuration(took)}`;
}

/** Every attempt of one end-user, oldest first, each linking to its process. */
export function DossierAttempts({
  attempts,
  currentProcessId,
  caseProcessId,
}: {
  attempts: readonly ProcessListItem[];
  currentProcessId?: string;
  /** The attempt the case is about (the one to review, the accepted one, the running retry). */
  caseProcessId?: string | null;
}) {
  const ordered = [...attempts].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.processId.localeCompare(b.processId),
  );
  if (ordered.length === 0) return <p className="muted">This dossier has no processes.</p>;
  return (
    <div className="table-wrap">
      <table className="data-table attempts-table">
        <caption className="visually-hidden">Attempts in this dossier, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Attempt</th>
            <th scope="col">Status</th>
            <th scope="col">Review</th>
            <th scope="col">Provider</th>
            <th scope="col">Process type</th>
            <th scope="col">End-user</th>
            <th scope="col">Created</th>
            <th scope="col">Outcome</th>
            <th scope="col">
              <span className="visually-hidden">Link</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((attempt, i) => (
            <tr
              key={attempt.processId}
              className={attempt.deletedUpstream ? 'row-deleted' : undefined}
              aria-current={attempt.processId === currentProcessId ? 'true' : undefined}
            >
              <th scope="row">
                #{i + 1}
                {attempt.processId === caseProcessId && (
                  <span className="case-marker" title="The case is about this attempt">
                    {' '}
                    ◆<span className="visually-hidden"> (the case is about this attempt)</span>
                  </span>
                )}
              </th>
              <td>
                <StatusBadge status={attempt.status} />
                <CaseVerdict row={attempt} />
              </td>
              <td>
                <ReviewCell row={attempt} />
              </td>
              <td>{providerLabel(attempt.provider)}</td>
              <td>
                {attempt.processType ? <code>{attempt.processType}</code> : <span className="muted">—</span>}
              </td>
              <td>{formatName(attempt.firstName, attempt.lastName)}</td>
              <td>{formatDateTime(attempt.createdAt)}</td>
              <td>
                {outcome(attempt)}
                {attempt.deletedUpstream && <span className="tag tag-muted">deleted upstream</span>}
              </td>
              <td>
                <Link
                  to={paths.process.href(attempt.processId)}
                  aria-label={`Open attempt ${i + 1} (${providerLabel(attempt.provider)})`}
                >
                  Open
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
