import { Link } from 'react-router-dom';
import type { OutcomesResponse } from '@domain/outcomes';
import { drill, FINAL_STATUS_LIST } from '../lib/drill-down';
import { formatCount, formatMs, formatPercent } from '../lib/format';
import type { OutcomesApiQuery } from '../lib/outcomes-search';

interface Kpi {
  label: string;
  value: string;
  detail: string;
  href?: string;
  tone?: string;
}

/** The headline figures; each opens the list it is computed from, where the list can express it. */
export function KpiStrip({ data, query }: { data: OutcomesResponse; query: OutcomesApiQuery }) {
  const r = data.rates.overall;
  const f = data.retryFunnel;
  const kpis: Kpi[] = [
    {
      label: 'Processes',
      value: formatCount(data.total),
      detail: `${formatCount(r.final)} final`,
      href: drill(query),
    },
    {
      label: 'Accepted',
      value: formatPercent(r.rates.accepted),
      detail: `${formatCount(r.counts.accepted ?? 0)} of final`,
      href: drill(query, { status: ['accepted'] }),
      tone: 'accepted',
    },
    {
      label: 'Inconclusive',
      value: formatPercent(r.rates.inconclusive),
      detail: `${formatCount(r.counts.inconclusive ?? 0)} of final`,
      href: drill(query, { status: ['inconclusive'] }),
      tone: 'inconclusive',
    },
    {
      label: 'Failed or canceled',
      value: formatPercent(r.rates.failed == null ? null : (r.rates.failed ?? 0) + (r.rates.canceled ?? 0)),
      detail: `${formatCount((r.counts.failed ?? 0) + (r.counts.canceled ?? 0))} of final`,
      href: drill(query, { status: ['failed', 'canceled'] }),
      tone: 'failed',
    },
    {
      label: 'Retry success',
      value: formatPercent(f.successRate),
      detail: `${formatCount(f.outcomes.accepted ?? 0)} accepted of ${formatCount(f.retried)} retried`,
    },
    {
      label: 'Time to final (p50)',
      value: formatMs(data.timeToFinal.overall.p50Ms),
      detail: `p90 ${formatMs(data.timeToFinal.overall.p90Ms)}`,
      href: drill(query, { status: FINAL_STATUS_LIST }),
    },
    {
      label: 'Time to decision (p50)',
      value: formatMs(data.timeToDecision.overall.p50Ms),
      detail: `p90 ${formatMs(data.timeToDecision.overall.p90Ms)} · ${formatCount(data.timeToDecision.overall.count)} decided`,
    },
  ];
  return (
    <ul className="oc-kpis" aria-label="Key figures">
      {kpis.map((k) => (
        <li key={k.label} className={`oc-kpi${k.tone ? ` oc-kpi-${k.tone}` : ''}`}>
          <span className="oc-kpi-label">{k.label}</span>
          {k.href ? (
            <Link className="oc-kpi-value" to={k.href} aria-label={`${k.label}: ${k.value}, open the list`}>
              {k.value}
            </Link>
          ) : (
            <span className="oc-kpi-value">{k.value}</span>
          )}
          <span className="oc-kpi-detail">{k.detail}</span>
        </li>
      ))}
    </ul>
  );
}
