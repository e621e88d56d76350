import { API, type AuditQuery } from '@domain/contracts';
import type { AuditCheckpoint } from '@domain/review';
import { listAudit } from '../db/audit';
import { latestAuditCheckpoints } from '../db/audit-checkpoints';
import { audit } from '../audit/audit';
import { csvResponse } from '../lib/csv';
import type { Routes } from '../auth/guard';
import type { AppDeps } from '../context';

export const auditJson = (e: Awaited<ReturnType<typeof listAudit>>[number]) => ({
  id: e.id,
  at: e.at.toISOString(),
  actor: e.actor,
  action: e.action,
  target: e.target,
  requestId: e.requestId,
  details: e.details as Record<string, unknown>,
});

const filters = (q: AuditQuery) => ({
  target: q.target,
  actor: q.actor,
  action: q.action,
  from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
  to: q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000) : undefined,
});

export function auditRoutes(r: Routes, { database }: AppDeps) {
  // The latest periodic verification of the chain, for "Chain verified up to <time>".
  r.on(API.auditCheckpoint, async () => {
    const { verified, broken } = await latestAuditCheckpoints(database.db);
    const body: AuditCheckpoint = {
      verified: verified
        ? {
            at: verified.at.toISOString(),
            headId: verified.headId,
            headHash: verified.headHash,
            entries: verified.entries,
          }
        : null,
      broken: broken ? { at: broken.at.toISOString(), brokenAt: broken.brokenAt } : null,
    };
    return body;
  });

  r.on(API.audit, async (_c, { query: q }) => {
    const rows = await listAudit(database.db, { ...filters(q), beforeId: q.cursor, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    return {
      items: page.map(auditJson),
      nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null,
    };
  });

  // The filtered audit log as CSV, streamed page by page; the export itself is an audit event.
  r.on(API.auditExport, async (c, { user, query: q }) => {
    const db = database.db;
    async function* pages() {
      let beforeId: number | undefined;
      for (;;) {
        const rows = await listAudit(db, { ...filters(q), beforeId, limit: 1000 });
        if (rows.length === 0) return;
        yield rows.map((e) => [
          e.id,
          e.at,
          e.actor,
          e.action,
          e.target,
          e.requestId,
          JSON.stringify(e.details),
        ]);
        beforeId = rows[rows.length - 1]!.id;
      }
    }
    // Recorded before the first byte leaves, so an export stopped half-way is on record too.
    await audit(db, {
      actor: user.username,
      action: 'export.csv',
      target: null,
      requestId: c.get('requestId'),
      details: { export: 'audit', filters: q },
    });
    return csvResponse(
      'audit.csv',
      ['id', 'at', 'actor', 'action', 'target', 'requestId', 'details'],
      pages(),
    );
  });
}
