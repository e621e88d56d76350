import { Link } from 'react-router-dom';
import type { Backlog, BacklogTrend } from '@domain/outcomes';
import { providerLabel } from '@domain/providers';
import { formatDateTime, formatDuration } from '@web/lib/format';
import { overdueHref, waitingHref } from '../lib/drill-down';
import { formatCount } from '../lib/format';
import { BacklogTrendChart } from './backlog-trend';
import { CountLink, DataTable, NumCell } from './chart-parts';

interface Figure {
  label: string;
  value: string;
  detail: string;
  /** The queue behind the figure; no link when there is nothing to open. */
  href?: string;
  tone?: string;
}

/**
 * The review backlog as it stands now, whatever the period: what waits, what is overdue against the SLA, since when
 * the oldest waits, per provider and per reason. Every figure opens the review queue with the matching filters.
 */
export function BacklogCard({
  backlog,
  now,
}: {
  /** The backlog now, with its trend over the period when the dashboard has one. */
  backlog: Backlog & { trend?: BacklogTrend };
  /** When the figures were computed (epoch ms): the oldest case's age is measured to it. */
  now: number;
}) {
  const b = backlog;
  const oldestAge =
    b.oldestWaitingSince === null
      ? undefined
      : formatDuration(Math.max(0, now - Date.parse(b.oldestWaitingSince)));
  const figures: Figure[] = [
    {
      label: 'Waiting',
      value: formatCount(b.waiting),
      detail:
        b.pendingSecondReview > 0
          ? `${formatCount(b.pendingSecondReview)} of them pending a second review`
          : 'cases for a reviewer',
      href: b.waiting > 0 ? waitingHref() : undefined,
      tone: 'inconclusive',
    },
    {
      label: 'Overdue',
      value: formatCount(b.overdue),
      detail: `waiting longer than the ${formatCount(b.slaHours)} h review SLA`,
      href: b.overdue > 0 ? overdueHref() : undefined,
      tone: b.overdue > 0 ? 'failed' : undefined,
    },
    {
      label: 'Oldest waiting',
      value: oldestAge ?? '—',
      detail:
        b.oldestWaitingSince === null ? 'nothing waits' : `since ${formatDateTime(b.oldestWaitingSince)}`,
      href: b.waiting > 0 ? waitingHref() : undefined,
    },
    {
      label: 'Unassigned',
      value: formatCount(b.unassigned),
      detail: `${formatCount(b.assigned)} assigned to a reviewer`,
      href: b.unassigned > 0 ? waitingHref({ assignee: 'unassigned' }) : undefined,
    },
  ];
  const providers = Object.entries(b.byProvider).sort(
    ([pa, a], [pb, b2]) => b2.waiting - a.waiting || pa.localeCompare(pb),
  );
  return (
    <div className="oc-backlog">
      <ul className="oc-kpis" aria-label="Backlog now">
        {figures.map((f) => (
          <li key={f.label} className={`oc-kpi${f.tone ? ` oc-kpi-${f.tone}` : ''}`}>
            <span className="oc-kpi-label">{f.label}</span>
            {f.href ? (
              <Link
                className="oc-kpi-value"
                to={f.href}
                aria-label={`${f.label}: ${f.value}, open the review queue`}
              >
                {f.value}
              </Link>
            ) : (
              <span className="oc-kpi-value">{f.value}</span>
            )}
            <span className="oc-kpi-detail">{f.detail}</span>
          </li>
        ))}
      </ul>
      {b.trend && <BacklogTrendChart trend={b.trend} />}
      <div className="oc-backlog-tables">
        <div className="oc-table-wrap">
          <DataTable
            caption="Backlog per provider"
            columns={[
              { key: 'provider', label: 'Provider' },
              { key: 'waiting', label: 'Waiting', numeric: true },
              { key: 'overdue', label: 'Overdue', numeric: true },
            ]}
            empty={providers.length === 0 && 'Nothing waits for a reviewer.'}
          >
            {providers.map(([provider, p]) => (
              <tr key={provider}>
                <th scope="row">{providerLabel(provider)}</th>
                <NumCell>
                  <CountLink
                    n={p.waiting}
                    to={waitingHref({ provider })}
                    label={`${provider} cases waiting`}
                  />
                </NumCell>
                <NumCell>
                  <CountLink
                    n={p.overdue}
                    to={overdueHref({ provider })}
                    label={`${provider} cases overdue`}
                  />
                </NumCell>
              </tr>
            ))}
          </DataTable>
        </div>
        <div className="oc-table-wrap">
          <DataTable
            caption="Backlog per reason"
            columns={[
              { key: 'reason', label: 'Why it waits' },
              { key: 'waiting', label: 'Waiting', numeric: true },
              { key: 'overdue', label: 'Overdue', numeric: true },
            ]}
            empty={b.byReason.length === 0 && 'Nothing waits for a reviewer.'}
          >
            {b.byReason.map((r) => {
              const name = r.reason === null ? 'No failed check recorded' : (r.label ?? r.reason);
              // The queue filters by a reason's code; cases without one cannot be singled out there.
              const filter = r.reason === null ? undefined : { reason: r.reason };
              return (
                <tr key={r.reason ?? ''}>
                  <th scope="row">{name}</th>
                  <NumCell>
                    <CountLink
                      n={r.waiting}
                      to={filter && waitingHref(filter)}
                      label={`cases waiting: ${name}`}
                    />
                  </NumCell>
                  <NumCell>
                    <CountLink
                      n={r.overdue}
                      to={filter && overdueHref(filter)}
                      label={`cases overdue: ${name}`}
                    />
                  </NumCell>
                </tr>
              );
            })}
          </DataTable>
        </div>
      </div>
    </div>
  );
}
