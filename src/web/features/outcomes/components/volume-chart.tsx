import { BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { OutcomesResponse } from '@domain/outcomes';
import { STATUSES, statusLabel } from '@domain/status';
import { useChartColors } from '../hooks/use-chart-colors';
import { drill } from '../lib/drill-down';
import { formatCompact, formatDay } from '../lib/format';
import type { OutcomesApiQuery } from '../lib/outcomes-search';
import {
  BarTooltip,
  CountLink,
  DataTable,
  EmptyChart,
  NumCell,
  StatusBars,
  StatusLegend,
  StatusTotals,
  statusColumns,
} from './chart-parts';

/** Statuses present in the data, in the contract's order, then any unknown ones. */
export function presentStatuses(counts: Array<Record<string, number>>): string[] {
  const seen = new Set<string>();
  for (const c of counts) for (const [s, n] of Object.entries(c)) if (n > 0) seen.add(s);
  return [
    ...STATUSES.filter((s) => seen.has(s)),
    ...[...seen].filter((s) => !(STATUSES as readonly string[]).includes(s)).sort(),
  ];
}

function bucketLabel(b: OutcomesResponse['series'][number], bucket: OutcomesApiQuery['bucket']): string {
  return bucket === 'week' ? `Week of ${formatDay(b.bucket, true)}` : formatDay(b.bucket, true);
}

/** Stacked bars of processes created per day or week, by status; a bar segment opens that day's list for that status. */
export function VolumeChart({ data, query }: { data: OutcomesResponse; query: OutcomesApiQuery }) {
  const colors = useChartColors();
  const statuses = presentStatuses(data.series.map((b) => b.counts));
  if (data.total === 0) return <EmptyChart>No processes were created in this period.</EmptyChart>;
  const rows = data.series.map((b) => ({ ...b.counts, bucket: b.bucket }));
  const title = (d: string) =>
    bucketLabel(
      data.series.find((b) => b.bucket === d) ?? { bucket: d, from: d, to: d, total: 0, counts: {} },
      query.bucket,
    );
  return (
    <>
      <StatusLegend statuses={statuses} colors={colors} />
      <ResponsiveContainer width="100%" height={280}>
        <BarChart
          data={rows}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          title="Processes created per period, by status"
          className="oc-chart"
        >
          <CartesianGrid vertical={false} stroke={colors.grid} />
          <XAxis
            dataKey="bucket"
            tickFormatter={(d: string) => formatDay(d)}
            tick={{ fill: colors.muted, fontSize: 12 }}
            stroke={colors.grid}
            minTickGap={16}
          />
          <YAxis
            allowDecimals={false}
            tickFormatter={formatCompact}
            tick={{ fill: colors.muted, fontSize: 12 }}
            stroke={colors.grid}
            width={44}
          />
          <BarTooltip colors={colors} title={title} hint="Click a bar to open these processes" />
          <StatusBars
            statuses={statuses}
            colors={colors}
            hrefOf={(s, i) => {
              const b = data.series[i];
              return b ? drill(query, { status: [s], from: b.from, to: b.to }) : undefined;
            }}
          />
        </BarChart>
      </ResponsiveContainer>
    </>
  );
}

export function VolumeTable({ data, query }: { data: OutcomesResponse; query: OutcomesApiQuery }) {
  const statuses = presentStatuses(data.series.map((b) => b.counts));
  return (
    <DataTable
      caption={`Processes created per ${query.bucket}, by status`}
      columns={[
        { key: 'bucket', label: query.bucket === 'week' ? 'Week' : 'Day' },
        { key: 'total', label: 'Total', numeric: true },
        ...statusColumns(statuses),
      ]}
      footer={
        <>
          <th scope="row">Total</th>
          <StatusTotals statuses={statuses} totals={data.totals} total={data.total} />
        </>
      }
    >
      {data.series.map((b) => {
        const label = bucketLabel(b, query.bucket);
        return (
          <tr key={b.bucket}>
            <th scope="row">{label}</th>
            <NumCell>
              <CountLink
                n={b.total}
                to={drill(query, { from: b.from, to: b.to })}
                label={`processes, ${label}`}
              />
            </NumCell>
            {statuses.map((s) => (
              <NumCell key={s}>
                <CountLink
                  n={b.counts[s] ?? 0}
                  to={drill(query, { status: [s], from: b.from, to: b.to })}
                  label={`${statusLabel(s).toLowerCase()} processes, ${label}`}
                />
              </NumCell>
            ))}
          </tr>
        );
      })}
    </DataTable>
  );
}
