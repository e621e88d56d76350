import { Bar, Cell } from 'recharts';
import type { OutcomesResponse } from '@domain/outcomes';
import { statusLabel } from '@domain/status';
import { useChartColors, type ChartColors } from '../hooks/use-chart-colors';
import { drill } from '../lib/drill-down';
import { formatPercent } from '../lib/format';
import type { OutcomesApiQuery } from '../lib/outcomes-search';
import {
  CountLabels,
  CountLink,
  DataTable,
  EmptyChart,
  HorizontalBarChart,
  NumCell,
  useOpenBar,
} from './chart-parts';

/** Results first, then attempts still under way. */
const RETRY_OUTCOME_ORDER = [
  'accepted',
  'rejected',
  'inconclusive',
  'failed',
  'canceled',
  'processing',
  'pending',
  'other',
];

interface Step {
  key: string;
  label: string;
  value: number;
  color: string;
  /** Share of the step before the outcomes (inconclusive for "retried", retried for each outcome). */
  share: number | null;
  /** Only the first step has an exact list to open: retried processes are not a list filter. */
  href?: string;
}

function steps(data: OutcomesResponse, query: OutcomesApiQuery, colors: ChartColors): Step[] {
  const f = data.retryFunnel;
  const outcomes = RETRY_OUTCOME_ORDER.filter((s) => (f.outcomes[s] ?? 0) > 0).map((s) => ({
    key: `outcome-${s}`,
    label: `Retry ${s === 'other' ? 'in another status' : statusLabel(s).toLowerCase()}`,
    value: f.outcomes[s] ?? 0,
    color: colors.status(s),
    share: f.retried ? (f.outcomes[s] ?? 0) / f.retried : null,
  }));
  return [
    {
      key: 'inconclusive',
      label: 'Inconclusive',
      value: f.inconclusive,
      color: colors.status('inconclusive'),
      share: null,
      href: drill(query, { status: ['inconclusive'] }),
    },
    {
      key: 'retried',
      label: 'Retried',
      value: f.retried,
      color: colors.accent,
      share: f.inconclusive ? f.retried / f.inconclusive : null,
    },
    ...outcomes,
  ];
}

/** Inconclusive → retried → how the retry ended. The first bar opens the inconclusive processes of the period. */
export function RetryFunnel({ data, query }: { data: OutcomesResponse; query: OutcomesApiQuery }) {
  const colors = useChartColors();
  const openBar = useOpenBar();
  if (data.retryFunnel.inconclusive === 0)
    return <EmptyChart>No inconclusive processes in this period.</EmptyChart>;
  const rows = steps(data, query, colors);
  return (
    <HorizontalBarChart
      data={rows}
      title="Retry funnel"
      height={40 * rows.length + 30}
      colors={colors}
      category="label"
      categoryWidth={170}
      marginRight={56}
    >
      <Bar
        dataKey="value"
        name="Processes"
        barSize={20}
        isAnimationActive={false}
        onClick={openBar((i) => rows[i]?.href)}
      >
        {rows.map((r) => (
          <Cell key={r.key} fill={r.color} className={r.href ? 'oc-clickable' : undefined} />
        ))}
        <CountLabels dataKey="value" colors={colors} />
      </Bar>
    </HorizontalBarChart>
  );
}

export function RetryFunnelTable({ data, query }: { data: OutcomesResponse; query: OutcomesApiQuery }) {
  const colors = useChartColors();
  return (
    <DataTable
      caption="Retry funnel"
      columns={[
        { key: 'step', label: 'Step' },
        { key: 'value', label: 'Processes', numeric: true },
        { key: 'share', label: 'Share', numeric: true },
      ]}
    >
      {steps(data, query, colors).map((s) => (
        <tr key={s.key}>
          <th scope="row">{s.label}</th>
          <NumCell>
            <CountLink n={s.value} to={s.href} label={`${s.label.toLowerCase()} processes`} />
          </NumCell>
          <NumCell>{formatPercent(s.share)}</NumCell>
        </tr>
      ))}
    </DataTable>
  );
}
