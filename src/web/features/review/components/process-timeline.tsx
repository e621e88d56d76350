import { useQuery } from '@tanstack/react-query';
import type { AuditItem } from '@domain/review';
import { ErrorState } from '@web/components/error-state';
import { formatDateTime } from '@web/lib/format';
import { reviewQueries } from '../api/review-queries';

const ACTION_LABELS: Record<string, string> = {
  'review.claim': 'claimed the case',
  'review.release': 'released the case',
  'review.decision': 'recorded a decision',
  'retry.start': 'started an end-user retry',
  'fullResult.download': 'downloaded the full result',
  'pii.reveal': 'revealed a masked field',
  'review.confirm': 'confirmed the decision as second reviewer',
  'review.return': 'sent the decision back',
  'case.view': 'opened the case with its identifiers',
};

function describe(e: AuditItem): string {
  const d = e.details as Record<string, unknown>;
  switch (e.action) {
    case 'review.decision':
      return `${String(d.outcome ?? '')}${d.reasonCode ? ` — ${String(d.reasonCode).replace(/_/g, ' ')}` : ''}${d.note ? `: “${String(d.note)}”` : ''}${
        d.state === 'pending_second_review' ? ' (pending second review)' : ''
      }${Array.isArray(d.acknowledgedFailedChecks) ? ' — compared the pictures despite failed checks' : ''}`;
    case 'review.confirm':
      return `${String(d.outcome ?? '')} by ${String(d.author ?? '')}`;
    case 'review.return':
      return `${String(d.outcome ?? '')} by ${String(d.author ?? '')}${d.note ? `: “${String(d.note)}”` : ''}`;
    case 'fullResult.download':
      return d.reason ? `reason: “${String(d.reason)}”` : '';
    case 'retry.start':
      return `${String(d.provider ?? '')}${d.processType ? ` / ${String(d.processType)}` : ''} → ${String(d.processId ?? '')}`;
    case 'pii.reveal':
      return `${String(d.field ?? '')} — reason: “${String(d.reason ?? '')}”`;
    default:
      return '';
  }
}

/** The review timeline of a process: claims, decisions, retries, downloads, reveals. */
export function ProcessTimeline({ processId }: { processId: string }) {
  const timeline = useQuery(reviewQueries.timeline(processId));
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      {timeline.isPending ? (
        <p className="muted">Loading…</p>
      ) : timeline.isError ? (
        <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : timeline.data.items.length === 0 ? (
        <p className="muted">Nobody has acted on this process yet.</p>
      ) : (
        <ol className="timeline">
          {timeline.data.items.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              <span>
                <strong>{e.actor}</strong> {ACTION_LABELS[e.action] ?? e.action}
                {describe(e) && <span className="timeline-detail"> {describe(e)}</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
