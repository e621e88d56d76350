import { API } from '@domain/contracts';
import { explainProcess } from '@domain/explain';
import { REVIEW_SLA_SETTING } from '@domain/cases';
import { MASK } from '@domain/pii';
import { can } from '@domain/policy';
import {
  ACKNOWLEDGEMENT,
  DEFAULT_FOUR_EYES,
  failedEvidenceChecks,
  OUTCOME_LABELS,
  type DecisionOutcome,
  type FourEyes,
} from '@domain/review';
import { appendAudit, audit } from '../audit/audit';
import type { Routes } from '../auth/guard';
import type { AppDeps, CurrentUser } from '../context';
import { reviewSlaHours } from '../db/cases';
import { findProcess, type ProcessRow } from '../db/processes';
import {
  activeClaim,
  activeReasonCode,
  addReasonCode,
  confirmDecision,
  findDecision,
  insertDecision,
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
import { AssureError } from '../assure/errors';
import { badRequest, conflict, HttpError, notFound } from '../lib/errors';
import { errorFields } from '../lib/logger';
import { fourEyesDedupeKey, fourEyesMessage } from '../notifications/four-eyes-request';
import { DEFAULT_RETRY_LIMIT, startRetry } from '../review/retries';
import { maskProcess, scrubDerived } from '@domain/mask-process';
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

const reasonCodeJson = (r: ReasonCodeRow) => ({ code: r.code, label: r.label, active: r.active, outcome: r.outcome as DecisionOutcome, position: r.position });

export const FOUR_EYES_SETTING = 'fourEyes';
const fourEyesOf = async (db: AppDeps['database']['db']): Promise<FourEyes> => ({ ...DEFAULT_FOUR_EYES, ...(await getSetting<Partial<FourEyes>>(db, FOUR_EYES_SETTING, {})) });

export function reviewRoutes(r: Routes, deps: AppDeps) {
  const db = deps.database.db;

  const reviewable = async (processId: string): Promise<ProcessRow> => {
    const row = await findProcess(db, processId);
    if (!row) throw notFound('No process with that id is known to Assure Desk.');
    return row;
  };

  r.on(API.claim, async (c, { user, params }) => {
    const row = await reviewable(params.processId);
    if (row.status !== 'inconclusive') throw conflict(`Only inconclusive processes are reviewed; this one is ${row.status}.`, 'not_reviewable');
    const result = await takeClaim(db, row.processId, user, CLAIM_TTL_MS);
    if (!result.won) {
      throw conflict(`${result.claim.username} is working on this case (claimed until ${result.claim.expiresAt.toISOString()}).`, 'claimed');
    }
    await audit(db, { actor: user.username, action: 'review.claim', target: row.processId, requestId: c.get('requestId') });
    return claimJson(result.claim, user);
  });

  r.on(API.releaseClaim, async (c, { user, params: { processId } }) => {
    if (await releaseClaim(db, processId, user.id)) {
      await audit(db, { actor: user.username, action: 'review.release', target: processId, requestId: c.get('requestId') });
    }
    return c.body(null, 204);
  });

  r.on(API.decide, async (c, { user, params, body: input }) => {
    const row = await reviewable(params.processId);
    if (row.status !== 'inconclusive') throw conflict(`Only inconclusive processes are decided; this one is ${row.status}.`, 'not_reviewable');
    if (input.reasonCode) {
      const reason = await activeReasonCode(db, input.reasonCode);
      if (!reason) throw badRequest(`Unknown reason code "${input.reasonCode}".`, 'validation_failed');
      if (reason.outcome !== input.outcome) {
        throw badRequest(`"${reason.label}" is a reason to ${OUTCOME_LABELS[reason.outcome as DecisionOutcome].toLowerCase()}, not to ${OUTCOME_LABELS[input.outcome].toLowerCase()}.`, 'validation_failed');
      }
    }
    if (input.basedOnUpdatedAt && Date.parse(input.basedOnUpdatedAt) !== row.updatedAt.getTime()) {
      throw conflict(
        `The process changed in Assure since you opened it (now updated ${row.updatedAt.toISOString()}). Reload it and review again.`,
        'changed_upstream',
      );
    }
    const claim = await activeClaim(db, row.processId);
    if (claim && claim.userId !== user.id) throw conflict(`${claim.username} is working on this case.`, 'claimed');

    // Approving despite a failed liveness, face or chip check: the reviewer must have compared the pictures.
    const failed = failedEvidenceChecks(explainProcess(row.raw).checks);
    if (input.outcome === 'approve' && failed.length > 0 && !input.acknowledgeFailedChecks) {
      throw badRequest(
        `${failed.map((f) => f.label).join(', ')} failed: to approve, confirm "${ACKNOWLEDGEMENT}" (acknowledgeFailedChecks: true).`,
        'acknowledgement_required',
      );
    }
    const fourEyes = await fourEyesOf(db);
    const secondReview = (input.outcome === 'approve' && failed.length > 0 && fourEyes.approveFailedChecks) || (input.outcome === 'reject' && fourEyes.reject);

    const decision = await db.transaction(async (tx) => {
      const d = await insertDecision(tx, {
        processId: row.processId,
        dossierId: row.dossierId,
        outcome: input.outcome,
        reasonCode: input.reasonCode ?? null,
        note: input.note,
        actor: user.username,
        basedOnUpdatedAt: input.basedOnUpdatedAt ? new Date(input.basedOnUpdatedAt) : null,
        state: secondReview ? 'pending_second_review' : 'final',
        acknowledgedFailedChecks: input.outcome === 'approve' && failed.length > 0 && input.acknowledgeFailedChecks,
      });
      if (!d) return undefined;
      await appendAudit(tx, {
        actor: user.username,
        action: 'review.decision',
        target: row.processId,
        requestId: c.get('requestId'),
        details: {
          outcome: d.outcome,
          reasonCode: d.reasonCode,
          note: d.note,
          upstreamStatus: row.status,
          state: d.state,
          ...(d.acknowledgedFailedChecks ? { acknowledgedFailedChecks: failed.map((f) => f.name) } : {}),
        },
      });
      // A decision held for a second reviewer asks for one (e-mail, webhook): stored with the decision, once.
      if (d.state === 'pending_second_review') {
        const message = fourEyesMessage({
          decisionId: d.id,
          processId: row.processId,
          provider: row.provider,
          outcome: d.outcome,
          publicUrl: deps.config.publicUrl ?? c.req.url,
        });
        await deps.notifier.notify('review.four_eyes', fourEyesDedupeKey(d.id), message, tx);
      }
      return d;
    });
    if (!decision) throw conflict('This process already has a decision.', 'already_decided');
    await releaseClaim(db, row.processId, user.id);

    let retry: { processId: string | null; url: string | null } | null = null;
    let retryError: string | undefined;
    if (decision.outcome === 'retry' && decision.state === 'final') {
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
        // Our own wording only: an upstream answer's title or a database error's text never reaches the browser.
        retryError = retryErrorMessage(err);
        if (!(err instanceof HttpError)) deps.log.warn('retry after a decision not started', {
            requestId: c.get('requestId'),
            ...(err instanceof AssureError ? { kind: err.kind, status: err.status, traceId: err.traceId } : {}),
            ...errorFields(err),
          });
      }
    }
    return { ...decisionJson(decision, user.role, user.username), retry, ...(retryError ? { retryError } : {}) };
  });

  /** The pending decision `decisionId` of the process, for a reviewer other than its author. */
  const pendingDecision = async (processId: string, decisionId: number, username: string, verb: string) => {
    const decision = await findDecision(db, processId);
    if (!decision || decision.id !== decisionId) throw notFound('This process has no such decision.');
    if (decision.state !== 'pending_second_review') throw conflict('This decision is final already.', 'not_pending');
    if (decision.actor === username) throw new HttpError(403, 'own_decision', `A second reviewer must ${verb} it: you wrote this decision.`);
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
    if (!decision) throw conflict('Someone else confirmed or returned this decision a moment ago.', 'not_pending');
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
    if (!returned) throw conflict('Someone else confirmed or returned this decision a moment ago.', 'not_pending');
    return { ...decisionJson(returned, user.role, user.username), state: 'returned' as const, returnNote: freeText(note, user.role) };
  });

  r.on(API.reviewQueue, async (_c, { user }) => {
    const { rows, total } = await reviewQueue(db, 200);
    return {
      total,
      items: rows.map(({ process, claim, decision }) => ({
        ...toListItem(process, user),
        reason: scrubDerived(explainProcess(process.raw).summary, user.role, maskProcess(process.raw, user.role).hidden),
        claim: claim ? claimJson(claim, user) : null,
        pendingDecision: decision ? decisionJson(decision, user.role, user.username) : null,
      })),
    };
  });

  r.on(API.reasonCodes, async () => ({ items: (await listReasonCodes(db)).map(reasonCodeJson) }));

  r.on(API.addReasonCode, async (c, { user, body: input }) => {
    const row = await addReasonCode(db, input.code, input.label, input.outcome);
    if (!row) throw conflict(`The reason code "${input.code}" exists already.`);
    await audit(db, { actor: user.username, action: 'settings.reason_code_added', requestId: c.get('requestId'), details: input });
    return reasonCodeJson(row);
  });

  // Rename, retire (active: false) or move a reason code within its outcome's list.
  r.on(API.updateReasonCode, async (c, { user, params: { code }, body: input }) => {
    const row = await updateReasonCode(db, code, input);
    if (!row) throw notFound(`No reason code "${code}".`);
    await audit(db, { actor: user.username, action: 'settings.reason_code_updated', requestId: c.get('requestId'), details: { code, ...input } });
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
    if (input.fourEyes) await putSetting(db, FOUR_EYES_SETTING, { ...(await fourEyesOf(db)), ...input.fourEyes });
    await audit(db, { actor: user.username, action: 'settings.update', requestId: c.get('requestId'), details: input });
    return settingsJson();
  });
}

/** What the reviewer is told when the decision was saved but its retry was not started. */
function retryErrorMessage(err: unknown): string {
  if (err instanceof HttpError) return err.message;
  if (err instanceof AssureError && err.kind === 'not_found') return 'Assure no longer holds this dossier, so no retry was started.';
  if (err instanceof AssureError) return 'Assure did not start the retry. Start it again from the dossier in a moment.';
  return 'The retry could not be started. Start it again from the dossier in a moment.';
}
