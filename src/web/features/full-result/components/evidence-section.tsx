import { useId, useState } from 'react';
import type { ProcessDetailResponse } from '@domain/process-detail-api';
import type { FullResultState } from '../hooks/use-full-result';
import { useSharedFullResult } from './full-result-provider';
import { printable, viewerContent, type ZipEntry } from '../lib/zip-types';
import { ImageViewer } from './image-viewer';
import '../full-result.css';

type Check = ProcessDetailResponse['explanation']['checks'][number];

/** Checks about the pictures themselves: liveness, face similarity, clone detection (by vendor name or label). */
const PICTURE_CHECK = /liveness|iproov|facial|face|similarity|selfie|clone|portrait/i;
export const pictureChecks = (checks: readonly Check[]) =>
  checks.filter((check) => PICTURE_CHECK.test(check.name) || PICTURE_CHECK.test(check.label));

/** The depictions of the contract's zip layout, in the order a reviewer compares them: the face first. */
const DEPICTIONS = ['selfie', 'portrait', 'front', 'back'] as const;

function caption(depiction: string, provider: string): string {
  switch (depiction) {
    case 'selfie':
      return provider === 'readid' ? 'Selfie (iProov)' : 'Selfie';
    case 'portrait':
      return provider === 'readid' ? 'Chip portrait' : 'Document portrait';
    case 'front':
      return 'Document front';
    case 'back':
      return 'Document back';
    default:
      return 'Other picture';
  }
}

/** Every picture in the zip: the known depictions in comparison order, then any other image. */
export function evidencePictures(entries: readonly ZipEntry[], provider: string) {
  const images = entries.filter((entry) => entry.kind === 'image');
  const depictionOf = (entry: ZipEntry) => {
    const base = entry.name.toLowerCase().replace(/\.[a-z]+$/, '');
    return DEPICTIONS.find((d) => base === d);
  };
  const rank = (entry: ZipEntry) => {
    const d = depictionOf(entry);
    return d ? DEPICTIONS.indexOf(d) : DEPICTIONS.length;
  };
  return [...images]
    .sort((a, b) => rank(a) - rank(b) || a.index - b.index)
    .map((entry) => ({ entry, caption: caption(depictionOf(entry) ?? 'other', provider) }));
}

const RESULT_WORDS: Record<Check['result'], { icon: string; word: string }> = {
  passed: { icon: '✓', word: 'Passed' },
  failed: { icon: '✕', word: 'Failed' },
  consider: { icon: '!', word: 'Consider' },
  not_available: { icon: '–', word: 'Not available' },
  not_performed: { icon: '–', word: 'Not performed' },
  unknown: { icon: '?', word: 'Not recognised' },
};

function PictureChecks({ checks }: { checks: readonly Check[] }) {
  if (checks.length === 0)
    return <p className="muted ev-no-checks">No liveness, face or clone check was reported.</p>;
  return (
    <ul className="ev-checks" aria-label="Checks on the pictures">
      {checks.map((check, i) => (
        <li key={`${i}-${check.name}`} className="ev-check">
          <span className={`fr-result fr-result-${check.result}`}>
            <span aria-hidden="true">{RESULT_WORDS[check.result].icon}</span>{' '}
            {RESULT_WORDS[check.result].word}
          </span>
          <span className="ev-check-label">{check.label}</span>
          <span className="ev-check-detail muted">{check.detail}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The pictures of the full result at the top of the case page: side by side, the same size, zoomable, with the
 * checks about them right next to them. The reviewer working the case gets them at once; anyone else opens them
 * with a reason (the zip holds the identifiers that are masked on the page).
 */
export function EvidenceSection({ detail }: { detail: ProcessDetailResponse }) {
  const shared = useSharedFullResult();
  const headingId = useId();
  const [reason, setReason] = useState('');
  if (!shared?.available) return null;
  const { state, open } = shared;
  const checks = pictureChecks(detail.explanation.checks);
  const provider = detail.process.provider;

  if (state.phase === 'idle' && !detail.worksCase) {
    return (
      <section className="detail-card ev-card" aria-labelledby={headingId}>
        <div className="ev-card-row">
          <div>
            <h2 id={headingId}>Evidence</h2>
            <p className="muted ev-lead">
              The pictures from the full result. You are not working this case: say why you open them
              (recorded in the audit log).
            </p>
          </div>
          <form
            className="fr-reason"
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) void open(reason.trim());
            }}
          >
            <label>
              Why you open the evidence
              <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required />
            </label>
            <button type="submit" className="btn" disabled={!reason.trim()}>
              Open evidence
            </button>
          </form>
        </div>
      </section>
    );
  }

  return (
    <section className="detail-card ev-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        Evidence
      </h2>
      <div className={checks.length > 0 ? 'ev-layout' : 'ev-layout ev-layout-single'}>
        <div className="ev-pictures">
          <EvidencePictures
            state={state}
            provider={provider}
            onOpen={() => void open()}
            worksCase={detail.worksCase}
          />
        </div>
        <div className="ev-aside">
          {checks.length > 0 && <h3>Checks on the pictures</h3>}
          <PictureChecks checks={checks} />
        </div>
      </div>
    </section>
  );
}

function EvidencePictures({
  state,
  provider,
  onOpen,
  worksCase,
}: {
  state: FullResultState;
  provider: string;
  onOpen: () => void;
  worksCase: boolean;
}) {
  switch (state.phase) {
    case 'idle':
      // Closed by the reviewer below (or not yet started): one click brings them back.
      return worksCase ? (
        <p className="ev-status">
          <button type="button" className="btn" onClick={onOpen}>
            Show the pictures
          </button>
        </p>
      ) : null;
    case 'downloading':
    case 'opening':
      return (
        <p className="ev-status muted" role="status">
          Loading the pictures from the full result…
        </p>
      );
    case 'error':
      // The full-result section below says what went wrong and offers to try again (the same download).
      return (
        <p className="ev-status">
          The pictures could not be loaded ({state.title.toLowerCase()}): see the provider&apos;s full result
          below.
        </p>
      );
    case 'ready': {
      const pictures = evidencePictures(state.result.entries, provider);
      if (pictures.length === 0) return <p className="ev-status muted">The full result holds no pictures.</p>;
      return (
        <div className="ev-grid" data-count={Math.min(pictures.length, 4)}>
          {pictures.map(({ entry, caption: text }) => (
            <ImageViewer
              key={entry.index}
              name={printable(entry.name)}
              caption={text}
              content={viewerContent(entry)}
              mimeType={entry.mimeType}
              problem={
                entry.state === 'ok' ? entry.problem : (entry.problem ?? `${entry.name} was not extracted.`)
              }
            />
          ))}
        </div>
      );
    }
  }
}
