import { memo, useEffect, useRef, useState } from 'react';
import { countryName } from '@domain/countries';
import { Link, useNavigate } from 'react-router-dom';
import type { ProcessListItem } from '@domain/api';
import { providerLabel } from '@domain/providers';
import { DECIDED_LABELS } from '@domain/decision-outcomes';
import { formatDateTime, formatName, formatRelative } from '@web/lib/format';
import { paths } from '@web/lib/paths';
import { useNow } from '@web/hooks/use-now';
import { StatusBadge } from './status-badge';

interface Props {
  rows: ProcessListItem[];
  changed: Set<string>;
  busy: boolean;
}

/** The processes table. j/k or ↓/↑ move the focus between rows, Enter opens the focused one. */
export function ProcessTable({ rows, changed, busy }: Props) {
  const navigate = useNavigate();
  const [active, setActive] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);

  // "Updated 2 minutes ago" is told again every 10 s; rows otherwise re-render only when their own props change.
  const now = useNow(true, 10_000);

  const firstId = rows[0]?.processId;
  useEffect(() => setActive(0), [firstId]);

  // Rows are focusable (roving tabindex); keys are handled on the table body for whichever row has focus.
  useEffect(() => {
    const el = body.current;
    if (!el) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const focused = e.target instanceof HTMLTableRowElement ? e.target : null;
      const index = focused ? [...el.children].indexOf(focused) : -1;
      const focusRow = (i: number) => {
        const clamped = Math.max(0, Math.min(el.children.length - 1, i));
        setActive(clamped);
        (el.children[clamped] as HTMLElement | undefined)?.focus();
      };
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        focusRow(index + 1);
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        focusRow(index - 1);
      } else if (e.key === 'Enter' && focused) {
        const id = focused.dataset.processId;
        if (id) navigate(paths.process.href(id));
      }
    };
    el.addEventListener('keydown', onKeyDown);
    return () => el.removeEventListener('keydown', onKeyDown);
  }, [navigate]);

  return (
    <div className="table-wrap" aria-busy={busy}>
      <table className="data-table process-table">
        <caption className="visually-hidden">
          Processes. Use j and k or the arrow keys to move, Enter to open.
        </caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">End-user</th>
            <th scope="col">Provider</th>
            <th scope="col">Process type</th>
            <th scope="col">Country</th>
            <th scope="col">Review</th>
            <th scope="col">Created</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {rows.map((row, i) => (
            <ProcessRow
              key={row.processId}
              row={row}
              index={i}
              focusable={i === active}
              changed={changed.has(row.processId)}
              onFocusRow={setActive}
              now={now}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  row: ProcessListItem;
  index: number;
  focusable: boolean;
  changed: boolean;
  onFocusRow: (index: number) => void;
  /** The time the relative "Updated" is told from (moves in steps, so that unchanged rows are not re-rendered). */
  now: number;
}

/** One row, memoised: a poll answer, a focus move or a refetch re-renders only the rows it changes. */
const ProcessRow = memo(function ProcessRow({ row, index, focusable, changed, onFocusRow, now }: RowProps) {
  const name = formatName(row.firstName, row.lastName);
  const created = formatDateTime(row.createdAt);
  return (
    <tr
      data-process-id={row.processId}
      tabIndex={focusable ? 0 : -1}
      onFocus={() => onFocusRow(index)}
      className={[changed ? 'row-changed' : '', row.deletedUpstream ? 'row-deleted' : ''].join(' ')}
      aria-label={`${name}, ${row.status}`}
    >
      <td>
        <StatusBadge status={row.status} />
        <CaseVerdict row={row} />
      </td>
      <td className="cell-name">
        <Link
          to={paths.process.href(row.processId)}
          tabIndex={-1}
          className={row.masked ? 'masked' : undefined}
        >
          {name}
        </Link>
        {row.deletedUpstream && <span className="tag tag-muted">deleted upstream</span>}
        {row.personalDataErased && <span className="tag tag-muted">personal data erased</span>}
      </td>
      <td>{providerLabel(row.provider)}</td>
      <td>{row.processType ?? <span className="muted">—</span>}</td>
      <td title={row.documentCountry ?? undefined}>
        {row.documentCountry ? countryName(row.documentCountry) : <span className="muted">—</span>}
      </td>
      <td>
        <ReviewCell row={row} />
      </td>
      <td>
        <time dateTime={row.createdAt} title={created}>
          {created}
        </time>
      </td>
      <td>
        <time dateTime={row.updatedAt} title={formatDateTime(row.updatedAt)}>
          {formatRelative(row.updatedAt, now)}
        </time>
      </td>
    </tr>
  );
});

/** The desk's verdict next to Assure's status of an inconclusive attempt: "→ verified by attempt #2". */
export function CaseVerdict({ row }: { row: ProcessListItem }) {
  if (
    row.status !== 'inconclusive' ||
    !row.caseState ||
    !row.caseVerdict ||
    !VERDICT_STATES.has(row.caseState)
  )
    return null;
  return <span className={`case-verdict case-${row.caseState}`}> → {row.caseVerdict}</span>;
}
const VERDICT_STATES: ReadonlySet<string> = new Set([
  'resolved_by_retry',
  'decided',
  'pending_second_review',
  'awaiting_end_user',
]);

/** Assure Desk's own review of the process: decided (by whom), claimed (by whom) or awaiting a reviewer. */
export function ReviewCell({ row }: { row: ProcessListItem }) {
  const review = row.review;
  if (review?.decision) {
    return (
      <span
        className={`review-state decision-${review.decision}`}
        title={review.decidedBy ? `Decided by ${review.decidedBy}` : undefined}
      >
        {DECIDED_LABELS[review.decision]}
        {review.decidedBy && <span className="muted"> · {review.decidedBy}</span>}
      </span>
    );
  }
  if (review?.claimedBy)
    return <span className="review-state review-claimed">Claimed by {review.claimedBy}</span>;
  // The case is the dossier's: only its inconclusive attempt awaits review, not a rejected or failed retry beside it.
  if (row.status === 'inconclusive' && (row.caseState === 'needs_review' || !row.caseState))
    return <span className="review-state review-awaiting">Awaiting review</span>;
  return <span className="muted">—</span>;
}

export function TableSkeleton({ rows = 10 }: { rows?: number }) {
  return (
    <div className="table-wrap" aria-busy="true" aria-label="Loading processes">
      <table className="data-table">
        <thead>
          <tr>
            {[
              'Status',
              'End-user',
              'Provider',
              'Process type',
              'Country',
              'Review',
              'Created',
              'Updated',
            ].map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, i) => (
            <tr key={i} className="skeleton-row">
              {Array.from({ length: 8 }, (_, j) => (
                <td key={j}>
                  <span className="skeleton" />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
