import { useSuspenseQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import type { ProcessDetailResponse } from '@domain/process-detail-api';
import { can } from '@domain/policy';
import { RESULT_STATUSES } from '@domain/status';
import { sessionQueries } from '@web/features/auth/api/session-queries';
import { useFullResult, type FullResultState } from '../hooks/use-full-result';
import { useSharedFullResult } from './full-result-provider';
import { safeFileName, useSaveBytes } from '../hooks/use-object-url';
import { formatBytes, printable, type ZipEntry, type ZipReadResult } from '../lib/zip-types';
import { ChipChecksPanel } from './chip-checks-panel';
import { FacesPanel } from './faces-panel';
import { FileList } from './file-list';
import { FileViewer } from './file-viewer';
import { JsonViewer } from './json-viewer';
import '../full-result.css';

/**
 * The provider's full-result zip opened in the browser (product screen 4). Shown only for processes finished with
 * a result and to roles allowed `fullResult:read`; the server enforces both and records every download.
 */
export function FullResultSection({ detail }: { detail: ProcessDetailResponse }) {
  const session = useSuspenseQuery(sessionQueries.current()).data;
  if (!can(session.user?.role, 'fullResult:read') || !RESULT_STATUSES.has(detail.process.status)) return null;
  return <FullResultPanel detail={detail} />;
}

function FullResultPanel({ detail }: { detail: ProcessDetailResponse }) {
  const { processId } = detail.process;
  const headingId = useId();
  // On the case page the zip is shared with the evidence at the top (one download); alone, the section has its own.
  const shared = useSharedFullResult();
  const own = useFullResult(processId);
  const { state, open, close, retry } = shared ?? own;
  const { save, revokeAll } = useSaveBytes();
  const zipName = `full-result-${safeFileName(processId)}.zip`;
  const bytes = state.phase === 'ready' || state.phase === 'error' ? state.bytes : undefined;
  const busy = state.phase === 'downloading' || state.phase === 'opening';
  // Whoever is not working the case says why they open it: the zip holds the same identifiers as the process.
  const [reason, setReason] = useState('');
  const needsReason = !detail.worksCase;
  const start = () => void open(needsReason ? reason.trim() : undefined);

  return (
    <section className="fr-section" aria-labelledby={headingId}>
      <div className="fr-header">
        <div>
          <h2 id={headingId}>Provider&apos;s full result</h2>
          <p className="muted fr-lead">
            The zip from Assure opened in this browser: pictures, the raw JSON and every file. It stays in
            memory only while open; each download is recorded in the audit log
            {detail.worksCase ? '.' : ', with your reason: it holds the identifiers masked above.'}
          </p>
        </div>
        <div className="fr-actions">
          {state.phase === 'idle' && !needsReason && (
            <button type="button" className="btn btn-primary" onClick={start}>
              Full result
            </button>
          )}
          {state.phase === 'idle' && needsReason && (
            <form
              className="fr-reason"
              onSubmit={(e) => {
                e.preventDefault();
                if (reason.trim()) start();
              }}
            >
              <label>
                Reason for opening
                <input
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  maxLength={500}
                  placeholder="e.g. customer complaint 4711"
                  required
                />
              </label>
              <button type="submit" className="btn btn-primary" disabled={!reason.trim()}>
                Full result
              </button>
            </form>
          )}
          {bytes && (
            <button type="button" className="btn" onClick={() => save(bytes, zipName, 'application/zip')}>
              Download zip
            </button>
          )}
          {state.phase !== 'idle' && (
            <button
              type="button"
              className="btn"
              onClick={() => {
                revokeAll();
                close();
              }}
            >
              {busy ? 'Cancel' : 'Close'}
            </button>
          )}
        </div>
      </div>
      <Progress state={state} />
      {state.phase === 'error' && (
        <div className="error-state" role="alert">
          <strong>{state.title}</strong>
          <p>{state.message}</p>
          {state.retry && (
            <button type="button" className="btn" onClick={() => void retry()}>
              Try again
            </button>
          )}
        </div>
      )}
      {state.phase === 'ready' && (
        <FullResultContents
          result={state.result}
          zipSize={state.bytes.length}
          detail={detail}
          picturesAbove={shared !== null}
        />
      )}
    </section>
  );
}

function Progress({ state }: { state: FullResultState }) {
  if (state.phase === 'downloading') {
    const { loaded, total } = state;
    return (
      <div className="fr-progress" role="status">
        <span>
          Downloading the zip… {formatBytes(loaded)}
          {total ? ` of ${formatBytes(total)}` : ''}
        </span>
        <progress
          aria-label="Download progress"
          max={total ?? undefined}
          value={total ? loaded : undefined}
        />
      </div>
    );
  }
  if (state.phase === 'opening') {
    const { done, total, currentFile } = state;
    return (
      <div className="fr-progress" role="status">
        <span>
          Opening the zip…{' '}
          {total > 0
            ? `${formatBytes(done)} of ${formatBytes(total)}${currentFile ? ` (${printable(currentFile)})` : ''}`
            : 'checking its contents'}
        </span>
        <progress aria-label="Unzip progress" max={total || undefined} value={total ? done : undefined} />
      </div>
    );
  }
  return null;
}

const isRootJson = (entry: ZipEntry) => entry.kind === 'json' && !entry.name.includes('/');

function FullResultContents({
  result,
  zipSize,
  detail,
  picturesAbove,
}: {
  result: ZipReadResult;
  zipSize: number;
  detail: ProcessDetailResponse;
  /** The pictures are shown under Evidence at the top of the page. */
  picturesAbove: boolean;
}) {
  const { entries } = result;
  const provider = detail.process.provider;
  const { save } = useSaveBytes();
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const viewerId = useId();
  // The provider's raw JSON: ReadID's session.json, else the first JSON at the top of the zip.
  const mainJson = useMemo(
    () => entries.find((e) => e.name === 'session.json') ?? entries.find(isRootJson),
    [entries],
  );
  const session = entries.find((e) => e.name === 'session.json');
  const refused = entries.filter((e) => e.state === 'refused').length;
  const failed = entries.filter((e) => e.state === 'failed').length;
  const selectedEntry = selected === undefined ? undefined : entries[selected];

  return (
    <div className="fr-contents">
      <p className="fr-summary muted">
        {entries.length} {entries.length === 1 ? 'file' : 'files'} · {formatBytes(result.totalSize)} unpacked
        from a {formatBytes(zipSize)} zip
        {refused > 0 && ` · ${refused} refused`}
        {failed > 0 && ` · ${failed} could not be extracted`}
      </p>
      {entries.length === 0 && <p className="empty-state">The zip is empty.</p>}
      {picturesAbove ? (
        entries.some((e) => e.kind === 'image') && (
          <p className="muted">The pictures are shown under Evidence at the top of the page.</p>
        )
      ) : (
        <FacesPanel entries={entries} provider={provider} />
      )}
      {provider === 'readid' && session?.json?.ok && (
        <ChipChecksPanel session={session.json.value} process={detail.process} />
      )}
      {provider === 'readid' && !session && (
        <p className="banner banner-warning">
          This ReadID zip has no session.json, so the chip checks cannot be shown.
        </p>
      )}
      {mainJson && (
        <section className="fr-panel" aria-label={printable(mainJson.name)}>
          <h3 className="mono">{printable(mainJson.name)}</h3>
          {mainJson.json?.ok ? (
            <JsonViewer name={printable(mainJson.name)} value={mainJson.json.value} />
          ) : (
            <div className="error-state" role="alert">
              <strong>Invalid JSON</strong>
              <p>{mainJson.problem ?? `${mainJson.name} could not be read.`}</p>
            </div>
          )}
        </section>
      )}
      <section className="fr-panel" aria-labelledby={`${viewerId}-files`}>
        <h3 id={`${viewerId}-files`}>Files in the zip</h3>
        <FileList
          entries={entries}
          selected={selected}
          onView={(entry) => {
            setSelected(entry.index);
            requestAnimationFrame(() => document.getElementById(viewerId)?.focus());
          }}
          onDownload={(entry) =>
            entry.bytes &&
            save(entry.bytes, safeFileName(entry.name), entry.mimeType || 'application/octet-stream')
          }
        />
        {selectedEntry && (
          <div
            className="fr-viewer"
            id={viewerId}
            tabIndex={-1}
            aria-label={`Viewing ${printable(selectedEntry.name)}`}
            role="region"
          >
            <div className="fr-viewer-header">
              <h4 className="mono">{printable(selectedEntry.name)}</h4>
              <button type="button" className="btn" onClick={() => setSelected(undefined)}>
                Close viewer
              </button>
            </div>
            <FileViewer key={selectedEntry.index} entry={selectedEntry} />
          </div>
        )}
      </section>
    </div>
  );
}
