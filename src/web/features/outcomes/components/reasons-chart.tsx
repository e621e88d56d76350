import { Bar } from 'recharts';
import { explainFailReason } from '@domain/fail-reasons';
import type { OutcomesResponse } from '@domain/outcomes';
import { useChartColors } from '../hooks/use-chart-colors';
import { formatCount } from '../lib/format';
import { CountLabels, DataTable, EmptyChart, HorizontalBarChart, NumCell } from './chart-parts';

interface Item {
  key: string;
  label: string;
  count: number;
}

export function reasonItems(data: OutcomesResponse) {
  const decisions: Item[] = data.reasons.reasonCodes.map((r) => ({
    key: r.code,
    label: r.label ?? r.code,
    count: r.count,
  }));
  const fails: Item[] = data.reasons.failReasons.map((r) => ({
    key: r.failReason ?? '∅',
    label: r.failReason == null ? 'No reason given' : explainFailReason(r.failReason).label,
    count: r.count,
  }));
  return { decisions, fails };
}

function ReasonBars({ items, color, title }: { items: Item[]; color: string; title: string }) {
  const colors = useChartColors();
  if (items.length === 0) return <EmptyChart>None in this period.</EmptyChart>;
  return (
    <HorizontalBarChart
      data={items}
      title={title}
      height={30 * items.length + 16}
      colors={colors}
      category="label"
      categoryWidth={170}
      valueAxis={false}
      marginRight={44}
    >
      <Bar dataKey="count" name="Count" fill={color} barSize={16} isAnimationActive={false}>
        <CountLabels dataKey="count" colors={colors} />
      </Bar>
    </HorizontalBarChart>
  );
}

/** The most used decision reason codes, and the most frequent failReason values of failed processes. */
export function ReasonsChart({ data }: { data: OutcomesResponse }) {
  const colors = useChartColors();
  const { decisions, fails } = reasonItems(data);
  return (
    <div className="oc-split">
      <div>
        <h3>Decision reasons</h3>
        <ReasonBars items={decisions} color={colors.status('inconclusive')} title="Decision reason codes" />
      </div>
      <div>
        <h3>Fail reasons</h3>
        <ReasonBars items={fails} color={colors.status('failed')} title="Fail reasons of failed processes" />
      </div>
    </div>
  );
}

export function ReasonsTable({ data }: { data: OutcomesResponse }) {
  const { decisions, fails } = reasonItems(data);
  const rows = [
    ...decisions.map((r) => ({ ...r, key: `d-${r.key}`, kind: 'Decision reason' })),
    ...fails.map((r) => ({ ...r, key: `f-${r.key}`, kind: 'Fail reason' })),
  ];
  return (
    <DataTable
      caption="Top reasons"
      columns={[
        { key: 'reason', label: 'Reason' },
        { key: 'kind', label: 'Kind' },
        { key: 'count', label: 'Count', numeric: true },
      ]}
      empty={rows.length === 0 && 'No reasons recorded in this period.'}
    >
      {rows.map((r) => (
        <tr key={r.key}>
          <th scope="row">{r.label}</th>
          <td>{r.kind}</td>
          <NumCell>{formatCount(r.count)}</NumCell>
        </tr>
      ))}
    </DataTable>
  );
}
