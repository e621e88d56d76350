import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ProcessDetailResponse } from '@domain/process-detail-api';
import {
  PROCESS_TYPES,
  PROVIDERS,
  STRONGEST_PROCESS_TYPE,
  isProvider,
  providerLabel,
} from '@domain/providers';
import { errorMessage } from '@web/components/error-state';
import { paths } from '@web/lib/paths';
import { useStartRetry } from '../hooks/use-review-mutations';
import { CaptureUrl, RunningRetry } from './capture-link';

const newKey = () => crypto.randomUUID();

/** The type a retry with this provider defaults to: its strongest one (e.g. Onfido `documentSelfie`). */
function defaultType(provider: string): string {
  if (!isProvider(provider)) return '';
  return STRONGEST_PROCESS_TYPE[provider] ?? PROCESS_TYPES[provider][0] ?? '';
}

/**
 * Starts an end-user retry in the same dossier, after a confirmation naming provider, type and retries left, and
 * hands over the capture link (copy or QR code). A retry belongs to the case: none is offered once the person is
 * verified, and a running one's link is shown again until that attempt is final.
 */
export function RetryPanel({ detail }: { detail: ProcessDetailResponse }) {
  const { process, dossierId, review } = detail;
  const kase = detail.case;
  const start = useStartRetry(dossierId, process.processId);
  const [provider, setProvider] = useState(process.provider);
  const [processType, setProcessType] = useState(
    typeof process.processType === 'string' ? process.processType : defaultType(process.provider),
  );
  const [confirming, setConfirming] = useState(false);
  // One key per intent: a double click or a repeated request returns the first result.
  const [key, setKey] = useState(newKey);
  const types = isProvider(provider) ? PROCESS_TYPES[provider] : [];
  const left = review.retries.limit - review.retries.used;
  const verified =
    kase?.state === 'resolved_by_retry' ||
    (kase?.state === 'decided' && kase.decision?.outcome === 'approve');

  return (
    <div className="retry-panel">
      <h3>End-user retry</h3>
      <p className="muted">
        Retries used in this dossier: <strong>{review.retries.used}</strong> of {review.retries.limit} (every
        retry started from Assure Desk counts, by an operator or a reviewer’s “request retry”; attempts the
        end-user starts elsewhere do not).
      </p>
      {kase?.captureLink && !start.data && (
        <RunningRetry link={kase.captureLink} currentProcessId={process.processId} />
      )}
      {start.data ? (
        <div className="retry-result" role="status">
          <p>
            Retry started:{' '}
            <Link to={paths.process.href(start.data.processId)}>new {providerLabel(provider)} process</Link>.
          </p>
          <CaptureUrl url={start.data.url} provider={provider} />
          {left > 0 && (
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                start.reset();
                setKey(newKey());
                setConfirming(false);
              }}
            >
              Start another retry
            </button>
          )}
        </div>
      ) : verified ? (
        <p className="notice" role="note">
          {kase.state === 'resolved_by_retry' && kase.processId ? (
            <>
              This person is already verified by{' '}
              <Link to={paths.process.href(kase.processId)}>attempt #{kase.attemptNumber}</Link>: no retry is
              needed.
            </>
          ) : (
            'A reviewer approved this person: no retry is needed.'
          )}
        </p>
      ) : confirming ? (
        <div className="retry-confirm" role="group" aria-label="Confirm the retry">
          <p>
            Start a retry with <strong>{providerLabel(provider)}</strong>
            {processType ? (
              <>
                {' '}
                <code>{processType}</code>
              </>
            ) : null}{' '}
            for this person? The end-user gets a new link; <strong>{left - 1}</strong> of{' '}
            {review.retries.limit} retries will be left.
          </p>
          <div className="decision-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={start.isPending}
              autoFocus
              onClick={() =>
                start.mutate({
                  key,
                  provider: isProvider(provider) ? provider : undefined,
                  processType: processType || undefined,
                })
              }
            >
              {start.isPending ? 'Starting…' : 'Confirm retry'}
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => setConfirming(false)}
              disabled={start.isPending}
            >
              Back
            </button>
          </div>
        </div>
      ) : (
        <form
          className="retry-form"
          onSubmit={(e) => {
            e.preventDefault();
            setConfirming(true);
          }}
        >
          <label className="inline-field">
            <span>Provider</span>
            <select
              value={provider}
              onChange={(e) => {
                setProvider(e.target.value);
                setProcessType(defaultType(e.target.value));
              }}
            >
              {PROVIDERS.map((p) => (
                <option key={p} value={p}>
                  {providerLabel(p)}
                </option>
              ))}
            </select>
          </label>
          {types.length > 0 && (
            <label className="inline-field">
              <span>Type</span>
              <select value={processType} onChange={(e) => setProcessType(e.target.value)}>
                {types.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" className="btn btn-primary" disabled={left <= 0}>
            Start retry…
          </button>
          {left <= 0 && <span className="form-hint">The retry limit for this dossier is reached.</span>}
        </form>
      )}
      {start.error && (
        <p className="form-error" role="alert">
          {errorMessage(start.error)}
        </p>
      )}
    </div>
  );
}
