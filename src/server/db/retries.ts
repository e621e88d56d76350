import { and, eq, inArray, sql } from 'drizzle-orm';
import { refreshCase } from './cases';
import type { Db } from './client';
import { retries } from './schema';

export type RetryRow = typeof retries.$inferSelect;

/**
 * pending: the upstream call is under way; created: Assure confirmed it; unknown: Assure's answer was lost (a
 * timeout may hide a success), to be reconciled before the key is used again. All three count against the limit.
 */
const COUNTED_STATES = ['pending', 'created', 'unknown'];

export async function findRetryByKey(db: Db, key: string): Promise<RetryRow | undefined> {
  const [row] = await db.select().from(retries).where(eq(retries.idempotencyKey, key));
  return row;
}

export async function countRetries(db: Db, dossierId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(retries)
    .where(and(eq(retries.dossierId, dossierId), inArray(retries.state, COUNTED_STATES)));
  return row?.n ?? 0;
}

/**
 * Reserves a retry slot under a per-dossier lock: refuses past the limit, and returns the existing row when the
 * idempotency key was used before. Exactly one caller per key gets `reserved`.
 */
export async function reserveRetry(
  db: Db,
  r: {
    dossierId: string;
    key: string;
    actor: string;
    provider: string;
    processType: string | null;
    sourceProcessId: string | null;
  },
  limit: number,
): Promise<
  { kind: 'reserved'; row: RetryRow } | { kind: 'exists'; row: RetryRow } | { kind: 'limit'; used: number }
> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${'retry:' + r.dossierId}))`);
    const [existing] = await tx.select().from(retries).where(eq(retries.idempotencyKey, r.key));
    if (existing) return { kind: 'exists' as const, row: existing };
    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(retries)
      .where(and(eq(retries.dossierId, r.dossierId), inArray(retries.state, COUNTED_STATES)))) as [
      { n: number },
    ];
    if (n >= limit) return { kind: 'limit' as const, used: n };
    const [row] = await tx
      .insert(retries)
      .values({
        dossierId: r.dossierId,
        idempotencyKey: r.key,
        actor: r.actor,
        provider: r.provider,
        processType: r.processType,
        state: 'pending',
        sourceProcessId: r.sourceProcessId,
      })
      .returning();
    await refreshCase(tx, r.dossierId);
    return { kind: 'reserved' as const, row: row! };
  });
}

export async function completeRetry(db: Db, id: number, processId: string, url: string | null) {
  const [row] = await db
    .update(retries)
    .set({ state: 'created', processId, url })
    .where(eq(retries.id, id))
    .returning({ dossierId: retries.dossierId });
  if (row) await refreshCase(db, row.dossierId);
}

export async function markRetryUnknown(db: Db, id: number) {
  await db.update(retries).set({ state: 'unknown' }).where(eq(retries.id, id));
}

/** Process ids already claimed by a retry of this dossier. */
export async function claimedRetryProcessIds(db: Db, dossierId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: retries.processId })
    .from(retries)
    .where(eq(retries.dossierId, dossierId));
  return new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
}

/** Frees the slot and the key after the upstream call surely failed, so the same request can be tried again. */
export async function dropRetry(db: Db, id: number) {
  const [row] = await db
    .delete(retries)
    .where(eq(retries.id, id))
    .returning({ dossierId: retries.dossierId });
  if (row) await refreshCase(db, row.dossierId);
}
