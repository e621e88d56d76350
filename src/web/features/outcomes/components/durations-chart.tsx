import { Bar } from 'recharts';
import type { OutcomesResponse } from '@domain/outcomes';
import { providerLabel } from '@domain/providers';
import { useChartColors } from '../hooks/use-chart-colors';
import { formatCount, formatMs } from '../lib/format';
import {
  CountLink,
  DataTable,
  EmptyChart,
  HorizontalBarChart,
  Legend,
  NumCell,
  useOpenBar,
} from './chart-parts';

/** Overall and per provider figures of one duration. */
type Durations = OutcomesResponse['timeToFinal'];

const axisNumber = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** One unit for the whole axis, chosen from the largest value, so ticks read "2 min, 4 min, 6 min". */
function axisUnit(maxMs: number): { label: string; ms: number } {
  if (maxMs < 120_000) return { label: 's', ms: 1000 };
  if (maxMs < 2 * 3_600_000) return { label: 'min', ms: 60_000 };
  if (maxMs < 48 * 3_600_000) return { label: 'h', ms: 3_600_000 };
  return { label: 'd', ms: 86_400_000 };
}

interface Props {
  durations: Durations;
  /** What is measured ("Time to decision"): names the chart and the table. */
  what: string;
  /** A provider's list: with it, the chart's bars and the table's counts open it. */
  href?: (provider: string) => string;
}

/** p50 and p90 per provider as grouped bars; with `href`, a provider's bars open its list. */
export function DurationsChart({ durations, what, href }: Props) {
  const colors = useChartColors();
  const openBar = useOpenBar();
  const withData = durations.byProvider.filter((r) => r.count > 0);
  if (withData.length === 0) return <EmptyChart>Nothing to measure in this period.</EmptyChart>;
  const unit = axisUnit(Math.max(...withData.map((r) => r.p90Ms ?? r.p50Ms ?? 0)));
  const points = withData.map((r) => ({
    provider: r.provider,
    p50: (r.p50Ms ?? 0) / unit.ms,
    p90: (r.p90Ms ?? 0) / unit.ms,
  }));
  const p50 = colors.accent;
  const p90 = colors.muted;
  return (
    <>
      <Legend
        items={[
          { key: 'p50', label: 'Median (p50)', color: p50 },
          { key: 'p90', label: '90th percentile (p90)', color: p90 },
        ]}
      />
      <HorizontalBarChart
        data={points}
        title={`${what} per provider`}
        height={Math.max(150, 46 * points.length + 36)}
        colors={colors}
        category="provider"
        categoryLabel={providerLabel}
        categoryWidth={150}
        valueAxis={{ format: (v) => `${axisNumber.format(v)} ${unit.label}`, allowDecimals: true }}
        tooltip={{
          title: providerLabel,
          format: (v) => formatMs(v * unit.ms),
          hint: href ? 'Click to open these processes' : undefined,
        }}
      >
        {(['p50', 'p90'] as const).map((k) => (
          <Bar
            key={k}
            dataKey={k}
            name={k}
            fill={k === 'p50' ? p50 : p90}
            barSize={12}
            isAnimationActive={false}
            className={href ? 'oc-clickable' : undefined}
            onClick={openBar((i) => {
              const provider = withData[i]?.provider;
              return provider && href ? href(provider) : undefined;
            })}
          />
        ))}
      </HorizontalBarChart>
    </>
  );
}

export function DurationsTable({ durations, what, href }: Props) {
  const { byProvider, overall } = durations;
  return (
    <DataTable
      caption={`${what}: median and 90th percentile per provider`}
      columns={[
        { key: 'provider', label: 'Provider' },
        { key: 'count', label: 'Measured', numeric: true },
        { key: 'p50', label: 'p50', numeric: true },
        { key: 'p90', label: 'p90', numeric: true },
      ]}
      footer={
        <>
          <th scope="row">All providers</th>
          <NumCell>{formatCount(overall.count)}</NumCell>
          <NumCell>{formatMs(overall.p50Ms)}</NumCell>
          <NumCell>{formatMs(overall.p90Ms)}</NumCell>
        </>
      }
    >
      {byProvider.map((r) => (
        <tr key={r.provider}>
          <th scope="row">{providerLabel(r.provider)}</th>
          <NumCell>
            <CountLink
              n={r.count}
              to={href?.(r.provider)}
              label={`final ${providerLabel(r.provider)} processes`}
            />
          </NumCell>
          <NumCell>{formatMs(r.p50Ms)}</NumCell>
          <NumCell>{formatMs(r.p90Ms)}</NumCell>
        </tr>
      ))}
    </DataTable>
  );
}
