import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { statusLabel } from '@domain/status';
import type { ChartColors } from '../hooks/use-chart-colors';
import { formatCompact, formatCount } from '../lib/format';

/** Colour swatch plus text: a series is never told by colour alone. */
export function Legend({ items }: { items: Array<{ key: string; label: string; color: string }> }) {
  return (
    <ul className="oc-legend" aria-label="Legend">
      {items.map((i) => (
        <li key={i.key}>
          <svg width="10" height="10" aria-hidden="true" className="oc-swatch">
            <rect width="10" height="10" rx="2" fill={i.color} />
          </svg>
          {i.label}
        </li>
      ))}
    </ul>
  );
}

/** A tooltip styled by the stylesheet (classes only: no inline <style>). */
export function ChartTooltip({
  active,
  payload,
  label,
  title,
  format = formatCount,
  hint,
}: Partial<TooltipContentProps> & {
  title?: (label: string) => string;
  format?: (v: number) => string;
  hint?: string;
}) {
  if (!active || !payload?.length) return null;
  const rows = payload.filter((p) => typeof p.value === 'number' && p.value !== 0);
  return (
    <div className="oc-tooltip">
      <div className="oc-tooltip-title">{title ? title(String(label)) : String(label)}</div>
      {rows.length === 0 ? (
        <div className="muted">None</div>
      ) : (
        <table>
          <tbody>
            {[...rows].reverse().map((p) => (
              <tr key={String(p.dataKey)}>
                <td>
                  <svg width="8" height="8" aria-hidden="true" className="oc-swatch">
                    <rect width="8" height="8" rx="2" fill={String(p.color ?? p.fill ?? 'currentColor')} />
                  </svg>
                  {p.name}
                </td>
                <td className="oc-num">{format(Number(p.value))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hint && <div className="oc-tooltip-hint">{hint}</div>}
    </div>
  );
}

/** A number that opens the matching processes list; zero is plain text (nothing to open), and so is a number
 * without `to` (no list can be filtered to it). */
export function CountLink({
  n,
  to,
  label,
  format = formatCount,
}: {
  n: number;
  to: string | undefined;
  label: string;
  format?: (n: number) => string;
}) {
  if (to === undefined) return format(n);
  if (n === 0) return <span className="oc-zero">{format(n)}</span>;
  return (
    <Link to={to} aria-label={`${format(n)} ${label}`} className="oc-count-link">
      {format(n)}
    </Link>
  );
}

export function EmptyChart({ children }: { children: ReactNode }) {
  return <div className="oc-empty">{children}</div>;
}

type TooltipOptions = {
  title?: (label: string) => string;
  format?: (v: number) => string;
  hint?: string;
};

/** The hover band and the styled tooltip of every bar chart here. */
export function BarTooltip({ colors, ...options }: TooltipOptions & { colors: ChartColors }) {
  return (
    <Tooltip
      cursor={{ fill: colors.grid, fillOpacity: 0.35 }}
      content={(p) => <ChartTooltip {...p} {...options} />}
    />
  );
}

/** A bar's onClick that opens the list for the clicked row; rows without a list (undefined) do nothing. */
export function useOpenBar() {
  const navigate = useNavigate();
  return (hrefOf: (index: number) => string | undefined) => (_: unknown, index: number) => {
    const href = hrefOf(index);
    if (href) navigate(href);
  };
}

/** Counts written at the end of each bar. */
export function CountLabels({ dataKey, colors }: { dataKey: string; colors: ChartColors }) {
  return (
    <LabelList
      dataKey={dataKey}
      position="right"
      fill={colors.text}
      fontSize={12}
      formatter={(v: unknown) => (typeof v === 'number' ? formatCount(v) : '')}
    />
  );
}

/**
 * Horizontal bars (recharts layout "vertical"): one row per category, named on the left; the bars are the children.
 * `valueAxis={false}` drops the value axis and its grid (the bars carry their counts).
 */
export function HorizontalBarChart({
  data,
  title,
  height,
  colors,
  category,
  categoryLabel,
  categoryWidth,
  valueAxis = {},
  marginRight = 12,
  tooltip,
  children,
}: {
  data: ReadonlyArray<unknown>;
  title: string;
  height: number;
  colors: ChartColors;
  /** The data key of the row names. */
  category: string;
  categoryLabel?: (value: string) => string;
  categoryWidth: number;
  valueAxis?: false | { format?: (v: number) => string; allowDecimals?: boolean };
  marginRight?: number;
  tooltip?: TooltipOptions;
  children: ReactNode;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        data={data}
        layout="vertical"
        margin={{ top: valueAxis ? 4 : 0, right: marginRight, bottom: 0, left: 0 }}
        title={title}
        className="oc-chart"
      >
        {valueAxis ? (
          <>
            <CartesianGrid horizontal={false} stroke={colors.grid} />
            <XAxis
              type="number"
              allowDecimals={valueAxis.allowDecimals ?? false}
              tickFormatter={valueAxis.format ?? formatCompact}
              tick={{ fill: colors.muted, fontSize: 12 }}
              stroke={colors.grid}
            />
          </>
        ) : (
          <XAxis type="number" hide allowDecimals={false} />
        )}
        <YAxis
          type="category"
          dataKey={category}
          tickFormatter={categoryLabel}
          tick={{ fill: colors.text, fontSize: 12 }}
          stroke={colors.grid}
          width={categoryWidth}
        />
        <BarTooltip colors={colors} {...tooltip} />
        {children}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** The accessible table behind a chart: a hidden caption, then a heading row; the first column names the rows. */
export function DataTable({
  caption,
  columns,
  className = 'data-table oc-table',
  empty,
  footer,
  children,
}: {
  caption: ReactNode;
  columns: Array<{ key: string; label: ReactNode; numeric?: boolean }>;
  className?: string;
  /** Shown across all columns instead of rows (false: there are rows). */
  empty?: ReactNode;
  /** The cells of a totals row. */
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <table className={className}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" key={c.key} className={c.numeric ? 'oc-num' : undefined}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {empty && (
          <tr>
            <td colSpan={columns.length} className="muted">
              {empty}
            </td>
          </tr>
        )}
        {children}
      </tbody>
      {footer && (
        <tfoot>
          <tr>{footer}</tr>
        </tfoot>
      )}
    </table>
  );
}

/** The legend of a chart stacked by status. */
export function StatusLegend({ statuses, colors }: { statuses: readonly string[]; colors: ChartColors }) {
  return <Legend items={statuses.map((s) => ({ key: s, label: statusLabel(s), color: colors.status(s) }))} />;
}

/** One stacked bar per status; a segment opens the list of that status for its row (`hrefOf`). */
export function StatusBars({
  statuses,
  colors,
  barSize,
  hrefOf,
}: {
  statuses: readonly string[];
  colors: ChartColors;
  barSize?: number;
  hrefOf: (status: string, index: number) => string | undefined;
}) {
  const openBar = useOpenBar();
  return statuses.map((s) => (
    <Bar
      key={s}
      dataKey={s}
      name={statusLabel(s)}
      stackId="status"
      fill={colors.status(s)}
      barSize={barSize}
      isAnimationActive={false}
      className="oc-clickable"
      onClick={openBar((i) => hrefOf(s, i))}
    />
  ));
}

/** A right-aligned number cell. */
export function NumCell({ children }: { children: ReactNode }) {
  return <td className="oc-num">{children}</td>;
}

/** One numeric column per status, headed by its label. */
export const statusColumns = (statuses: readonly string[]) =>
  statuses.map((s) => ({ key: s, label: statusLabel(s), numeric: true }));

/** The totals row's cells: the grand total, then one per status. */
export function StatusTotals({
  statuses,
  totals,
  total,
}: {
  statuses: readonly string[];
  totals: Record<string, number>;
  total: number;
}) {
  return (
    <>
      <NumCell>{formatCount(total)}</NumCell>
      {statuses.map((s) => (
        <NumCell key={s}>{formatCount(totals[s] ?? 0)}</NumCell>
      ))}
    </>
  );
}
