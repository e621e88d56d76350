import { Link } from 'react-router-dom';
import { CASE_STATE_LABELS, caseVerdict, type DossierCase } from '@domain/cases';
import { DECIDED_LABELS } from '@domain/review';
import { useReasonLabel } from '@web/hooks/use-reason-label';
import { formatDateTime, formatDuration } from '@web/lib/format';
import { paths } from '@web/lib/paths';
import '../cases.css';

/** What the desk says about this person, in one sentence a compliance officer can repeat to an auditor. */
function sentence(c: DossierCase, now: number, reasonLabel: (code: string) => string) {
  const attempt =
    c.processId && c.attemptNumber ? (
      <Link to={paths.process.href(c.processId)}>attempt #{c.attemptNumber}</Link>
    ) : (
      'an attempt'
    );
  switch (c.state) {
    case 'needs_review':
      return (
        <>
          {attempt} is inconclusive{c.reason ? ` (${c.reason})` : ''} and waits for a reviewer’s verdict
          {c.waitingSince ? ` since ${formatDateTime(c.waitingSince)}` : ''}.
        </>
      );
    case 'pending_second_review':
      return (
        <>
          {c.decision ? (
            `${c.decision.actor} decided “${DECIDED_LABELS[c.decision.outcome]}” on ${attempt}`
          ) : (
            <>A decision on {attempt}</>
          )}
          ; a second reviewer must confirm it.
        </>
      );
    case 'awaiting_end_user':
      return (
        <>
          A retry was started ({attempt}); the case waits for the end-user to finish it
          {c.waitingSince ? `, for ${formatDuration(now - Date.parse(c.waitingSince))}` : ''}.
        </>
      );
    case 'resolved_by_retry':
      return (
        <>
          Verified by {attempt}: Assure accepted a later attempt, so the earlier inconclusive one needs no
          review.
        </>
      );
    case 'decided':
      return c.decision ? (
        <>
          {DECIDED_LABELS[c.decision.outcome]} by {c.decision.actor} on {formatDateTime(c.decision.decidedAt)}
          {c.decision.reasonCode ? <> (reason: {reasonLabel(c.decision.reasonCode)})</> : ''}, about {attempt}
          .
        </>
      ) : (
        <>Decided, about {attempt}.</>
      );
    case 'in_progress':
      return <>{attempt} is still running; nothing to review yet.</>;
    case 'closed':
      return <>Ended with no review needed; the latest is {attempt}.</>;
  }
}

/** The case of a dossier: the desk's verdict, due time, assignee and retries used against the limit. */
export function CaseSummary({ kase, now }: { kase: DossierCase; now: number }) {
  const verdict = caseVerdict(kase.state, { attemptNumber: kase.attemptNumber, decision: kase.decision });
  const reasonLabel = useReasonLabel();
  return (
    <section className="case-summary" aria-label="Case">
      <div className="case-summary-head">
        <span className={`case-state case-state-${kase.state}`}>{CASE_STATE_LABELS[kase.state]}</span>
        {verdict !== CASE_STATE_LABELS[kase.state] && <strong>{verdict}</strong>}
        {kase.overdue && (
          <span className="due due-overdue">
            <span aria-hidden="true">⚠ </span>Overdue
            {kase.dueAt ? ` since ${formatDateTime(kase.dueAt)}` : ''}
          </span>
        )}
        {!kase.overdue && kase.dueAt && <span className="muted">Due {formatDateTime(kase.dueAt)}</span>}
      </div>
      <p className="case-sentence">{sentence(kase, now, reasonLabel)}</p>
      <dl className="detail-meta">
        <div>
          <dt>Attempts</dt>
          <dd>{kase.attempts}</dd>
        </div>
        <div>
          <dt>Retries from Assure Desk</dt>
          <dd title="Retries started here count toward the limit, by an operator or a reviewer's “request retry”; attempts the end-user starts elsewhere do not.">
            {kase.retries.used} of {kase.retries.limit} used
          </dd>
        </div>
        <div>
          <dt>Assignee</dt>
          <dd>{kase.assignee ?? <span className="muted">Unassigned</span>}</dd>
        </div>
        {kase.claim && (
          <div>
            <dt>Claimed by</dt>
            <dd>{kase.claim.mine ? 'You' : kase.claim.username}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
