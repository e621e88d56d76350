import { useEffect, useState } from 'react';
import { DetailSection } from './detail-section';
import { prettyJson } from './provider-values';
import './detail.css';

type CopyState = 'idle' | 'copied' | 'failed';

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Fallback for browsers without the async clipboard (e.g. an insecure context).
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

/** The Get process response as last seen, collapsed by default, with a copy button. Masked values stay masked. */
export function RawJsonViewer({ value, masked = [] }: { value: unknown; masked?: readonly string[] }) {
  const [state, setState] = useState<CopyState>('idle');
  const text = prettyJson(value);

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = () => {
    copyText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };

  return (
    <DetailSection
      title="Raw JSON"
      actions={
        <div className="copy-action">
          <span role="status" className="copy-status">
            {state === 'copied'
              ? 'Copied'
              : state === 'failed'
                ? 'Copy failed — select the text instead'
                : ''}
          </span>
          <button type="button" className="btn" onClick={copy}>
            Copy JSON
          </button>
        </div>
      }
    >
      <details className="raw-json-details">
        <summary>Get process response as last seen</summary>
        {masked.length > 0 && (
          <p className="muted panel-note">
            Masked for your role:{' '}
            {masked.map((key, i) => (
              <span key={key}>
                {i > 0 && ', '}
                <code>{key}</code>
              </span>
            ))}
            . Reveal them in the review panel.
          </p>
        )}
        {/* A long process scrolls inside its box, so keyboard users must be able to focus it to scroll. */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region needs keyboard access (axe scrollable-region-focusable) */}
        <pre className="raw-json" role="region" aria-label="Get process response JSON" tabIndex={0}>
          {text}
        </pre>
      </details>
    </DetailSection>
  );
}
