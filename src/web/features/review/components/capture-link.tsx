import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { CaptureLink } from '@domain/cases';
import { APP_ONLY_PROVIDERS, providerLabel } from '@domain/providers';
import { formatDateTime } from '@web/lib/format';
import { paths } from '@web/lib/paths';

/** The end-user's link to a capture, to copy or to show as a QR code. */
export function CaptureUrl({ url, provider }: { url: string | null; provider: string }) {
  const [qr, setQr] = useState<string | null>(null);
  const [showQr, setShowQr] = useState(true);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    let live = true;
    // The QR encoder is loaded on first use: it is needed only when someone asks for the code.
    if (url && showQr)
      void import('qrcode')
        .then(({ default: QRCode }) => QRCode.toDataURL(url, { margin: 1, width: 160 }))
        .then((d) => live && setQr(d));
    return () => {
      live = false;
    };
  }, [url, showQr]);

  if (!url) {
    return (
      <p className="muted">
        {APP_ONLY_PROVIDERS.has(provider)
          ? `${providerLabel(provider)} runs in the provider's app: there is no link to hand over. Ask the end-user to open the app again to continue.`
          : 'Assure returned no link for this provider.'}
      </p>
    );
  }
  return (
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
        <button
          type="button"
          className="btn btn-ghost"
          aria-expanded={showQr}
          onClick={() => setShowQr((v) => !v)}
        >
          {showQr ? 'Hide QR code' : 'Show QR code'}
        </button>
      </div>
      {showQr && qr && (
        <img src={qr} alt="QR code of the end-user's link" width={160} height={160} className="qr" />
      )}
    </div>
  );
}

/**
 * The running retry of the case, kept server-side: its link is shown again (on the case and on the pending process)
 * until that process is final.
 */
export function RunningRetry({ link, currentProcessId }: { link: CaptureLink; currentProcessId: string }) {
  return (
    <div className="running-retry" role="status">
      <p>
        <strong>Waiting for the end-user.</strong> {link.startedBy} started a {providerLabel(link.provider)}
        {link.processType ? ` (${link.processType})` : ''} retry on {formatDateTime(link.startedAt)}
        {link.processId === currentProcessId ? (
          ' — this process.'
        ) : (
          <>
            {' '}
            — <Link to={paths.process.href(link.processId)}>open the new attempt</Link>.
          </>
        )}
      </p>
      <CaptureUrl url={link.url} provider={link.provider} />
    </div>
  );
}
