import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { CASE_STATE_LABELS, type CaseState } from '@domain/cases';
import { linkMatchLabel } from '@domain/identity-keys';
import type { LinkItem } from '@domain/links-api';
import { providerLabel } from '@domain/providers';
import { DECIDED_LABELS } from '@domain/review';
import { ErrorState } from '@web/components/error-state';
import { useReasonLabel } from '@web/hooks/use-reason-label';
import { formatDateTime, formatRelative } from '@web/lib/format';
import { paths } from '@web/lib/paths';
import { linkQueries } from '../api/link-queries';
import './links.css';

/** The desk's decision on a linked process, in words ("Rejected · Suspected fraud"). */
function decisionText(link: LinkItem, reasonLabel: (code: string) => string): string {
  if (!link.decision) return 'Not decided';
  return link.reasonCode
    ? `${DECIDED_LABELS[link.decision]} · ${reasonLabel(link.reasonCode)}`
    : DECIDED_LABELS[link.decision];
}

/**
 * "Seen elsewhere": every other dossier sharing a document, a person (name and date of birth) or a national number
 * with this process, from the keyed-hash link index. A manager sees the link and its outcome, never whose it is.
 */
export function SeenElsewhere({
  processId,
  renderStatus,
}: {
  processId: string;
  renderStatus: (status: string) => ReactNode;
}) {
  const links = useQuery(linkQueries.forProcess(processId));
  const reasonLabel = useReasonLabel();
  return (
    <section className="card seen-elsewhere" aria-labelledby="seen-elsewhere-heading">
      <h2 id="seen-elsewhere-heading">
        Seen elsewhere
        {links.data && <span className="count-pill">{links.data.items.length}</span>}
      </h2>
      {links.isPending ? (
        <p className="muted">Looking for the same document or person in other dossiers…</p>
      ) : links.isError ? (
        <ErrorState
          error={links.error}
          title="Links could not be loaded"
          onRetry={() => void links.refetch()}
        />
      ) : links.data.items.length === 0 ? (
        <p className="muted">No other dossier shares this document, person or national number.</p>
      ) : (
        <ul className="link-list">
          {links.data.items.map((link) => (
            <li
              key={link.processId}
              className={link.rejectedAsFraud ? 'link-item link-item-fraud' : 'link-item'}
            >
              <div className="link-item-head">
                <strong className="link-match">{capitalise(linkMatchLabel(link.matchedOn))}</strong>
                {link.rejectedAsFraud && <span className="tag tag-danger">Rejected as suspected fraud</span>}
                <span className="muted" title={formatDateTime(link.createdAt)}>
                  {formatRelative(link.createdAt)}
                </span>
              </div>
              <dl className="link-facts">
                {link.name && (
                  <div>
                    <dt>Name</dt>
                    <dd>{link.name}</dd>
                  </div>
                )}
                <div>
                  <dt>Assure</dt>
                  <dd>
                    {renderStatus(link.status)} <span className="muted">{providerLabel(link.provider)}</span>
                  </dd>
                </div>
                {link.caseState && (
                  <div>
                    <dt>Case</dt>
                    <dd>{caseStateLabel(link.caseState)}</dd>
                  </div>
                )}
                <div>
                  <dt>Desk</dt>
                  <dd>{decisionText(link, reasonLabel)}</dd>
                </div>
              </dl>
              <div className="link-item-foot">
                <Link to={paths.process.href(link.processId)}>Open linked process</Link>
                <Link to={paths.dossier.href(link.dossierId)} className="muted">
                  Dossier <span className="mono">{link.dossierId.slice(0, 8)}</span>
                </Link>
                {link.personalDataErased && <span className="tag tag-muted">personal data erased</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The case state in words ("Decided"); a state this version does not know is shown as it came. */
const caseStateLabel = (state: string) =>
  Object.hasOwn(CASE_STATE_LABELS, state) ? CASE_STATE_LABELS[state as CaseState] : state;

/** The warning at the top of a case linked to one rejected as suspected fraud, with the way to it. */
export function FraudLinkWarning({ processId }: { processId: string }) {
  const links = useQuery(linkQueries.forProcess(processId));
  const fraud = links.data?.items.filter((link) => link.rejectedAsFraud) ?? [];
  const first = fraud[0];
  if (!first) return null;
  return (
    <div className="banner banner-danger" role="alert">
      <strong>Linked to a case rejected as suspected fraud.</strong>{' '}
      {capitalise(linkMatchLabel(first.matchedOn))} as a process rejected in another dossier,{' '}
      {formatRelative(first.createdAt)}
      {fraud.length > 1 ? `, and ${fraud.length - 1} more` : ''}.{' '}
      <Link to={paths.process.href(first.processId)}>Open the rejected case</Link>
    </div>
  );
}
