import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BacklogTrend } from '@domain/outcomes';
import { useChartColors } from '../hooks/use-chart-colors';
import { formatCount, formatDay } from '../lib/format';
import { ChartTooltip } from './chart-parts';

/**
 * The backlog per day over the period: waiting and overdue at the day's last hourly record, today's the backlog now.
 * Days without a record are gaps in the lines (not zeros), and are said so.
 */
export function BacklogTrendChart({ trend }: { trend: BacklogTrend }) {
  const colors = useChartColors();
  const recorded = trend.filter((p) => p.waiting !== null);
  const first = recorded[0];
  const last = recorded[recorded.length - 1];
  const gaps = trend.length - recorded.length;
  const series = [
    { key: 'waiting', name: 'Waiting', color: colors.status('inconclusive') },
    { key: 'overdue', name: 'Overdue', color: colors.status('failed') },
  ] as const;
  const summary = !first
    ? 'No record of the backlog in this period.'
    : recorded.length === 1
      ? `Only one day recorded so far (${formatDay(first.day, true)}): ${formatCount(first.waiting ?? 0)} waiting, ${formatCount(first.overdue ?? 0)} overdue.`
      : `Waiting: ${formatCount(first.waiting ?? 0)} (${formatDay(first.day, true)}) → ${formatCount(last!.waiting ?? 0)} (${formatDay(last!.day, true)}). Overdue: ${formatCount(first.overdue ?? 0)} → ${formatCount(last!.overdue ?? 0)}.`;
  return (
    <figure className="oc-backlog-trend" aria-label="Backlog per day over the period">
      <figcaption className="oc-backlog-trend-caption">
        <span className="oc-backlog-trend-title">Trend over the period</span>
        {/* The key only beside lines to read it by. */}
        {recorded.length > 1 &&
          series.map((line) => (
            <span key={line.key} className="oc-backlog-trend-key">
              <svg width="12" height="4" aria-hidden="true">
                <rect width="12" height="3" y="0.5" fill={line.color} />
              </svg>
              {line.name}
            </span>
          ))}
        <span className="oc-backlog-trend-summary">
          {summary}
          {gaps > 0 &&
            ` ${formatCount(gaps)} ${gaps === 1 ? 'day' : 'days'} without a record (the backlog is recorded hourly from the day this version started).`}
        </span>
      </figcaption>
      {/* One point is no trend: the sentence says it, the chart waits for a second day. */}
      {recorded.length > 1 && (
        <ResponsiveContainer width="100%" height={88}>
          <LineChart data={trend} margin={{ top: 6, right: 8, bottom: 0, left: 0 }} className="oc-chart">
            <XAxis
              dataKey="day"
              tickFormatter={(d: string) => formatDay(d)}
              tick={{ fill: colors.muted, fontSize: 11 }}
              stroke={colors.grid}
              minTickGap={24}
            />
            <YAxis
              allowDecimals={false}
              tick={{ fill: colors.muted, fontSize: 11 }}
              stroke={colors.grid}
              width={36}
            />
            <Tooltip
              cursor={{ stroke: colors.grid }}
              content={(p) => <ChartTooltip {...p} title={(d) => formatDay(d, true)} />}
            />
            {series.map((line) => (
              <Line
                key={line.key}
                type="linear"
                dataKey={line.key}
                name={line.name}
                stroke={line.color}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
