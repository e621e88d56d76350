import { explainProcess } from '@domain/explain';
import {
  ACKNOWLEDGEMENT,
  DEFAULT_FOUR_EYES,
  failedEvidenceChecks,
  OUTCOME_LABELS,
  type DecisionOutcome,
  type DecisionRequest,
  type FourEyes,
} from '@domain/review';
import { appendAudit } from '../audit/audit';
import { AssureError } from '../assure/errors';
import type { AppDeps, CurrentUser } from '../context';
import type { Db } from '../db/client';
import type { ProcessRow } from '../db/processes';
import { activeClaim, activeReasonCode, insertDecision, releaseClaim, type DecisionRow } from '../db/review';
import { getSetting } from '../db/settings';
import { badRequest, conflict, HttpError } from '../lib/errors';
import { errorFields } from '../lib/logger';
import { fourEyesDedupeKey, fourEyesMessage } from '../notifications/four-eyes-request';
import { startRetry } from './retries';

// A reviewer's decision on an inconclusive process: the rules it must meet (a reason code for its outcome, no change
// upstream since the reviewer looked, nobody else's claim, an acknowledgement to approve past failed evidence), the
// four-eyes rule that may hold it for a second reviewer, its audit entry and notification, and the retry a final
// "request retry" starts.

export const FOUR_EYES_SETTING = 'fourEyes';
export const fourEyesOf = async (db: Db): Promise<FourEyes> => ({
  ...DEFAULT_FOUR_EYES,
  ...(await getSetting<Partial<FourEyes>>(db, FOUR_EYES_SETTING, {})),
});

export interface DecisionResult {
  decision: DecisionRow;
  retry: { processId: string | null; url: string | null } | null;
  /** The decision was saved but its retry was not started: what the reviewer is told. */
  retryError?: string;
}

export async function decide(
  deps: AppDeps,
  {
    row,
    user,
    input,
    requestId,
    baseUrl,
  }: { row: ProcessRow; user: CurrentUser; input: DecisionRequest; requestId: string; baseUrl: string },
): Promise<DecisionResult> {
  const db = deps.database.db;
  if (row.status !== 'inconclusive')
    throw conflict(`Only inconclusive processes are decided; this one is ${row.status}.`, 'not_reviewable');
  if (input.reasonCode) {
    const reason = await activeReasonCode(db, input.reasonCode);
    if (!reason) throw badRequest(`Unknown reason code "${input.reasonCode}".`, 'validation_failed');
    if (reason.outcome !== input.outcome) {
      throw badRequest(
        `"${reason.label}" is a reason to ${OUTCOME_LABELS[reason.outcome as DecisionOutcome].toLowerCase()}, not to ${OUTCOME_LABELS[input.outcome].toLowerCase()}.`,
        'validation_failed',
      );
    }
  }
  if (input.basedOnUpdatedAt && Date.parse(input.basedOnUpdatedAt) !== row.updatedAt.getTime()) {
    throw conflict(
      `The process changed in Assure since you opened it (now updated ${row.updatedAt.toISOString()}). Reload it and review again.`,
      'changed_upstream',
    );
  }
  const claim = await activeClaim(db, row.processId);
  if (claim && claim.userId !== user.id)
    throw conflict(`${claim.username} is working on this case.`, 'claimed');

  // Approving despite a failed liveness, face or chip check: the reviewer must have compared the pictures.
  const failed = failedEvidenceChecks(explainProcess(row.raw).checks);
  if (input.outcome === 'approve' && failed.length > 0 && !input.acknowledgeFailedChecks) {
    throw badRequest(
      `${failed.map((f) => f.label).join(', ')} failed: to approve, confirm "${ACKNOWLEDGEMENT}" (acknowledgeFailedChecks: true).`,
      'acknowledgement_required',
    );
  }
  const fourEyes = await fourEyesOf(db);
  const secondReview =
    (input.outcome === 'approve' && failed.length > 0 && fourEyes.approveFailedChecks) ||
    (input.outcome === 'reject' && fourEyes.reject);

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
      acknowledgedFailedChecks:
        input.outcome === 'approve' && failed.length > 0 && input.acknowledgeFailedChecks,
    });
    if (!d) return undefined;
    await appendAudit(tx, {
      actor: user.username,
      action: 'review.decision',
      target: row.processId,
      requestId: requestId,
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
        publicUrl: baseUrl,
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
        requestId: requestId,
        redirectUrl: new URL('/capture-complete', baseUrl).toString(),
      });
    } catch (err) {
      // Our own wording only: an upstream answer's title or a database error's text never reaches the browser.
      retryError = retryErrorMessage(err);
      if (!(err instanceof HttpError))
        deps.log.warn('retry after a decision not started', {
          requestId: requestId,
          ...(err instanceof AssureError ? { kind: err.kind, status: err.status, traceId: err.traceId } : {}),
          ...errorFields(err),
        });
    }
  }
  return { decision, retry, ...(retryError ? { retryError } : {}) };
}

/** What the reviewer is told when the decision was saved but its retry was not started. */
function retryErrorMessage(err: unknown): string {
  if (err instanceof HttpError) return err.message;
  if (err instanceof AssureError && err.kind === 'not_found')
    return 'Assure no longer holds this dossier, so no retry was started.';
  if (err instanceof AssureError)
    return 'Assure did not start the retry. Start it again from the dossier in a moment.';
  return 'The retry could not be started. Start it again from the dossier in a moment.';
}
