import { useEffect, useRef } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { caseVerdict, type CaseItem } from '@domain/cases';
import { countryLabel } from '@domain/countries';
import { providerLabel } from '@domain/providers';
import { DECIDED_LABELS } from '@domain/review';
import { formatDateTime, formatDuration, formatName } from '@web/lib/format';
import { paths } from '@web/lib/paths';
import '../cases.css';

interface Props {
  items: CaseItem[];
  /** When the data was fetched: ages are relative to it, so a row does not tick while nothing changed. */
  now: number;
  /** Present for managers and admins: assign a case to a reviewer or take it back. */
  assign?: {
    users: string[];
    onAssign: (dossierId: string, username: string | null) => void;
    pending: string | null;
  };
}

/** The time left before the review SLA is missed, or how long ago it was missed. Never colour alone. */
function Due({ item, now }: { item: CaseItem; now: number }) {
  if (!item.dueAt) return <span className="muted">—</span>;
  const title = `Due ${formatDateTime(item.dueAt)}${item.waitingSince ? `; waiting since ${formatDateTime(item.waitingSince)}` : ''}`;
  const left = Date.parse(item.dueAt) - now;
  if (item.overdue) {
    return (
      <span className="due due-overdue" title={title}>
        <span aria-hidden="true">⚠ </span>Overdue {formatDuration(-left)}
      </span>
    );
  }
  return (
    <span className="due" title={title}>
      in {formatDuration(left)}
    </span>
  );
}

function Holder({ item }: { item: CaseItem }) {
  if (item.state === 'pending_second_review' && item.decision) {
    return (
      <span className="badge badge-pending-review">
        {DECIDED_LABELS[item.decision.outcome]} by {item.decision.actor}, needs a second reviewer
      </span>
    );
  }
  if (item.claim) return <span>{item.claim.mine ? 'You' : <>🔒 {item.claim.username}</>}</span>;
  if (item.state === 'needs_review') return <span className="muted">Free</span>;
  return (
    <span className="muted">
      {caseVerdict(item.state, { attemptNumber: item.attemptNumber, decision: item.decision })}
    </span>
  );
}

/**
 * One row per case (a person across attempts), by due time. `j`/`k` or the arrows move, `Enter` opens the attempt
 * the case is about; the first row is active as soon as the queue shows.
 */
export function CaseTable({ items, now, assign }: Props) {
  const navigate = useNavigate();
  const body = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const t = e.target as HTMLElement | null;
      if (t?.closest('input, textarea, select, button, a, [contenteditable="true"], dialog')) return;
      if (!['j', 'k', 'ArrowDown', 'ArrowUp', 'Enter'].includes(e.key)) return;
      const rows = [...(body.current?.children ?? [])] as HTMLElement[];
      if (rows.length === 0) return;
      const current = rows.findIndex((row) => row === document.activeElement);
      const active =
        current >= 0
          ? current
          : Math.max(
              0,
              rows.findIndex((row) => row.tabIndex === 0),
            );
      e.preventDefault();
      if (e.key === 'Enter') {
        const id = rows[active]?.dataset.processId;
        if (id) navigate(paths.process.href(id));
        return;
      }
      const next =
        e.key === 'j' || e.key === 'ArrowDown'
          ? Math.min(rows.length - 1, current < 0 ? active : active + 1)
          : Math.max(0, active - 1);
      rows.forEach((row, i) => (row.tabIndex = i === next ? 0 : -1));
      rows[next]?.focus();
    };
    // On the document: the keys work on arrival, without tabbing into the table first.
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [navigate]);

  const hasRows = items.length > 0;
  useEffect(() => {
    const first = body.current?.querySelector<HTMLElement>('tr');
    const active = document.activeElement;
    if (hasRows && first && (!active || active === document.body || active.closest('.main-nav')))
      first.focus();
  }, [hasRows]);

  return (
    <div className="table-wrap case-table-wrap">
      <table className="data-table case-table">
        <caption className="visually-hidden">
          Cases. Use j and k or the arrow keys to move, Enter to open.
        </caption>
        <thead>
          <tr>
            <th scope="col">Due</th>
            <th scope="col">End-user</th>
            <th scope="col">Provider</th>
            <th scope="col">Why</th>
            <th scope="col">Attempts</th>
            <th scope="col" className="col-waiting">
              Waiting
            </th>
            <th scope="col">Assignee</th>
            <th scope="col">Claim</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {items.map((item, i) => (
            <tr
              key={item.dossierId}
              tabIndex={i === 0 ? 0 : -1}
              data-process-id={item.processId ?? undefined}
              className={item.overdue ? 'row-overdue' : undefined}
              aria-label={`${formatName(item.firstName, item.lastName)}${item.overdue ? ', overdue' : ''}`}
            >
              <td>
                <Due item={item} now={now} />
              </td>
              <td className="cell-name">
                {item.processId ? (
                  <Link to={paths.process.href(item.processId)} tabIndex={-1}>
                    {formatName(item.firstName, item.lastName)}
                  </Link>
                ) : (
                  formatName(item.firstName, item.lastName)
                )}
                {item.linkedToRejected && (
                  <span
                    className="badge badge-fraud"
                    title="Shares a document, person or national number with a case the desk rejected"
                  >
                    ⚑ Linked to a rejected case
                  </span>
                )}
                {item.documentCountry && (
                  <span className="muted cell-sub" title={countryLabel(item.documentCountry)}>
                    {' '}
                    · {item.documentCountry}
                  </span>
                )}
              </td>
              <td>
                {item.provider ? providerLabel(item.provider) : '—'}
                {item.providers.length > 1 && (
                  <span className="muted" title={item.providers.map(providerLabel).join(', ')}>
                    {' '}
                    +{item.providers.length - 1}
                  </span>
                )}
              </td>
              <td className="reason" title={item.reason ?? undefined}>
                {item.reason ?? <span className="muted">—</span>}
              </td>
              <td>
                <Link
                  to={paths.dossier.href(item.dossierId)}
                  tabIndex={-1}
                  title="All attempts of this person"
                >
                  {item.attempts} {item.attempts === 1 ? 'attempt' : 'attempts'}
                </Link>
              </td>
              <td className="col-waiting">
                {item.waitingSince ? (
                  <time dateTime={item.waitingSince} title={formatDateTime(item.waitingSince)}>
                    {formatDuration(now - Date.parse(item.waitingSince))}
                  </time>
                ) : (
                  '—'
                )}
              </td>
              <td>
                {assign ? (
                  <select
                    aria-label={`Assign the case of ${formatName(item.firstName, item.lastName)}`}
                    value={item.assignee ?? ''}
                    disabled={assign.pending === item.dossierId}
                    onChange={(e) => assign.onAssign(item.dossierId, e.target.value || null)}
                  >
                    <option value="">Unassigned</option>
                    {[...new Set([...assign.users, ...(item.assignee ? [item.assignee] : [])])].map((u) => (
                      <option key={u} value={u}>
                        {u}
                      </option>
                    ))}
                  </select>
                ) : (
                  (item.assignee ?? <span className="muted">—</span>)
                )}
              </td>
              <td>
                <Holder item={item} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
