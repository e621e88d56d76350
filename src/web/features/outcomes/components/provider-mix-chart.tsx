import type { OutcomesResponse } from '@domain/outcomes';
import { providerLabel } from '@domain/providers';
import { statusLabel } from '@domain/status';
import { useChartColors } from '../hooks/use-chart-colors';
import { drill } from '../lib/drill-down';
import type { OutcomesApiQuery } from '../lib/outcomes-search';
import {
  CountLink,
  DataTable,
  EmptyChart,
  HorizontalBarChart,
  NumCell,
  StatusBars,
  StatusLegend,
  StatusTotals,
  statusColumns,
} from './chart-parts';
import { presentStatuses } from './volume-chart';

function providers(data: OutcomesResponse): string[] {
  return Object.keys(data.byProvider).sort(
    (a, b) => sum(data.byProvider[b]!) - sum(data.byProvider[a]!) || a.localeCompare(b),
  );
}
const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);

/** Horizontal stacked bars: each provider's processes by status; a segment opens that provider's list for that status. */
export function ProviderMixChart({ data, query }: { data: OutcomesResponse; query: OutcomesApiQuery }) {
  const colors = useChartColors();
  const list = providers(data);
  if (list.length === 0) return <EmptyChart>No processes in this period.</EmptyChart>;
  const statuses = presentStatuses(list.map((p) => data.byProvider[p]!));
  const rows = list.map((p) => ({ ...data.byProvider[p], provider: p }));
  return (
    <>
      <StatusLegend statuses={statuses} colors={colors} />
      <HorizontalBarChart
        data={rows}
        title="Status mix per provider"
        height={Math.max(140, 44 * list.length + 40)}
        colors={colors}
        category="provider"
        categoryLabel={providerLabel}
        categoryWidth={150}
        tooltip={{ title: providerLabel, hint: 'Click a bar to open these processes' }}
      >
        <StatusBars
          statuses={statuses}
          colors={colors}
          barSize={22}
          hrefOf={(s, i) => {
            const provider = list[i];
            return provider ? drill(query, { provider: [provider], status: [s] }) : undefined;
          }}
        />
      </HorizontalBarChart>
    </>
  );
}

export function ProviderMixTable({ data, query }: { data: OutcomesResponse; query: OutcomesApiQuery }) {
  const list = providers(data);
  const statuses = presentStatuses(list.map((p) => data.byProvider[p]!));
  return (
    <DataTable
      caption="Processes per provider and status"
      columns={[
        { key: 'provider', label: 'Provider' },
        { key: 'total', label: 'Total', numeric: true },
        ...statusColumns(statuses),
      ]}
      footer={
        <>
          <th scope="row">All providers</th>
          <StatusTotals statuses={statuses} totals={data.totals} total={data.total} />
        </>
      }
    >
      {list.map((p) => {
        const counts = data.byProvider[p]!;
        return (
          <tr key={p}>
            <th scope="row">{providerLabel(p)}</th>
            <NumCell>
              <CountLink
                n={sum(counts)}
                to={drill(query, { provider: [p] })}
                label={`${providerLabel(p)} processes`}
              />
            </NumCell>
            {statuses.map((s) => (
              <NumCell key={s}>
                <CountLink
                  n={counts[s] ?? 0}
                  to={drill(query, { provider: [p], status: [s] })}
                  label={`${statusLabel(s).toLowerCase()} ${providerLabel(p)} processes`}
                />
              </NumCell>
            ))}
          </tr>
        );
      })}
    </DataTable>
  );
}
