import { and, eq, sql } from 'drizzle-orm';
import { query, type Db } from './client';
import { jobRuns, notificationOutbox } from './schema';

// The outbox of notifications going out (e-mail, webhook). A message is stored before anything is sent, once per
// (dedupe key, channel): a second enqueue for the same alert episode — a rerun, another instance — is a no-op.
// Delivery claims due rows with a conditional update (SKIP LOCKED), so instances never send one row twice at once.

/** A transaction of `Db`: a message stored with what it tells of. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type OutboxRow = typeof notificationOutbox.$inferSelect;

/** Stores a message for each channel; returns how many were new. */
export async function enqueueNotification(
  db: Db | Tx,
  m: { dedupeKey: string; event: string; payload: unknown; channels: string[] },
): Promise<number> {
  if (!m.channels.length) return 0;
  const rows = await db
    .insert(notificationOutbox)
    .values(
      m.channels.map((channel) => ({ dedupeKey: m.dedupeKey, channel, event: m.event, payload: m.payload })),
    )
    .onConflictDoNothing({ target: [notificationOutbox.dedupeKey, notificationOutbox.channel] })
    .returning({ id: notificationOutbox.id });
  return rows.length;
}

/** Takes up to `limit` due messages, pushing their next attempt `claimS` ahead while this instance sends them. */
export async function claimDueNotifications(db: Db, limit: number, claimS = 120): Promise<OutboxRow[]> {
  const rows = await query<Record<string, unknown>>(
    db,
    sql`UPDATE notification_outbox SET next_attempt_at = now() + make_interval(secs => ${claimS}), attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM notification_outbox
          WHERE delivered_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= now()
          ORDER BY next_attempt_at, id LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING id`,
  );
  if (!rows.length) return [];
  const ids = rows.map((r) => Number(r.id));
  const all = await db
    .select()
    .from(notificationOutbox)
    .where(
      sql`${notificationOutbox.id} IN (${sql.join(
        ids.map((i) => sql`${i}`),
        sql`, `,
      )})`,
    );
  return all.sort((a, b) => a.id - b.id);
}

export async function markDelivered(db: Db, id: number) {
  await db
    .update(notificationOutbox)
    .set({ deliveredAt: new Date(), lastError: null })
    .where(eq(notificationOutbox.id, id));
}

/** A failed attempt: try again after `retryInMs`, or give up. */
export async function markFailed(
  db: Db,
  id: number,
  error: string,
  retry: { retryInMs: number } | 'give-up',
) {
  await db
    .update(notificationOutbox)
    .set(
      retry === 'give-up'
        ? { gaveUpAt: new Date(), lastError: error.slice(0, 500) }
        : { nextAttemptAt: new Date(Date.now() + retry.retryInMs), lastError: error.slice(0, 500) },
    )
    .where(and(eq(notificationOutbox.id, id)));
}

export async function outboxRows(db: Db): Promise<OutboxRow[]> {
  return db.select().from(notificationOutbox).orderBy(notificationOutbox.id);
}

/** When the named job last did its work (job_runs), or null. */
export async function lastJobRun(db: Db | Tx, name: string): Promise<Date | null> {
  const [row] = await db.select({ ranAt: jobRuns.ranAt }).from(jobRuns).where(eq(jobRuns.name, name));
  return row?.ranAt ?? null;
}

export async function recordJobRun(
  db: Db | Tx,
  name: string,
  at: Date,
  details: Record<string, unknown> = {},
) {
  await db
    .insert(jobRuns)
    .values({ name, ranAt: at, details })
    .onConflictDoUpdate({ target: jobRuns.name, set: { ranAt: at, details } });
}
