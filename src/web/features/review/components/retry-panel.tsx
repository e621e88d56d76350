import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ProcessDetailResponse } from '@domain/api';
import { APP_ONLY_PROVIDERS, PROCESS_TYPES, PROVIDERS, isProvider, providerLabel } from '@domain/providers';
import { errorMessage } from '@web/components/error-state';
import { paths } from '@web/lib/paths';
import { useStartRetry } from '../hooks/use-review-mutations';

const newKey = () => crypto.randomUUID();

/** Starts an end-user retry in the same dossier and hands over the capture link (copy or QR code). */
export function RetryPanel({ detail }: { detail: ProcessDetailResponse }) {
  const { process, dossierId, review } = detail;
  const start = useStartRetry(dossierId, process.processId);
  const [provider, setProvider] = useState(process.provider);
  const [processType, setProcessType] = useState(typeof process.processType === 'string' ? process.processType : '');
  // One key per intent: a double click or a repeated request returns the first result.
  const [key, setKey] = useState(newKey);
  const types = isProvider(provider) ? PROCESS_TYPES[provider] : [];
  const left = review.retries.limit - review.retries.used;

  return (
    <div className="retry-panel">
      <h3>End-user retry</h3>
      <p className="muted">
        Retries used in this dossier: <strong>{review.retries.used}</strong> of {review.retries.limit}.
      </p>
      {start.data ? (
        <RetryResult processId={start.data.processId} url={start.data.url} provider={provider} onAnother={() => {
          start.reset();
          setKey(newKey());
        }} canAnother={left > 0} />
      ) : (
        <form
          className="retry-form"
          onSubmit={(e) => {
            e.preventDefault();
            start.mutate({ key, provider, processType: processType || undefined });
          }}
        >
          <label className="inline-field">
            <span>Provider</span>
            <select
              value={provider}
              onChange={(e) => {
                setProvider(e.target.value);
                const t = isProvider(e.target.value) ? PROCESS_TYPES[e.target.value] : [];
                setProcessType(t[0] ?? '');
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
          <button type="submit" className="btn btn-primary" disabled={start.isPending || left <= 0}>
            {start.isPending ? 'Starting…' : 'Start retry'}
          </button>
          {left <= 0 && <span className="form-hint">The retry limit for this dossier is reached.</span>}
        </form>
      )}
      {start.error && <p className="form-error" role="alert">{errorMessage(start.error)}</p>}
    </div>
  );
}

function RetryResult({ processId, url, provider, onAnother, canAnother }: { processId: string; url: string | null; provider: string; onAnother: () => void; canAnother: boolean }) {
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    let live = true;
    // The QR encoder is loaded on first use: it is needed only after a retry was started.
    if (url) void import('qrcode').then(({ default: QRCode }) => QRCode.toDataURL(url, { margin: 1, width: 160 })).then((d) => live && setQr(d));
    return () => {
      live = false;
    };
  }, [url]);

  return (
    <div className="retry-result" role="status">
      <p>
        Retry started: <Link to={paths.process.href(processId)}>new {providerLabel(provider)} process</Link>.
      </p>
      {url ? (
        <div className="capture-link">
          <label htmlFor="capture-url">Link for the end-user</label>
          <div className="copy-row">
            <input id="capture-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              className="btn"
              onClick={() =>
                void navigator.clipboard.writeText(url).then(() => {
                  setCopied(true);
                  setTimeout(() => setCopied(false), 2000);
                })
              }
            >
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
          {qr && <img src={qr} alt="QR code of the end-user's link" width={160} height={160} className="qr" />}
        </div>
      ) : (
        <p className="muted">
          {APP_ONLY_PROVIDERS.has(provider)
            ? `${providerLabel(provider)} runs in the provider's app: there is no link to hand over. Ask the end-user to open the app again to continue.`
            : 'Assure returned no link for this provider.'}
        </p>
      )}
      {canAnother && (
        <button type="button" className="btn btn-ghost" onClick={onAnother}>
          Start another retry
        </button>
      )}
    </div>
  );
}
