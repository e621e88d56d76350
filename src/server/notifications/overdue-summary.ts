import type { Backlog } from '@domain/outcomes';
import { providerLabel } from '@domain/providers';
import { backlogNow } from '../db/backlog';
import { reviewSlaHours } from '../db/cases';
import type { Db } from '../db/client';
import { lastJobRun, recordJobRun } from '../db/notifications';
import type { NotificationMessage, Notifier } from './notifier';

// The overdue-SLA summary (issue #19): while cases wait longer than the review SLA, a summary goes out at most once
// per configured period — counts per provider and reason, the oldest waiting time, and a link into the review queue
// filtered to the overdue cases. Counts only: no name, document, process or dossier id.
//
// Run on a schedule under a lease (one instance at a time, see server.ts). "At most once per period" is kept twice
// over: the time of the last summary is stored (job_runs) and checked before sending, and the outbox's dedupe key is
// the period's slot, so even two instances that both got past the check store a single message.

export const OVERDUE_SUMMARY_JOB = 'sla-overdue-summary';
/** How often the job looks at the backlog; the period (NOTIFY_SLA_OVERDUE_PERIOD_MIN) limits what goes out. */
export const OVERDUE_CHECK_INTERVAL_S = 300;
/** Where a summary leads: the review queue, overdue cases only. */
export const OVERDUE_QUEUE_PATH = '/review?overdue=1';

export interface OverdueSummaryRun {
  overdue: number;
  /** The summary's dedupe key when one was stored now; null when none was due. */
  sent: string | null;
}

export async function runOverdueSummary(
  db: Db,
  notifier: Pick<Notifier, 'notify' | 'channels'>,
  opts: { periodMinutes: number; publicUrl?: string; now?: Date },
): Promise<OverdueSummaryRun> {
  // Nowhere to send it: nothing to do (and no period used up before a channel is configured).
  if (notifier.channels('sla.overdue').length === 0) return { overdue: 0, sent: null };
  const now = opts.now ?? new Date();
  const periodMs = opts.periodMinutes * 60_000;
  const sla = await reviewSlaHours(db);
  const backlog = await backlogNow(db, sla, now);
  if (backlog.overdue === 0) return { overdue: 0, sent: null };
  const last = await lastJobRun(db, OVERDUE_SUMMARY_JOB);
  if (last && now.getTime() - last.getTime() < periodMs) return { overdue: backlog.overdue, sent: null };
  const key = `sla.overdue:${new Date(Math.floor(now.getTime() / periodMs) * periodMs).toISOString()}`;
  await db.transaction(async (tx) => {
    await notifier.notify(
      'sla.overdue',
      key,
      overdueMessage(backlog, { publicUrl: opts.publicUrl, now }),
      tx,
    );
    await recordJobRun(tx, OVERDUE_SUMMARY_JOB, now, { overdue: backlog.overdue });
  });
  return { overdue: backlog.overdue, sent: key };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function waited(since: string | null, now: Date): string | null {
  if (!since) return null;
  const hours = Math.floor((now.getTime() - Date.parse(since)) / 3600_000);
  return hours >= 48 ? `${Math.floor(hours / 24)} days` : plural(hours, 'hour');
}

/** The summary: counts per provider and reason, and a link into the queue. */
export function overdueMessage(b: Backlog, opts: { publicUrl?: string; now: Date }): NotificationMessage {
  const link = `${opts.publicUrl ?? ''}${OVERDUE_QUEUE_PATH}`;
  const providers = Object.entries(b.byProvider)
    .filter(([, v]) => v.overdue > 0)
    .sort(([a, x], [c, y]) => y.overdue - x.overdue || a.localeCompare(c))
    .map(([provider, v]) => ({ provider, overdue: v.overdue, waiting: v.waiting }));
  const reasons = b.byReason
    .filter((r) => r.overdue > 0)
    .map((r) => ({ reason: r.reason, label: r.label, overdue: r.overdue }));
  const oldest = waited(b.oldestWaitingSince, opts.now);
  const lines = [
    `${plural(b.overdue, 'case')} waited longer than the ${b.slaHours} h review SLA, of ${b.waiting} waiting for a reviewer (${b.unassigned} unassigned).`,
    ...(oldest ? [`The oldest has waited ${oldest}.`] : []),
    ...(providers.length
      ? [`By provider: ${providers.map((p) => `${providerLabel(p.provider)} ${p.overdue}`).join(', ')}.`]
      : []),
    ...(reasons.length
      ? [`Why they wait: ${reasons.map((r) => `${r.label ?? r.reason ?? 'other'} ${r.overdue}`).join(', ')}.`]
      : []),
    `Open the overdue cases: ${link}`,
  ];
  return {
    subject: `Review SLA: ${plural(b.overdue, 'case')} overdue`,
    text: lines.join('\n'),
    data: {
      overdue: b.overdue,
      waiting: b.waiting,
      unassigned: b.unassigned,
      slaHours: b.slaHours,
      oldestWaitingSince: b.oldestWaitingSince,
      byProvider: providers,
      byReason: reasons,
      link,
    },
  };
}
