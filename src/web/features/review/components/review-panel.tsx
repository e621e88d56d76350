import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ProcessDetailResponse } from '@domain/api';
import { FIELD_LABELS } from '@domain/pii';
import { can } from '@domain/policy';
import { DECISION_OUTCOMES, OUTCOME_LABELS, type DecisionOutcome } from '@domain/review';
import { sessionQueries } from '@web/features/auth/api/session-queries';
import { errorMessage } from '@web/components/error-state';
import { useShortcut } from '@web/hooks/use-shortcut';
import { formatDateTime } from '@web/lib/format';
import { reviewQueries } from '../api/review-queries';
import { useClaimProcess, useRecordDecision, useReleaseClaim, useRevealField } from '../hooks/use-review-mutations';
import { NextCaseLink } from './next-case-link';
import { RetryPanel } from './retry-panel';
import '../review.css';

const DEFAULT_REASON: Record<DecisionOutcome, string> = { approve: 'verified_manually', reject: '', retry: 'retry_requested' };

/** Claim, decide, reveal and retry for one process. */
export function ReviewPanel({ detail }: { detail: ProcessDetailResponse }) {
  const { user } = useSuspenseQuery(sessionQueries.current()).data;
  const role = user?.role;
  const { process, review } = detail;
  const reviewable = process.status === 'inconclusive' && !detail.deletedUpstream;

  return (
    <section className="card review-panel" aria-labelledby="review-heading">
      <h2 id="review-heading">Review</h2>
      <p className="review-status">
        Assure says <strong>{process.status}</strong>.{' '}
        {review.decision ? (
          <>
            Decision: <strong className={`decision decision-${review.decision.outcome}`}>{OUTCOME_LABELS[review.decision.outcome]}</strong>
            {review.decision.reasonCode && <> ({review.decision.reasonCode.replace(/_/g, ' ')})</>} by {review.decision.actor},{' '}
            {formatDateTime(review.decision.decidedAt)}.
          </>
        ) : reviewable ? (
          'No decision yet.'
        ) : (
          'Only inconclusive processes are reviewed.'
        )}
      </p>
      {review.decision?.note && <blockquote className="decision-note">{review.decision.note}</blockquote>}
      {review.decision && can(role, 'review:decide') && <NextCaseLink currentId={process.processId} />}
      {reviewable && !review.decision && can(role, 'review:decide') && <DecisionWorkflow detail={detail} />}
      {can(role, 'processes:reveal') && detail.masked.length > 0 && <RevealForm processId={process.processId} fields={detail.masked} />}
      {can(role, 'retries:start') && <RetryPanel detail={detail} />}
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
        🔒 <strong>{claim.username}</strong> is working on this case (until {formatDateTime(claim.expiresAt)}).
      </p>
    );
  }
  if (!claim) {
    return (
      <div className="claim-row">
        <button type="button" className="btn btn-primary" disabled={claimMutation.isPending} onClick={() => claimMutation.mutate()}>
          Claim case
        </button>
        <span className="muted">
          Claiming locks the case for 15 minutes so no one else works it. Keys: <kbd>c</kbd> claim, then <kbd>a</kbd>{' '}
          approve, <kbd>r</kbd> reject, <kbd>t</kbd> retry, <kbd>n</kbd> next case.
        </span>
        {claimMutation.error && <p className="form-error" role="alert">{errorMessage(claimMutation.error)}</p>}
      </div>
    );
  }
  return (
    <>
      <div className="claim-row">
        <span className="claim-mine">You are working on this case (until {formatDateTime(claim.expiresAt)}).</span>
        <button type="button" className="btn btn-ghost" disabled={release.isPending} onClick={() => release.mutate()}>
          Release
        </button>
      </div>
      <DecisionForm detail={detail} />
    </>
  );
}

function DecisionForm({ detail }: { detail: ProcessDetailResponse }) {
  const processId = detail.process.processId;
  const reasons = useQuery(reviewQueries.reasonCodes());
  const record = useRecordDecision(processId);
  const [outcome, setOutcome] = useState<DecisionOutcome>('approve');
  const [reasonCode, setReasonCode] = useState(DEFAULT_REASON.approve);
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const missingReason = outcome === 'reject' && !reasonCode;
  const choose = (o: DecisionOutcome) => {
    setOutcome(o);
    setReasonCode(DEFAULT_REASON[o]);
    document.getElementById('reason-code')?.focus();
  };
  useShortcut('a', () => choose('approve'), !confirming);
  useShortcut('r', () => choose('reject'), !confirming);
  useShortcut('t', () => choose('retry'), !confirming);

  const review = (e: FormEvent) => {
    e.preventDefault();
    if (!missingReason) setConfirming(true);
  };
  const confirm = () => {
    if (record.isPending) return;
    record.mutate(
      { outcome, reasonCode: reasonCode || undefined, note, basedOnUpdatedAt: typeof detail.process.updatedAt === 'string' ? detail.process.updatedAt : undefined },
      { onSettled: () => setConfirming(false) },
    );
  };
  const reasonLabel = reasons.data?.items.find((r) => r.code === reasonCode)?.label ?? reasonCode;

  return (
    <form className="decision-form" onSubmit={review}>
      <fieldset disabled={confirming || record.isPending}>
        <legend>Decision</legend>
        <div className="outcomes" role="radiogroup" aria-label="Outcome">
          {DECISION_OUTCOMES.map((o) => (
            <label key={o} className={`outcome-option outcome-${o}`}>
              <input
                type="radio"
                name="outcome"
                value={o}
                checked={outcome === o}
                onChange={() => {
                  setOutcome(o);
                  setReasonCode(DEFAULT_REASON[o]);
                }}
              />
              {OUTCOME_LABELS[o]}
            </label>
          ))}
        </div>
        <div className="field">
          <label htmlFor="reason-code">Reason{outcome === 'reject' ? ' (required)' : ''}</label>
          <select id="reason-code" value={reasonCode} onChange={(e) => setReasonCode(e.target.value)} required={outcome === 'reject'}>
            <option value="">Choose a reason…</option>
            {reasons.data?.items
              .filter((r) => r.active)
              .map((r) => (
                <option key={r.code} value={r.code}>
                  {r.label}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="decision-note">Internal note</label>
          <textarea id="decision-note" rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        {missingReason && <p className="form-hint">A rejection needs a reason.</p>}
        <button type="submit" className="btn btn-primary" disabled={missingReason}>
          Review decision…
        </button>
      </fieldset>
      {confirming && (
        <div className="confirm-box" role="alertdialog" aria-labelledby="confirm-title">
          <p id="confirm-title">
            <strong>{OUTCOME_LABELS[outcome]}</strong> this case{reasonCode ? ` — ${reasonLabel}` : ''}? The decision is recorded in the audit log and
            cannot be changed. Assure&apos;s status stays as it is.
          </p>
          <div className="confirm-actions">
            <button type="button" className={outcome === 'reject' ? 'btn btn-danger' : 'btn btn-primary'} onClick={confirm} disabled={record.isPending} autoFocus>
              {record.isPending ? 'Saving…' : `Confirm ${OUTCOME_LABELS[outcome].toLowerCase()}`}
            </button>
            <button type="button" className="btn" onClick={() => setConfirming(false)} disabled={record.isPending}>
              Back
            </button>
          </div>
        </div>
      )}
      {record.error && <p className="form-error" role="alert">{errorMessage(record.error)}</p>}
      {record.data?.retryError && <p className="form-error" role="alert">Decision saved, but the retry could not be started: {record.data.retryError}</p>}
    </form>
  );
}

function RevealForm({ processId, fields }: { processId: string; fields: string[] }) {
  const reveal = useRevealField(processId);
  const [field, setField] = useState(fields[0] ?? '');
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reveal.mutate({ field, reason });
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
          <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Why you need to see it (logged)" minLength={3} required />
        </label>
        <button type="submit" className="btn" disabled={reveal.isPending || reason.trim().length < 3}>
          Reveal
        </button>
      </form>
      {reveal.error && <p className="form-error" role="alert">{errorMessage(reveal.error)}</p>}
      {reveal.data && (
        <dl className="revealed" aria-live="polite">
          {reveal.data.values.length === 0 && <dd>No value present.</dd>}
          {reveal.data.values.map((v) => (
            <div key={v.path}>
              <dt className="mono">{v.path}</dt>
              <dd className="mono">{v.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </details>
  );
}
