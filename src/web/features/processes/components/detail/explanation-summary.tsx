import type { ExplanationJson } from '@domain/process-detail-api';
import { BASIS_TEXT, disagreementAdvice, ruleForReader, withoutContractRefs } from '@domain/explain/reader';
import { isStatus, type Status } from '@domain/status';
import { StatusBadge } from '../status-badge';
import { DetailSection } from './detail-section';
import './detail.css';

const HEADINGS: Record<Status, string> = {
  pending: 'What it is waiting for',
  processing: 'What it is waiting for',
  accepted: 'Why it was accepted',
  rejected: 'Why it was rejected',
  inconclusive: 'Why it is inconclusive',
  canceled: 'Why it was canceled',
  failed: 'Why it failed',
};

function headingFor(status: string): string {
  return isStatus(status) ? HEADINGS[status] : 'Why it has this status';
}

/** The one sentence that says why the status is what it is, the rule behind it, and anything that contradicts it. */
export function ExplanationSummary({
  explanation,
  status,
}: {
  explanation: ExplanationJson;
  status: string;
}) {
  const { summary, rule, waitingFor, failReason, notices, agreesWithUpstream, disagreement, derivedStatus } =
    explanation;
  const tone = isStatus(status) ? status : 'unknown';
  const failLabel = typeof failReason?.label === 'string' ? failReason.label : undefined;
  const showFailExplanation = failReason !== undefined && !summary.includes(failReason.explanation);
  const readable = ruleForReader(rule);

  return (
    <DetailSection title={headingFor(status)} className={`explanation tone-${tone}`}>
      {!agreesWithUpstream && (
        <div className="disagreement" role="note">
          <span className="disagreement-icon" aria-hidden="true">
            ⚠
          </span>
          <div>
            <strong>Status disagrees with the checks.</strong>{' '}
            {disagreement ?? 'The status Assure sent disagrees with the documented rule.'}
            <div className="disagreement-statuses">
              Assure: <StatusBadge status={status} /> Rule: <StatusBadge status={derivedStatus} />
            </div>
            <p className="disagreement-advice">{disagreementAdvice(status)}</p>
          </div>
        </div>
      )}

      <p className="summary-sentence">{summary}</p>

      {waitingFor && waitingFor !== summary && (
        <p className="waiting-for">
          <span className="waiting-icon" aria-hidden="true">
            ◷
          </span>{' '}
          {waitingFor}
        </p>
      )}

      {failReason && (
        <p className="fail-reason">
          <span className="fail-reason-label">Fail reason:</span>{' '}
          {failReason.known ? (
            <>
              <strong>{failLabel ?? failReason.code}</strong> <code>{failReason.code}</code>
              {showFailExplanation && <> — {failReason.explanation}</>}
            </>
          ) : (
            <>
              <code>{failReason.code}</code>{' '}
              <span className="muted">(not recognised by Assure Desk; shown as received)</span>
            </>
          )}
        </p>
      )}
      {failReason?.lines && failReason.lines.length > 0 && (
        <ul className="fail-reason-lines" aria-label="Fail reason as sent by Assure">
          {failReason.lines.map((line, i) => (
            <li key={i}>
              <code>{line}</code>
            </li>
          ))}
        </ul>
      )}

      <p className="rule-line">
        <span className="rule-label">Rule:</span> {readable.text}
        {readable.basis && <span className="rule-basis"> — basis: {BASIS_TEXT[readable.basis]}.</span>}
      </p>

      {notices.length > 0 && (
        <ul className="notices" aria-label="Notices">
          {notices.map((notice, i) => (
            <li key={i}>
              <span aria-hidden="true">ℹ</span> {withoutContractRefs(notice)}
            </li>
          ))}
        </ul>
      )}
    </DetailSection>
  );
}
