import { FINAL_STATUSES } from '@domain/status';
import { paths } from '@web/lib/paths';
import type { OutcomesApiQuery } from './outcomes-search';

// Drill-down from a figure to the processes list behind it. The list's URL format is its own
// (features/processes/lib/list-search.ts: status=a,b&provider=x&processType=&from=YYYY-MM-DD&to=YYYY-MM-DD&q=);
// features do not import each other, so it is written here field for field, in the same order and encoding.

export interface DrillDown {
  status?: readonly string[];
  provider?: readonly string[];
  processType?: string;
  from?: string;
  to?: string;
  country?: string;
  /** The dashboard's time zone, so the list bounds the same local days. */
  tz?: string;
}

export function processesHref(d: DrillDown): string {
  const p = new URLSearchParams();
  if (d.status?.length) p.set('status', d.status.join(','));
  if (d.provider?.length) p.set('provider', d.provider.join(','));
  if (d.processType) p.set('processType', d.processType);
  if (d.country) p.set('country', d.country);
  if (d.from) p.set('from', d.from);
  if (d.to) p.set('to', d.to);
  if (d.tz && d.tz !== 'UTC' && (d.from || d.to)) p.set('tz', d.tz);
  return paths.processes.href(p.toString());
}

/** The dashboard's own filters (period, providers, process type) as a drill-down, narrowed by `more`. */
export function drill(q: OutcomesApiQuery, more: DrillDown = {}): string {
  return processesHref({ provider: q.provider, processType: q.processType, country: q.country, from: q.from, to: q.to, tz: q.tz, ...more });
}

export const FINAL_STATUS_LIST: readonly string[] = [...FINAL_STATUSES];
