import { z } from 'zod/mini';
import {
  isCalendarDate,
  OUTCOME_BASES,
  OUTCOME_BUCKETS,
  type OutcomeBasis,
  type OutcomeBucket,
} from '@domain/outcomes';
import { canonicalTimeZone } from '@domain/time-zone';

// The dashboard's view state lives in the URL, parsed by a schema with defaults: invalid values fall back to their
// defaults rather than break a shared link. A preset period is kept as its name (a link to "last 30 days" stays the
// last 30 days); it is resolved to dates in the viewer's time zone when the data is asked for.

export const PERIODS = ['7d', '30d', '90d', 'month', 'all', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

export const PERIOD_LABELS: Record<Period, string> = {
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  month: 'This month',
  all: 'All time',
  custom: 'Custom',
};

const csv = (value: string | null) =>
  value
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];
const date = z.string().check(z.refine(isCalendarDate));
const code = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,50}$/));

export const outcomesSearchSchema = z.object({
  period: z.catch(z.enum(PERIODS), '30d'),
  /** Only with period=custom. */
  from: z.catch(z.optional(date), undefined),
  to: z.catch(z.optional(date), undefined),
  /** Absent: by day up to 31 days, by week beyond. */
  bucket: z.catch(z.optional(z.enum(OUTCOME_BUCKETS)), undefined),
  provider: z.catch(z.array(code), []),
  /** The date team figures follow: the decided process's creation (default) or the decision. */
  basis: z.catch(z.enum(OUTCOME_BASES), 'created'),
  processType: z.catch(z.optional(code), undefined),
  country: z.catch(z.optional(z.string().check(z.regex(/^[A-Za-z0-9<_-]{1,20}$/))), undefined),
  /** Absent: the browser's time zone. */
  tz: z.catch(z.optional(z.string().check(z.refine((v) => canonicalTimeZone(v) !== undefined))), undefined),
});
export type OutcomesSearch = z.infer<typeof outcomesSearchSchema>;

export const DEFAULT_OUTCOMES_SEARCH: OutcomesSearch = outcomesSearchSchema.parse({});

export function parseOutcomesSearch(params: URLSearchParams): OutcomesSearch {
  return outcomesSearchSchema.parse({
    period: params.get('period') ?? undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
    bucket: params.get('bucket') || undefined,
    provider: [...new Set(csv(params.get('provider')))],
    basis: params.get('basis') ?? undefined,
    processType: params.get('processType') || undefined,
    country: params.get('country') || undefined,
    tz: params.get('tz') || undefined,
  });
}

/** Only what differs from the defaults goes into the URL, in a stable order. */
export function toOutcomesParams(s: OutcomesSearch): URLSearchParams {
  const p = new URLSearchParams();
  if (s.period !== DEFAULT_OUTCOMES_SEARCH.period) p.set('period', s.period);
  if (s.period === 'custom' && s.from) p.set('from', s.from);
  if (s.period === 'custom' && s.to) p.set('to', s.to);
  if (s.bucket) p.set('bucket', s.bucket);
  if (s.provider.length) p.set('provider', s.provider.join(','));
  if (s.basis !== 'created') p.set('basis', s.basis);
  if (s.processType) p.set('processType', s.processType);
  if (s.country) p.set('country', s.country);
  if (s.tz) p.set('tz', s.tz);
  return p;
}

export function browserTimeZone(): string {
  return canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone) ?? 'UTC';
}

/** Today's calendar day in `tz`, YYYY-MM-DD. */
export function today(tz: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** What GET /api/outcomes is asked: the period resolved to local days. */
export interface OutcomesApiQuery {
  from?: string;
  to?: string;
  tz: string;
  bucket: OutcomeBucket;
  basis: OutcomeBasis;
  provider: string[];
  processType?: string;
  country?: string;
}

export function resolvePeriod(
  s: OutcomesSearch,
  tz: string,
  now = new Date(),
): { from?: string; to?: string } {
  const t = today(tz, now);
  switch (s.period) {
    case '7d':
      return { from: addDays(t, -6), to: t };
    case '30d':
      return { from: addDays(t, -29), to: t };
    case '90d':
      return { from: addDays(t, -89), to: t };
    case 'month':
      return { from: `${t.slice(0, 8)}01`, to: t };
    case 'all':
      return {};
    case 'custom':
      return s.from && s.to && s.from > s.to ? { from: s.to, to: s.from } : { from: s.from, to: s.to };
  }
}

/**
 * Moving one bound of the period makes it custom; the other bound stays where it is now (a preset's resolved date
 * when coming from a preset).
 */
export function withBound(
  current: OutcomesSearch,
  bound: { from: string | undefined } | { to: string | undefined },
  now = new Date(),
): Partial<OutcomesSearch> {
  const range =
    current.period === 'custom'
      ? { from: current.from, to: current.to }
      : resolvePeriod(current, current.tz ?? browserTimeZone(), now);
  return { period: 'custom', ...range, ...bound };
}

export function toApiQuery(s: OutcomesSearch, now = new Date()): OutcomesApiQuery {
  const tz = s.tz ?? browserTimeZone();
  const { from, to } = resolvePeriod(s, tz, now);
  const long = !from || !to || daysBetween(from, to) > 31;
  return {
    from,
    to,
    tz,
    bucket: s.bucket ?? (long ? 'week' : 'day'),
    basis: s.basis,
    provider: s.provider,
    processType: s.processType,
    country: s.country,
  };
}

/** The query string of GET /api/outcomes and of its CSV exports. */
export function apiQueryString(q: OutcomesApiQuery, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams(extra);
  if (q.from) p.set('from', q.from);
  if (q.to) p.set('to', q.to);
  p.set('tz', q.tz);
  p.set('bucket', q.bucket);
  if (q.basis !== 'created') p.set('basis', q.basis);
  if (q.provider.length) p.set('provider', q.provider.join(','));
  if (q.processType) p.set('processType', q.processType);
  if (q.country) p.set('country', q.country);
  return p.toString();
}
