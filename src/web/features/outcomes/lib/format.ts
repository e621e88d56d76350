import { formatDuration } from '@web/lib/format';

// Numbers on the dashboard: counts and shares through Intl in the viewer's locale, durations as "2 min 5 s".

const counts = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percents = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const dayLabel = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayYearLabel = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

export const formatCount = (n: number) => counts.format(n);
export const formatCompact = (n: number) => compact.format(n);
export const formatPercent = (share: number | null | undefined) =>
  share == null ? '—' : percents.format(share);
export const formatMs = (ms: number | null | undefined) => (ms == null ? '—' : formatDuration(ms));

/** A calendar day (YYYY-MM-DD, no time zone of its own) as "29 Mar". */
export function formatDay(day: string, withYear = false): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(t)) return day;
  return (withYear ? dayYearLabel : dayLabel).format(t);
}

export function formatRange(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return 'All time';
  if (from && to && from === to) return formatDay(from, true);
  return `${from ? formatDay(from, true) : 'the beginning'} – ${to ? formatDay(to, true) : 'now'}`;
}
