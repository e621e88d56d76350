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
  return processesHref({
    provider: q.provider,
    processType: q.processType,
    country: q.country,
    from: q.from,
    to: q.to,
    tz: q.tz,
    ...more,
  });
}

export const FINAL_STATUS_LIST: readonly string[] = [...FINAL_STATUSES];

// Drill-down from a backlog figure to the review queue. The queue reads its filters from the URL
// (state, provider, reason, country, assignee, overdue; several states comma-separated, as GET /api/cases takes them);
// written here for the same reason as the list's format above.

/** The states in which a case waits for a reviewer: what the backlog counts as waiting. */
export const WAITING_STATES = ['needs_review', 'pending_second_review'] as const;

export interface QueueDrillDown {
  state?: readonly string[];
  provider?: string;
  reason?: string;
  country?: string;
  assignee?: string;
  overdue?: boolean;
}

export function reviewQueueHref(d: QueueDrillDown): string {
  const p = new URLSearchParams();
  if (d.state?.length) p.set('state', d.state.join(','));
  if (d.provider) p.set('provider', d.provider);
  if (d.reason) p.set('reason', d.reason);
  if (d.country) p.set('country', d.country);
  if (d.assignee) p.set('assignee', d.assignee);
  if (d.overdue) p.set('overdue', '1');
  const search = p.toString();
  return `${paths.reviewQueue.href()}${search ? `?${search}` : ''}`;
}

/** The waiting cases (both waiting states) narrowed by `more`. */
export const waitingHref = (more: Omit<QueueDrillDown, 'state' | 'overdue'> = {}) =>
  reviewQueueHref({ state: WAITING_STATES, ...more });

/** The overdue cases (only cases needing review have a due time) narrowed by `more`. */
export const overdueHref = (more: Omit<QueueDrillDown, 'state' | 'overdue'> = {}) =>
  reviewQueueHref({ state: ['needs_review'], overdue: true, ...more });
