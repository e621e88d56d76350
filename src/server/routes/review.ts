import { API } from '@domain/contracts';
import { explainProcess } from '@domain/explain';
import { REVIEW_SLA_SETTING } from '@domain/cases';
import { MASK } from '@domain/pii';
import { can } from '@domain/policy';
import type { DecisionOutcome } from '@domain/review';
import { appendAudit, audit } from '../audit/audit';
import type { Routes } from '../auth/guard';
import type { AppDeps, CurrentUser } from '../context';
import { reviewSlaHours } from '../db/cases';
import { findProcess, type ProcessRow } from '../db/processes';
import {
  addReasonCode,
  confirmDecision,
  findDecision,
  listReasonCodes,
  releaseClaim,
  returnDecision,
  updateReasonCode,
  reviewQueue,
  takeClaim,
  type ClaimRow,
  type DecisionRow,
  type ReasonCodeRow,
} from '../db/review';
import { getSetting, putSetting } from '../db/settings';
import { conflict, HttpError, notFound } from '../lib/errors';
import { DEFAULT_RETRY_LIMIT } from '../review/retries';
import { maskProcess, scrubDerived } from '@domain/mask-process';
import { toListItem } from './serialize';
import { decide, FOUR_EYES_SETTING, fourEyesOf } from '../review/decide';

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

export const decisionJson = (d: DecisionRow, role: string, username?: string) => ({
  id: d.id,
  processId: d.processId,
  outcome: d.outcome as 'approve' | 'reject' | 'retry',
  reasonCode: d.reasonCode,
  note: freeText(d.note, role),
  actor: d.actor,
  decidedAt: d.decidedAt.toISOString(),
  state: d.state as 'final' | 'pending_second_review',
  acknowledgedFailedChecks: d.acknowledgedFailedChecks,
  confirmedBy: d.confirmedBy,
  confirmedAt: d.confirmedAt?.toISOString() ?? null,
  mine: username !== undefined && d.actor === username,
});

const reasonCodeJson = (r: ReasonCodeRow) => ({
  code: r.code,
  label: r.label,
  active: r.active,
  outcome: r.outcome as DecisionOutcome,
  position: r.position,
});

export function reviewRoutes(r: Routes, deps: AppDeps) {
  const db = deps.database.db;

  const reviewable = async (processId: string): Promise<ProcessRow> => {
    const row = await findProcess(db, processId);
    if (!row) throw notFound('No process with that id is known to Assure Desk.');
    return row;
  };

  r.on(API.claim, async (c, { user, params }) => {
    const row = await reviewable(params.processId);
    if (row.status !== 'inconclusive')
      throw conflict(
        `Only inconclusive processes are reviewed; this one is ${row.status}.`,
        'not_reviewable',
      );
    const result = await takeClaim(db, row.processId, user, CLAIM_TTL_MS);
    if (!result.won) {
      throw conflict(
        `${result.claim.username} is working on this case (claimed until ${result.claim.expiresAt.toISOString()}).`,
        'claimed',
      );
    }
    await audit(db, {
      actor: user.username,
      action: 'review.claim',
      target: row.processId,
      requestId: c.get('requestId'),
    });
    return claimJson(result.claim, user);
  });

  r.on(API.releaseClaim, async (c, { user, params: { processId } }) => {
    if (await releaseClaim(db, processId, user.id)) {
      await audit(db, {
        actor: user.username,
        action: 'review.release',
        target: processId,
        requestId: c.get('requestId'),
      });
    }
    return c.body(null, 204);
  });

  r.on(API.decide, async (c, { user, params, body: input }) => {
    const row = await reviewable(params.processId);
    const { decision, retry, retryError } = await decide(deps, {
      row,
      user,
      input,
      requestId: c.get('requestId'),
      baseUrl: deps.config.publicUrl ?? c.req.url,
    });
    return {
      ...decisionJson(decision, user.role, user.username),
      retry,
      ...(retryError ? { retryError } : {}),
    };
  });

  /** The pending decision `decisionId` of the process, for a reviewer other than its author. */
  const pendingDecision = async (processId: string, decisionId: number, username: string, verb: string) => {
    const decision = await findDecision(db, processId);
    if (!decision || decision.id !== decisionId) throw notFound('This process has no such decision.');
    if (decision.state !== 'pending_second_review')
      throw conflict('This decision is final already.', 'not_pending');
    if (decision.actor === username)
      throw new HttpError(403, 'own_decision', `A second reviewer must ${verb} it: you wrote this decision.`);
    return decision;
  };

  r.on(API.confirmDecision, async (c, { user, params }) => {
    const row = await reviewable(params.processId);
    const pending = await pendingDecision(row.processId, params.decisionId, user.username, 'confirm');
    const decision = await db.transaction(async (tx) => {
      const d = await confirmDecision(tx, pending.id, user.username);
      if (!d) return undefined;
      await appendAudit(tx, {
        actor: user.username,
        action: 'review.confirm',
        target: row.processId,
        requestId: c.get('requestId'),
        details: { decisionId: d.id, outcome: d.outcome, reasonCode: d.reasonCode, author: d.actor },
      });
      return d;
    });
    if (!decision)
      throw conflict('Someone else confirmed or returned this decision a moment ago.', 'not_pending');
    return decisionJson(decision, user.role, user.username);
  });

  r.on(API.returnDecision, async (c, { user, params, body: { note } }) => {
    const row = await reviewable(params.processId);
    const pending = await pendingDecision(row.processId, params.decisionId, user.username, 'return');
    const returned = await db.transaction(async (tx) => {
      const d = await returnDecision(tx, pending.id);
      if (!d) return undefined;
      await appendAudit(tx, {
        actor: user.username,
        action: 'review.return',
        target: row.processId,
        requestId: c.get('requestId'),
        details: { decisionId: d.id, outcome: d.outcome, reasonCode: d.reasonCode, author: d.actor, note },
      });
      return d;
    });
    if (!returned)
      throw conflict('Someone else confirmed or returned this decision a moment ago.', 'not_pending');
    return {
      ...decisionJson(returned, user.role, user.username),
      state: 'returned' as const,
      returnNote: freeText(note, user.role),
    };
  });

  r.on(API.reviewQueue, async (_c, { user }) => {
    const { rows, total } = await reviewQueue(db, 200);
    return {
      total,
      items: rows.map(({ process, claim, decision }) => ({
        ...toListItem(process, user),
        reason: scrubDerived(
          explainProcess(process.raw).summary,
          user.role,
          maskProcess(process.raw, user.role).hidden,
        ),
        claim: claim ? claimJson(claim, user) : null,
        pendingDecision: decision ? decisionJson(decision, user.role, user.username) : null,
      })),
    };
  });

  r.on(API.reasonCodes, async () => ({ items: (await listReasonCodes(db)).map(reasonCodeJson) }));

  r.on(API.addReasonCode, async (c, { user, body: input }) => {
    const row = await addReasonCode(db, input.code, input.label, input.outcome);
    if (!row) throw conflict(`The reason code "${input.code}" exists already.`);
    await audit(db, {
      actor: user.username,
      action: 'settings.reason_code_added',
      requestId: c.get('requestId'),
      details: input,
    });
    return reasonCodeJson(row);
  });

  // Rename, retire (active: false) or move a reason code within its outcome's list.
  r.on(API.updateReasonCode, async (c, { user, params: { code }, body: input }) => {
    const row = await updateReasonCode(db, code, input);
    if (!row) throw notFound(`No reason code "${code}".`);
    await audit(db, {
      actor: user.username,
      action: 'settings.reason_code_updated',
      requestId: c.get('requestId'),
      details: { code, ...input },
    });
    return reasonCodeJson(row);
  });

  const settingsJson = async () => ({
    retryLimit: await getSetting(db, 'retryLimit', DEFAULT_RETRY_LIMIT),
    reviewSlaHours: await reviewSlaHours(db),
    fourEyes: await fourEyesOf(db),
  });

  r.on(API.settings, settingsJson);

  r.on(API.updateSettings, async (c, { user, body: input }) => {
    if (input.retryLimit !== undefined) await putSetting(db, 'retryLimit', input.retryLimit);
    if (input.reviewSlaHours !== undefined) await putSetting(db, REVIEW_SLA_SETTING, input.reviewSlaHours);
    if (input.fourEyes)
      await putSetting(db, FOUR_EYES_SETTING, { ...(await fourEyesOf(db)), ...input.fourEyes });
    await audit(db, {
      actor: user.username,
      action: 'settings.update',
      requestId: c.get('requestId'),
      details: input,
    });
    return settingsJson();
  });
}
