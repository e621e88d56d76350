import type { OutcomesResponse } from '@domain/outcomes';
import { formatCount, formatMs, formatPercent } from '../lib/format';

const decisionsText = (n: number) => `${formatCount(n)} decision${n === 1 ? '' : 's'}`;

/** What the team did in the period: decisions and their mix, time to decision and four-eyes returns. */
export function TeamStrip({ data }: { data: OutcomesResponse }) {
  const { decisions, fourEyesReturns } = data.team;
  const share = (n: number) => (decisions.total ? formatPercent(n / decisions.total) : '—');
  const kpis = [
    {
      label: 'Decisions',
      value: formatCount(decisions.total),
      detail: `by ${formatCount(data.reviewers.length)} reviewer${data.reviewers.length === 1 ? '' : 's'}`,
    },
    {
      label: 'Approved',
      value: share(decisions.approve),
      detail: decisionsText(decisions.approve),
      tone: 'accepted',
    },
    {
      label: 'Rejected',
      value: share(decisions.reject),
      detail: decisionsText(decisions.reject),
      tone: 'failed',
    },
    {
      label: 'Retry asked',
      value: share(decisions.retry),
      detail: decisionsText(decisions.retry),
      tone: 'inconclusive',
    },
    {
      label: 'Time to decision (p50)',
      value: formatMs(data.timeToDecision.overall.p50Ms),
      detail: `p90 ${formatMs(data.timeToDecision.overall.p90Ms)}`,
    },
    {
      label: 'Four-eyes returns',
      value: formatCount(fourEyesReturns.count),
      detail: fourEyesReturns.available
        ? 'sent back by a second reviewer'
        : 'four-eyes review not in use yet',
    },
  ];
  return (
    <ul className="oc-kpis" aria-label="Team figures">
      {kpis.map((k) => (
        <li key={k.label} className={`oc-kpi${k.tone ? ` oc-kpi-${k.tone}` : ''}`}>
          <span className="oc-kpi-label">{k.label}</span>
          <span className="oc-kpi-value">{k.value}</span>
          <span className="oc-kpi-detail">{k.detail}</span>
        </li>
      ))}
    </ul>
  );
}
