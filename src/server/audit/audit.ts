import { createHash } from 'node:crypto';
import { asc, desc, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditEvents } from '../db/schema';

// Append-only, hash-chained audit log. The database refuses UPDATE/DELETE (migration 0001); each entry's hash
// covers its content and the previous entry's hash, so an edit anywhere breaks the chain from there on.

export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);
/** Serialises appends so the chain has one order, across instances sharing the database. */
const CHAIN_LOCK = 727_002;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function entryHash(prevHash: string, e: { at: Date; actor: string; action: string; target: string | null; requestId: string | null; details: unknown }) {
  const body = canonical({
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    target: e.target,
    requestId: e.requestId,
    details: e.details,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Appends an entry inside `tx` (so it commits or rolls back with the action it records). */
export async function appendAudit(tx: Db | Tx, entry: AuditEntry) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS;
  // Millisecond precision, so the hash computed now equals the one recomputed from the stored row.
  const at = new Date(Math.floor(Date.now()));
  const row = {
    at,
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? null,
    requestId: entry.requestId ?? null,
    details: entry.details ?? {},
  };
  const [inserted] = await tx
    .insert(auditEvents)
    .values({ ...row, prevHash, hash: entryHash(prevHash, row) })
    .returning();
  return inserted!;
}

/** Appends in its own transaction. */
export function audit(db: Db, entry: AuditEntry) {
  return db.transaction((tx) => appendAudit(tx, entry));
}

/**
 * Walks the chain — the whole of it, or from a head verified before (`from`, whose stored hash must still be the one
 * recorded then) — and returns the first entry whose hash does not match, if any, and the head reached.
 */
export async function verifyAuditChain(
  db: Db,
  from?: { headId: number; headHash: string },
): Promise<{ ok: boolean; checked: number; brokenAt?: number; headId: number; headHash: string }> {
  let prevHash = GENESIS;
  let checked = 0;
  let afterId = 0;
  if (from && from.headId > 0) {
    const [head] = await db.select({ hash: auditEvents.hash }).from(auditEvents).where(sql`${auditEvents.id} = ${from.headId}`);
    if (head?.hash !== from.headHash) return { ok: false, checked, brokenAt: from.headId, headId: from.headId, headHash: from.headHash };
    prevHash = from.headHash;
    afterId = from.headId;
  }
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.id} > ${afterId}`)
      .orderBy(asc(auditEvents.id))
      .limit(1000);
    if (rows.length === 0) return { ok: true, checked, headId: afterId, headHash: prevHash };
    for (const r of rows) {
      if (r.prevHash !== prevHash || entryHash(prevHash, r) !== r.hash) return { ok: false, checked, brokenAt: r.id, headId: afterId, headHash: prevHash };
      prevHash = r.hash;
      checked++;
      afterId = r.id;
    }
  }
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
  if (f.targets?.length) where.push(sql`${auditEvents.target} IN (${sql.join(f.targets.map((t) => sql`${t}`), sql`, `)})`);
  if (f.actor) where.push(sql`${auditEvents.actor} = ${f.actor}`);
  if (f.action) where.push(f.action.endsWith('.*') ? sql`${auditEvents.action} LIKE ${f.action.slice(0, -1) + '%'}` : sql`${auditEvents.action} = ${f.action}`);
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
