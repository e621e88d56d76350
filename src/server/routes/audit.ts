import { z } from 'zod';
import type { AuditCheckpoint } from '@domain/review';
import { latestAuditCheckpoints } from '../db/audit-checkpoints';
import { audit, listAudit } from '../audit/audit';
import { requirePermission } from '../auth/guard';
import { csvResponse } from '../lib/csv';
import type { PolicyRoutes } from '../auth/guard';
import type { AppDeps } from '../context';
import { parseOr400 } from '../lib/query';

const day = /^\d{4}-\d{2}-\d{2}$/;
const querySchema = z.object({
  target: z.string().max(200).optional(),
  actor: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  from: z.string().regex(day, 'from must be YYYY-MM-DD').optional(),
  to: z.string().regex(day, 'to must be YYYY-MM-DD').optional(),
  cursor: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const auditJson = (e: Awaited<ReturnType<typeof listAudit>>[number]) => ({
  id: e.id,
  at: e.at.toISOString(),
  actor: e.actor,
  action: e.action,
  target: e.target,
  requestId: e.requestId,
  details: e.details as Record<string, unknown>,
});

const filters = (q: z.infer<typeof querySchema>) => ({
  target: q.target,
  actor: q.actor,
  action: q.action,
  from: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
  to: q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000) : undefined,
});

export function auditRoutes(r: PolicyRoutes, { database }: AppDeps) {
  // The latest periodic verification of the chain, for "Chain verified up to <time>".
  r.get('/api/audit/checkpoint', async (c) => {
    const { verified, broken } = await latestAuditCheckpoints(database.db);
    const body: AuditCheckpoint = {
      verified: verified ? { at: verified.at.toISOString(), headId: verified.headId, headHash: verified.headHash, entries: verified.entries } : null,
      broken: broken ? { at: broken.at.toISOString(), brokenAt: broken.brokenAt } : null,
    };
    return c.json(body);
  });

  r.get('/api/audit', async (c) => {
    const q = parseOr400(querySchema, c.req.query());
    const rows = await listAudit(database.db, { ...filters(q), beforeId: q.cursor, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    return c.json({ items: page.map(auditJson), nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null });
  });

  // The filtered audit log as CSV, streamed page by page; the export itself is an audit event.
  r.get('/api/audit/export', async (c) => {
    const user = requirePermission(c);
    const q = parseOr400(querySchema, c.req.query());
    const db = database.db;
    async function* pages() {
      let beforeId: number | undefined;
      for (;;) {
        const rows = await listAudit(db, { ...filters(q), beforeId, limit: 1000 });
        if (rows.length === 0) return;
        yield rows.map((e) => [e.id, e.at, e.actor, e.action, e.target, e.requestId, JSON.stringify(e.details)]);
        beforeId = rows[rows.length - 1]!.id;
      }
    }
    // Recorded before the first byte leaves, so an export stopped half-way is on record too.
    await audit(db, { actor: user.username, action: 'export.csv', target: null, requestId: c.get('requestId'), details: { export: 'audit', filters: q } });
    return csvResponse('audit.csv', ['id', 'at', 'actor', 'action', 'target', 'requestId', 'details'], pages());
  });
}

