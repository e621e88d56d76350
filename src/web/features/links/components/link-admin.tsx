import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '@web/components/error-state';
import { formatDateTime } from '@web/lib/format';
import { linkQueries } from '../api/link-queries';
import { useAddLinkExclusion } from '../hooks/use-add-link-exclusion';
import { useRemoveLinkExclusion } from '../hooks/use-remove-link-exclusion';
import { useRotateLinkKey } from '../hooks/use-rotate-link-key';
import './links.css';

/** The link key (fingerprint, rotation and its progress) and the documents excluded from linking. */
export function LinkAdmin() {
  const key = useQuery(linkQueries.key());
  const exclusions = useQuery(linkQueries.exclusions());
  const rotate = useRotateLinkKey();
  const add = useAddLinkExclusion();
  const remove = useRemoveLinkExclusion();
  const [confirming, setConfirming] = useState(false);
  const [documentNumber, setDocumentNumber] = useState('');
  const [issuingCountry, setIssuingCountry] = useState('');
  const [note, setNote] = useState('');
  const status = key.data;
  const percent = status?.progress
    ? Math.floor((100 * status.progress.done) / Math.max(1, status.progress.total))
    : 100;

  return (
    <section className="card link-admin" aria-labelledby="link-admin-heading">
      <h2 id="link-admin-heading">Linked identities</h2>
      <p className="hint">
        Document numbers, national numbers and names with dates of birth are linked across dossiers as keyed
        hashes (HMAC-SHA-256 under <code>LINK_KEY</code>); the link index holds no identifier and outlives
        retention.
      </p>
      {key.error && <p className="form-error">{errorMessage(key.error)}</p>}
      {status && (
        <dl className="detail-meta">
          <div>
            <dt>Key fingerprint</dt>
            <dd className="mono">{status.fingerprint}</dd>
          </div>
          <div>
            <dt>Generation</dt>
            <dd>{status.generation}</dd>
          </div>
          <div>
            <dt>Last rotated</dt>
            <dd>{status.rotatedAt ? formatDateTime(status.rotatedAt) : 'Never'}</dd>
          </div>
        </dl>
      )}
      {status?.rotating && (
        <div className="rekey-progress" role="status">
          <label htmlFor="rekey-meter">
            Re-keying the index in the background: {status.progress?.done.toLocaleString()} of{' '}
            {status.progress?.total.toLocaleString()} keys ({percent}%). Links keep working meanwhile.
          </label>
          <progress id="rekey-meter" max={100} value={percent} />
        </div>
      )}
      {status && !status.rotating && status.canRotateHere && (
        <div className="inline-form">
          {confirming ? (
            <>
              <span>Generate a new key and re-key every link?</span>
              <button
                type="button"
                className="btn btn-primary"
                disabled={rotate.isPending}
                onClick={() => rotate.mutate(undefined, { onSettled: () => setConfirming(false) })}
              >
                Rotate now
              </button>
              <button type="button" className="btn" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" className="btn" onClick={() => setConfirming(true)}>
              Rotate the link key
            </button>
          )}
          {rotate.error && <span className="form-error">{errorMessage(rotate.error)}</span>}
        </div>
      )}
      {status && !status.rotating && !status.canRotateHere && (
        <p className="hint">
          To rotate, set <code>LINK_KEY_PREVIOUS</code> to the current key and <code>LINK_KEY</code> to a new
          one, and restart: the index is re-keyed in the background, with its progress here.
        </p>
      )}
      {status?.backfillPending && (
        <p className="hint">Computing the links of processes indexed before linking existed…</p>
      )}

      <h3 className="subheading">Documents excluded from linking</h3>
      <p className="hint">
        A document shared legitimately, such as a test document, links nothing once excluded. Stored as a
        hash; audited with your note.
      </p>
      {exclusions.error && <p className="form-error">{errorMessage(exclusions.error)}</p>}
      {exclusions.data && exclusions.data.items.length === 0 && <p className="muted">None.</p>}
      {exclusions.data && exclusions.data.items.length > 0 && (
        <ul className="reason-list">
          {exclusions.data.items.map((e) => (
            <li key={e.id}>
              {e.note}{' '}
              <span className="muted">
                — {e.createdBy}, {formatDateTime(e.createdAt)}
              </span>{' '}
              <button
                type="button"
                className="btn"
                disabled={remove.isPending}
                onClick={() => remove.mutate(e.id)}
                aria-label={`Remove the exclusion "${e.note}"`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(
            { documentNumber, issuingCountry, note },
            { onSuccess: () => (setDocumentNumber(''), setIssuingCountry(''), setNote('')) },
          );
        }}
      >
        <div className="field">
          <label htmlFor="exclusion-number">Document number</label>
          <input
            id="exclusion-number"
            value={documentNumber}
            onChange={(e) => setDocumentNumber(e.target.value)}
            autoComplete="off"
            required
          />
        </div>
        <div className="field">
          <label htmlFor="exclusion-country">Issuing country</label>
          <input
            id="exclusion-country"
            value={issuingCountry}
            onChange={(e) => setIssuingCountry(e.target.value)}
            placeholder="NOR"
            size={5}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="exclusion-note">Why it is shared</label>
          <input
            id="exclusion-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="e.g. QA test passport"
            required
          />
        </div>
        <button type="submit" className="btn" disabled={add.isPending}>
          Exclude from linking
        </button>
        {add.isSuccess && <span role="status">Excluded.</span>}
        {add.error && <span className="form-error">{errorMessage(add.error)}</span>}
      </form>
    </section>
  );
}
