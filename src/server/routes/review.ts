import { explainProcess } from '@domain/explain';
import { REVIEW_SLA_SETTING } from '@domain/cases';
import { MASK } from '@domain/pii';
import { can } from '@domain/policy';
import { decisionRequestSchema, reasonCodeCreateSchema, settingsSchema } from '@domain/review';
import { appendAudit, audit } from '../audit/audit';
import { requirePermission, type PolicyRoutes } from '../auth/guard';
import type { AppDeps, CurrentUser } from '../context';
import { reviewSlaHours } from '../db/cases';
import { findProcess, type ProcessRow } from '../db/processes';
import {
  activeClaim,
  addReasonCode,
  getSetting,
  insertDecision,
  listReasonCodes,
  putSetting,
  reasonCodeExists,
  releaseClaim,
  reviewQueue,
  takeClaim,
  type ClaimRow,
  type DecisionRow,
} from '../db/review';
import { badRequest, conflict, notFound } from '../lib/errors';
import { jsonBody, parseOr400, pathParam } from '../lib/query';
import { DEFAULT_RETRY_LIMIT, startRetry } from '../review/retries';
import { maskProcess, scrubDerived } from './mask-process';
import { toListItem } from './serialize';

export const CLAIM_TTL_MS = 15 * 60_000;

export const claimJson = (c: ClaimRow, user: CurrentUser) => ({
  processId: c.processId,
  username: c.username,
  claimedAt: c.claimedAt.toISOString(),
  expiresAt: c.expiresAt.toISOString(),
  mine: c.userId === user.id,
});

/** Free text (notes, reveal reasons) may quote personal data: roles without personal-data rights do not get it. */
export const freeText = (text: string, role: string) => (text && !can(role, 'processes:pii') ? MASK : text);

export const decisionJson = (d: DecisionRow, role: string) => ({
  id: d.id,
  processId: d.processId,
  outcome: d.outcome as 'approve' | 'reject' | 'retry',
  reasonCode: d.reasonCode,
  note: freeText(d.note, role),
  actor: d.actor,
  decidedAt: d.decidedAt.toISOString(),
});

export function reviewRoutes(r: PolicyRoutes, deps: AppDeps) {
  const db = deps.database.db;

  const reviewable = async (processId: string): Promise<ProcessRow> => {
    const row = await findProcess(db, processId);
    if (!row) throw notFound('No process with that id is known to Assure Desk.');
    return row;
  };

  r.post('/api/processes/:processId/claim', async (c) => {
    const user = requirePermission(c);
    const row = await reviewable(pathParam(c, 'processId'));
    if (row.status !== 'inconclusive') throw conflict(`Only inconclusive processes are reviewed; this one is ${row.status}.`, 'not_reviewable');
    const result = await takeClaim(db, row.processId, user, CLAIM_TTL_MS);
    if (!result.won) {
      throw conflict(`${result.claim.username} is working on this case (claimed until ${result.claim.expiresAt.toISOString()}).`, 'claimed');
    }
    await audit(db, { actor: user.username, action: 'review.claim', target: row.processId, requestId: c.get('requestId') });
    return c.json(claimJson(result.claim, user));
  });

  r.delete('/api/processes/:processId/claim', async (c) => {
    const user = requirePermission(c);
    const processId = pathParam(c, 'processId');
    if (await releaseClaim(db, processId, user.id)) {
      await audit(db, { actor: user.username, action: 'review.release', target: processId, requestId: c.get('requestId') });
    }
    return c.body(null, 204);
  });

  r.post('/api/processes/:processId/decisions', async (c) => {
    const user = requirePermission(c);
    const input = parseOr400(decisionRequestSchema, await jsonBody(c));
    const row = await reviewable(pathParam(c, 'processId'));
    if (row.status !== 'inconclusive') throw conflict(`Only inconclusive processes are decided; this one is ${row.status}.`, 'not_reviewable');
    if (input.reasonCode && !(await reasonCodeExists(db, input.reasonCode))) throw badRequest(`Unknown reason code "${input.reasonCode}".`, 'validation_failed');
    if (input.basedOnUpdatedAt && Date.parse(input.basedOnUpdatedAt) !== row.updatedAt.getTime()) {
      throw conflict(
        `The process changed in Assure since you opened it (now updated ${row.updatedAt.toISOString()}). Reload it and review again.`,
        'changed_upstream',
      );
    }
    const claim = await activeClaim(db, row.processId);
    if (claim && claim.userId !== user.id) throw conflict(`${claim.username} is working on this case.`, 'claimed');

    const decision = await db.transaction(async (tx) => {
      const d = await insertDecision(tx, {
        processId: row.processId,
        dossierId: row.dossierId,
        outcome: input.outcome,
        reasonCode: input.reasonCode ?? null,
        note: input.note,
        actor: user.username,
        basedOnUpdatedAt: input.basedOnUpdatedAt ? new Date(input.basedOnUpdatedAt) : null,
      });
      if (!d) return undefined;
      await appendAudit(tx, {
        actor: user.username,
        action: 'review.decision',
        target: row.processId,
        requestId: c.get('requestId'),
        details: { outcome: d.outcome, reasonCode: d.reasonCode, note: d.note, upstreamStatus: row.status },
      });
      return d;
    });
    if (!decision) throw conflict('This process already has a decision.', 'already_decided');
    await releaseClaim(db, row.processId, user.id);

    let retry: { processId: string | null; url: string | null } | null = null;
    let retryError: string | undefined;
    if (decision.outcome === 'retry') {
      try {
        retry = await startRetry(deps, {
          dossierId: row.dossierId,
          key: `decision:${decision.id}`,
          actor: user.username,
          sourceProcessId: row.processId,
          requestId: c.get('requestId'),
          redirectUrl: new URL('/capture-complete', deps.config.publicUrl ?? c.req.url).toString(),
        });
      } catch (err) {
        retryError = err instanceof Error ? err.message : 'The retry could not be started.';
      }
    }
    return c.json({ ...decisionJson(decision, user.role), retry, ...(retryError ? { retryError } : {}) }, 201);
  });

  r.get('/api/review-queue', async (c) => {
    const user = requirePermission(c);
    const { rows, total } = await reviewQueue(db, 200);
    return c.json({
      total,
      items: rows.map(({ process, claim }) => ({
        ...toListItem(process, user),
        reason: scrubDerived(explainProcess(process.raw).summary, user.role, maskProcess(process.raw, user.role).hidden),
        claim: claim ? claimJson(claim, user) : null,
      })),
    });
  });

  r.get('/api/reason-codes', async (c) => {
    const rows = await listReasonCodes(db);
    return c.json({ items: rows.map((r) => ({ code: r.code, label: r.label, active: r.active })) });
  });

  r.post('/api/reason-codes', async (c) => {
    const user = requirePermission(c);
    const input = parseOr400(reasonCodeCreateSchema, await jsonBody(c));
    const row = await addReasonCode(db, input.code, input.label);
    if (!row) throw conflict(`The reason code "${input.code}" exists already.`);
    await audit(db, { actor: user.username, action: 'settings.reason_code_added', requestId: c.get('requestId'), details: input });
    return c.json({ code: row.code, label: row.label, active: row.active }, 201);
  });

  r.get('/api/settings', async (c) =>
    c.json({ retryLimit: await getSetting(db, 'retryLimit', DEFAULT_RETRY_LIMIT), reviewSlaHours: await reviewSlaHours(db) }),
  );

  r.put('/api/settings', async (c) => {
    const user = requirePermission(c);
    const input = parseOr400(settingsSchema, await jsonBody(c));
    await putSetting(db, 'retryLimit', input.retryLimit);
    if (input.reviewSlaHours !== undefined) await putSetting(db, REVIEW_SLA_SETTING, input.reviewSlaHours);
    await audit(db, { actor: user.username, action: 'settings.update', requestId: c.get('requestId'), details: input });
    return c.json(input);
  });
}
