import { createHash } from 'node:crypto';
import { auditEventsAfter, auditHashOf, insertAuditEvent, lastAuditHash, lockAuditChain } from '../db/audit';
import type { Db, Tx } from '../db/client';

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

function entryHash(
  prevHash: string,
  e: {
    at: Date;
    actor: string;
    action: string;
    target: string | null;
    requestId: string | null;
    details: unknown;
  },
) {
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

/** Appends an entry inside `tx` (so it commits or rolls back with the action it records). */
export async function appendAudit(tx: Db | Tx, entry: AuditEntry) {
  await lockAuditChain(tx);
  const prevHash = (await lastAuditHash(tx)) ?? GENESIS;
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
  return insertAuditEvent(tx, { ...row, prevHash, hash: entryHash(prevHash, row) });
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
    if ((await auditHashOf(db, from.headId)) !== from.headHash)
      return { ok: false, checked, brokenAt: from.headId, headId: from.headId, headHash: from.headHash };
    prevHash = from.headHash;
    afterId = from.headId;
  }
  for (;;) {
    const rows = await auditEventsAfter(db, afterId, 1000);
    if (rows.length === 0) return { ok: true, checked, headId: afterId, headHash: prevHash };
    for (const r of rows) {
      if (r.prevHash !== prevHash || entryHash(prevHash, r) !== r.hash)
        return { ok: false, checked, brokenAt: r.id, headId: afterId, headHash: prevHash };
      prevHash = r.hash;
      checked++;
      afterId = r.id;
    }
  }
}
