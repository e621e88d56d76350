import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import type { z } from 'zod/mini';
import type { ProcessDetailResponse } from '@domain/process-detail-api';
import { FIELD_LABELS } from '@domain/pii';
import { can } from '@domain/policy';
import {
  ACKNOWLEDGEMENT,
  DECISION_OUTCOMES,
  failedEvidenceChecks,
  OUTCOME_LABELS,
  type DecisionOutcome,
  type revealResponseSchema,
} from '@domain/review';
import { sessionQueries } from '@web/features/auth/api/session-queries';
import { errorMessage } from '@web/components/error-state';
import { useReasonLabel } from '@web/hooks/use-reason-label';
import { useShortcut } from '@web/hooks/use-shortcut';
import { formatDateTime } from '@web/lib/format';
import { reviewQueries } from '../api/review-queries';
import {
  useClaimProcess,
  useRecordDecision,
  useReleaseClaim,
  useRevealField,
  useSecondReview,
} from '../hooks/use-review-mutations';
import { NextCaseLink } from './next-case-link';
import { RunningRetry } from './capture-link';
import { RetryPanel } from './retry-panel';
import '../review.css';

type RevealedValues = z.infer<typeof revealResponseSchema>['values'];

/** Claim, decide, reveal and retry for one process. `onRevealed` gets revealed values, to show them in place. */
export function ReviewPanel({
  detail,
  onRevealed,
}: {
  detail: ProcessDetailResponse;
  onRevealed?: (values: RevealedValues) => void;
}) {
  const { user } = useSuspenseQuery(sessionQueries.current()).data;
  const role = user?.role;
  const { process, review } = detail;
  const reasonLabel = useReasonLabel();
  const reviewable = process.status === 'inconclusive' && !detail.deletedUpstream;

  return (
    <section className="card review-panel" aria-labelledby="review-heading">
      <h2 id="review-heading">Review</h2>
      <p className="review-status">
        Assure says <strong>{process.status}</strong>.{' '}
        {review.decision ? (
          <>
            {review.decision.state === 'pending_second_review' ? 'Pending second review: ' : 'Decision: '}
            <strong className={`decision decision-${review.decision.outcome}`}>
              {OUTCOME_LABELS[review.decision.outcome]}
            </strong>
            {review.decision.reasonCode && <> ({reasonLabel(review.decision.reasonCode)})</>} by{' '}
            {review.decision.actor}, {formatDateTime(review.decision.decidedAt)}.
          </>
        ) : reviewable ? (
          'No decision yet.'
        ) : (
          'Only inconclusive processes are reviewed.'
        )}
      </p>
      {review.decision?.note && <blockquote className="decision-note">{review.decision.note}</blockquote>}
      {review.decision?.state === 'pending_second_review' && reviewable && can(role, 'review:decide') && (
        <SecondReview detail={detail} />
      )}
      {review.decision && can(role, 'review:decide') && <NextCaseLink currentId={process.processId} />}
      {reviewable && !review.decision && can(role, 'review:decide') && <DecisionWorkflow detail={detail} />}
      {can(role, 'processes:reveal') && detail.masked.length > 0 && (
        <RevealForm processId={process.processId} fields={detail.masked} onRevealed={onRevealed} />
      )}
      {can(role, 'retries:start') && <RetryPanel detail={detail} />}
      {!can(role, 'retries:start') && can(role, 'review:decide') && detail.case?.captureLink && (
        <RunningRetry link={detail.case.captureLink} currentProcessId={process.processId} />
      )}
    </section>
  );
}

function DecisionWorkflow({ detail }: { detail: ProcessDetailResponse }) {
  const processId = detail.process.processId;
  const claim = detail.review.claim;
  const claimMutation = useClaimProcess(processId);
  const release = useReleaseClaim(processId);
  useShortcut('c', () => claimMutation.mutate(), !claim && !claimMutation.isPending);

  if (claim && !claim.mine) {
    return (
      <p className="claim-info" role="status">
        🔒 <strong>{claim.username}</strong> is working on this case (until {formatDateTime(claim.expiresAt)}
        ).
      </p>
    );
  }
  if (!claim) {
    return (
      <div className="claim-row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={claimMutation.isPending}
          onClick={() => claimMutation.mutate()}
        >
          Claim case
        </button>
        <span className="muted">
          Claiming locks the case for 15 minutes so no one else works it. Keys: <kbd>c</kbd> claim, then{' '}
          <kbd>a</kbd> approve, <kbd>r</kbd> reject, <kbd>t</kbd> retry, <kbd>n</kbd> next case.
        </span>
        {claimMutation.error && (
          <p className="form-error" role="alert">
            {errorMessage(claimMutation.error)}
          </p>
        )}
      </div>
    );
  }
  return (
    <>
      <div className="claim-row">
        <span className="claim-mine">
          You are working on this case (until {formatDateTime(claim.expiresAt)}).
        </span>
        <button
          type="button"
          className="btn btn-ghost"
          disabled={release.isPending}
          onClick={() => release.mutate()}
        >
          Release
        </button>
      </div>
      <DecisionForm detail={detail} />
    </>
  );
}

const OUTCOME_KEYS: Record<DecisionOutcome, string> = { approve: 'a', reject: 'r', retry: 't' };
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * Nothing is chosen until the reviewer chooses: a/r/t pick the outcome, digits the reason (only the reasons of that
 * outcome are offered), Enter goes to the confirmation and Enter again confirms. Focus stays on the form itself,
 * so no control swallows the next key.
 */
function DecisionForm({ detail }: { detail: ProcessDetailResponse }) {
  const processId = detail.process.processId;
  const reasons = useQuery(reviewQueries.reasonCodes());
  const record = useRecordDecision(processId);
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null);
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const formRef = useRef<HTMLDivElement>(null);
  const failed = failedEvidenceChecks(detail.explanation.checks);
  const offered = (reasons.data?.items ?? []).filter((r) => r.active && r.outcome === outcome);
  const needsAck = outcome === 'approve' && failed.length > 0;
  const missing = !outcome
    ? 'Choose an outcome.'
    : outcome === 'reject' && !reasonCode
      ? 'A rejection needs a reason.'
      : needsAck && !acknowledged
        ? 'Tick the acknowledgement to approve despite the failed checks.'
        : null;

  const choose = (o: DecisionOutcome) => {
    setOutcome(o);
    setReasonCode('');
    formRef.current?.focus();
  };
  const busy = confirming || record.isPending;
  useShortcut('a', () => choose('approve'), !busy);
  useShortcut('r', () => choose('reject'), !busy);
  useShortcut('t', () => choose('retry'), !busy);
  useShortcut(
    DIGITS,
    (d) => {
      const reason = offered[Number(d) - 1];
      if (reason) setReasonCode(reason.code);
    },
    !busy && offered.length > 0,
  );
  useShortcut(
    'Enter',
    () => {
      if (!missing) setConfirming(true);
    },
    !busy && outcome !== null,
  );
  useShortcut('Escape', () => setConfirming(false), confirming && !record.isPending);

  const review = (e: FormEvent) => {
    e.preventDefault();
    if (!missing) setConfirming(true);
  };
  const confirm = () => {
    if (record.isPending || !outcome) return;
    record.mutate(
      {
        outcome,
        reasonCode: reasonCode || undefined,
        note,
        acknowledgeFailedChecks: needsAck && acknowledged,
        basedOnUpdatedAt: typeof detail.process.updatedAt === 'string' ? detail.process.updatedAt : undefined,
      },
      { onSettled: () => setConfirming(false) },
    );
  };
  const reasonLabel = reasons.data?.items.find((r) => r.code === reasonCode)?.label ?? reasonCode;

  return (
    <form className="decision-form" onSubmit={review} aria-label="Decision">
      <div
        ref={formRef}
        tabIndex={-1}
        className="decision-focus"
        aria-label="Decision form (keys: a, r, t, digits, Enter)"
      >
        <fieldset disabled={busy}>
          <legend>Decision</legend>
          <div className="outcomes" role="radiogroup" aria-label="Outcome">
            {DECISION_OUTCOMES.map((o) => (
              <label key={o} className={`outcome-option outcome-${o}`}>
                <input
                  type="radio"
                  name="outcome"
                  value={o}
                  checked={outcome === o}
                  onChange={() => choose(o)}
                />
                {OUTCOME_LABELS[o]} <kbd>{OUTCOME_KEYS[o]}</kbd>
              </label>
            ))}
          </div>
          {outcome && (
            <div
              className="reasons"
              role="radiogroup"
              aria-label={`Reason${outcome === 'reject' ? ' (required)' : ''}`}
            >
              {offered.length === 0 && <p className="muted">No reasons are set up for this outcome.</p>}
              {offered.map((r, i) => (
                <label key={r.code} className="reason-option">
                  <input
                    type="radio"
                    name="reason"
                    value={r.code}
                    checked={reasonCode === r.code}
                    onChange={() => setReasonCode(r.code)}
                  />
                  {i < 9 && <kbd>{i + 1}</kbd>} {r.label}
                </label>
              ))}
            </div>
          )}
          {needsAck && (
            <div className="ack" role="group" aria-label="Failed checks">
              <p>
                <strong>{failed.map((f) => f.label).join(', ')}</strong> failed. Approving needs your own
                comparison of the pictures.
              </p>
              <label>
                <input
                  type="checkbox"
                  checked={acknowledged}
                  onChange={(e) => setAcknowledged(e.target.checked)}
                />{' '}
                {ACKNOWLEDGEMENT}
              </label>
            </div>
          )}
          <div className="field">
            <label htmlFor="decision-note">Internal note</label>
            <textarea
              id="decision-note"
              rows={2}
              maxLength={4000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          {missing && outcome && <p className="form-hint">{missing}</p>}
          <button type="submit" className="btn btn-primary" disabled={missing !== null}>
            Review decision… <kbd>Enter</kbd>
          </button>
        </fieldset>
      </div>
      {confirming && outcome && (
        <div className="confirm-box" role="alertdialog" aria-labelledby="confirm-title">
          <p id="confirm-title">
            <strong>{OUTCOME_LABELS[outcome]}</strong> this case{reasonCode ? ` — ${reasonLabel}` : ''}? The
            decision is recorded in the audit log and cannot be changed. Assure&apos;s status stays as it is.
          </p>
          <div className="confirm-actions">
            <button
              type="button"
              className={outcome === 'reject' ? 'btn btn-danger' : 'btn btn-primary'}
              onClick={confirm}
              disabled={record.isPending}
              autoFocus
            >
              {record.isPending ? 'Saving…' : `Confirm ${OUTCOME_LABELS[outcome].toLowerCase()}`}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => setConfirming(false)}
              disabled={record.isPending}
            >
              Back <kbd>Esc</kbd>
            </button>
          </div>
        </div>
      )}
      {record.error && (
        <p className="form-error" role="alert">
          {errorMessage(record.error)}
        </p>
      )}
      {record.data?.retryError && (
        <p className="form-error" role="alert">
          Decision saved, but the retry could not be started: {record.data.retryError}
        </p>
      )}
    </form>
  );
}

/** A decision waiting for a second pair of eyes: another reviewer confirms it or sends it back with a note. */
function SecondReview({ detail }: { detail: ProcessDetailResponse }) {
  const decision = detail.review.decision!;
  const second = useSecondReview(detail.process.processId);
  const [note, setNote] = useState('');
  if (decision.mine) {
    return (
      <p className="claim-info" role="status">
        A second reviewer must confirm your decision before it counts.
      </p>
    );
  }
  return (
    <div className="second-review">
      <p>
        {decision.actor} decided this case; four-eyes asks you to check it. Confirm it if you agree, or send
        it back with a note.
        {decision.acknowledgedFailedChecks &&
          ' They approved it although a liveness, face or chip check failed, and said they compared the pictures.'}
      </p>
      <div className="confirm-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={second.isPending}
          onClick={() => second.mutate({ decisionId: decision.id, action: 'confirm' })}
        >
          Confirm decision
        </button>
      </div>
      <form
        className="return-form"
        onSubmit={(e) => {
          e.preventDefault();
          second.mutate({ decisionId: decision.id, action: 'return', note });
        }}
      >
        <label htmlFor="return-note">Note for {decision.actor}</label>
        <textarea
          id="return-note"
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          minLength={3}
          maxLength={4000}
        />
        <button type="submit" className="btn" disabled={second.isPending || note.trim().length < 3}>
          Send back
        </button>
      </form>
      {second.error && (
        <p className="form-error" role="alert">
          {errorMessage(second.error)}
        </p>
      )}
    </div>
  );
}

function RevealForm({
  processId,
  fields,
  onRevealed,
}: {
  processId: string;
  fields: string[];
  onRevealed?: (values: RevealedValues) => void;
}) {
  const reveal = useRevealField(processId);
  const [field, setField] = useState(fields[0] ?? '');
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reveal.mutate({ field, reason }, { onSuccess: (data) => onRevealed?.(data.values) });
  };
  return (
    <details className="reveal">
      <summary>Reveal a masked field…</summary>
      <form onSubmit={submit} className="reveal-form">
        <label className="inline-field">
          <span>Field</span>
          <select value={field} onChange={(e) => setField(e.target.value)}>
            {fields.map((f) => (
              <option key={f} value={f}>
                {FIELD_LABELS[f] ?? f}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field reveal-reason">
          <span>Reason for revealing</span>
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Why you need to see it (logged)"
            minLength={3}
            required
          />
        </label>
        <button type="submit" className="btn" disabled={reveal.isPending || reason.trim().length < 3}>
          Reveal
        </button>
      </form>
      {reveal.error && (
        <p className="form-error" role="alert">
          {errorMessage(reveal.error)}
        </p>
      )}
      {reveal.data && (
        <p className="revealed" role="status">
          {FIELD_LABELS[reveal.data.field] ?? reveal.data.field}
          {reveal.data.values.length === 0
            ? ': no value present.'
            : onRevealed
              ? ' is shown in place on this page.'
              : `: ${reveal.data.values.map((v) => v.value).join(', ')}`}
        </p>
      )}
    </details>
  );
}
