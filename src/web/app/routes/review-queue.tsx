import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { providerLabel } from '@domain/providers';
import { DECIDED_LABELS, DECISION_STATE_LABELS } from '@domain/review';
import { ErrorState } from '@web/components/error-state';
import { reviewQueries } from '@web/features/review/api/review-queries';
import { formatDateTime, formatDuration, formatName } from '@web/lib/format';
import { paths } from '@web/lib/paths';

/** Inconclusive processes without a decision, oldest first. j/k or ↓/↑ move, Enter opens. */
export function ReviewQueueRoute() {
  const queue = useQuery(reviewQueries.queue());
  const navigate = useNavigate();
  const body = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    const el = body.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || !(e.target instanceof HTMLTableRowElement)) return;
      const rows = [...el.children] as HTMLElement[];
      const i = rows.indexOf(e.target);
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        rows[Math.min(rows.length - 1, i + 1)]?.focus();
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        rows[Math.max(0, i - 1)]?.focus();
      } else if (e.key === 'Enter' && e.target.dataset.processId) {
        navigate(paths.process.href(e.target.dataset.processId));
      }
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  }, [navigate, queue.data]);

  // The first row is active as soon as the queue shows, so j/k and Enter work without tabbing into the table.
  const hasRows = Boolean(queue.data?.items.length);
  useEffect(() => {
    const first = body.current?.querySelector<HTMLElement>('tr');
    if (hasRows && first && (document.activeElement === document.body || document.activeElement === null)) first.focus();
  }, [hasRows]);

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Review queue</h1>
          <p className="page-subtitle">
            Inconclusive processes without a final decision, oldest first; those pending a second review wait for a
            reviewer other than their author.{' '}
            {queue.data && (
              <>
                <strong>{queue.data.total}</strong> waiting.
              </>
            )}
          </p>
        </div>
      </header>
      {queue.isPending ? (
        <p className="muted">Loading…</p>
      ) : queue.isError ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : queue.data.items.length === 0 ? (
        <div className="empty-state">
          <strong>Nothing to review.</strong>
          <p>Every inconclusive process has a decision.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="data-table process-table queue-table">
            <caption className="visually-hidden">Cases to review. Use j and k or the arrow keys to move, Enter to open.</caption>
            <thead>
              <tr>
                <th scope="col">Waiting</th>
                <th scope="col">End-user</th>
                <th scope="col">Provider</th>
                <th scope="col">Why inconclusive</th>
                <th scope="col">Claim</th>
              </tr>
            </thead>
            <tbody ref={body}>
              {queue.data.items.map((item, i) => (
                <tr key={item.processId} tabIndex={i === 0 ? 0 : -1} data-process-id={item.processId}>
                  <td title={formatDateTime(item.updatedAt)}>{formatDuration(queue.dataUpdatedAt - Date.parse(item.updatedAt))}</td>
                  <td className="cell-name">
                    <Link to={paths.process.href(item.processId)} tabIndex={-1}>
                      {formatName(item.firstName, item.lastName)}
                    </Link>
                  </td>
                  <td>{providerLabel(item.provider)}</td>
                  <td className="reason">{item.reason}</td>
                  <td>
                    {item.pendingDecision ? (
                      <span className="badge badge-pending-review" title={`${DECIDED_LABELS[item.pendingDecision.outcome]} by ${item.pendingDecision.actor}`}>
                        {DECISION_STATE_LABELS.pending_second_review}
                        {item.pendingDecision.mine ? ' (yours)' : ` · ${item.pendingDecision.actor}`}
                      </span>
                    ) : item.claim ? (
                      item.claim.mine ? 'You' : `🔒 ${item.claim.username}`
                    ) : (
                      <span className="muted">Free</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
