import { asc, desc, sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { auditEvents } from './schema';

// The append-only audit log's rows (src/server/audit/audit.ts computes and checks the hash chain).

export type AuditEventRow = typeof auditEvents.$inferSelect;

/** Serialises appends so the chain has one order, across instances sharing the database. */
const CHAIN_LOCK = 727_002;

/** Takes the chain's lock until `tx` ends. */
export async function lockAuditChain(tx: Db | Tx) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
}

/** The hash of the latest entry, if any. */
export async function lastAuditHash(tx: Db | Tx): Promise<string | undefined> {
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return last?.hash;
}

export async function insertAuditEvent(
  tx: Db | Tx,
  row: typeof auditEvents.$inferInsert,
): Promise<AuditEventRow> {
  const [inserted] = await tx.insert(auditEvents).values(row).returning();
  return inserted!;
}

/** The stored hash of entry `id`, if it exists. */
export async function auditHashOf(db: Db, id: number): Promise<string | undefined> {
  const [head] = await db
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .where(sql`${auditEvents.id} = ${id}`);
  return head?.hash;
}

/** The next `limit` entries after `afterId`, oldest first. */
export async function auditEventsAfter(db: Db, afterId: number, limit: number): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(sql`${auditEvents.id} > ${afterId}`)
    .orderBy(asc(auditEvents.id))
    .limit(limit);
}

export interface AuditFilters {
  target?: string;
  targets?: string[];
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** Entries with an id below this one (newest first paging). */
  beforeId?: number;
  limit: number;
  order?: 'asc' | 'desc';
}

export async function listAudit(db: Db, f: AuditFilters) {
  const where = [];
  if (f.target) where.push(sql`${auditEvents.target} = ${f.target}`);
  if (f.targets?.length)
    where.push(
      sql`${auditEvents.target} IN (${sql.join(
        f.targets.map((t) => sql`${t}`),
        sql`, `,
      )})`,
    );
  if (f.actor) where.push(sql`${auditEvents.actor} = ${f.actor}`);
  if (f.action)
    where.push(
      f.action.endsWith('.*')
        ? sql`${auditEvents.action} LIKE ${f.action.slice(0, -1) + '%'}`
        : sql`${auditEvents.action} = ${f.action}`,
    );
  if (f.from) where.push(sql`${auditEvents.at} >= ${f.from}`);
  if (f.to) where.push(sql`${auditEvents.at} < ${f.to}`);
  if (f.beforeId) where.push(sql`${auditEvents.id} < ${f.beforeId}`);
  return db
    .select()
    .from(auditEvents)
    .where(where.length ? sql.join(where, sql` AND `) : undefined)
    .orderBy(f.order === 'asc' ? asc(auditEvents.id) : desc(auditEvents.id))
    .limit(f.limit);
}
