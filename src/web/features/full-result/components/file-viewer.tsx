import { useMemo } from 'react';
import { formatBytes, printable, viewerContent, type ZipEntry } from '../lib/zip-types';
import { ImageViewer } from './image-viewer';
import { JsonViewer } from './json-viewer';
import { VideoViewer } from './video-viewer';

const TEXT_LIMIT = 1024 * 1024;

function TextViewer({ entry }: { entry: ZipEntry }) {
  const bytes = entry.bytes!;
  const text = useMemo(() => new TextDecoder('utf-8').decode(bytes.subarray(0, TEXT_LIMIT)), [bytes]);
  return (
    <>
      {bytes.length > TEXT_LIMIT && (
        <p className="muted">
          Showing the first {formatBytes(TEXT_LIMIT)} of {formatBytes(bytes.length)}; download the file for
          all of it.
        </p>
      )}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be reachable by keyboard */}
      <pre className="fr-text" tabIndex={0} aria-label={`${printable(entry.name)} contents`}>
        {text}
      </pre>
    </>
  );
}

/** Shows one file of the zip: a picture, a video, a JSON tree or plain text (never rendered as HTML). */
export function FileViewer({ entry }: { entry: ZipEntry }) {
  const name = printable(entry.name);
  if (entry.kind === 'video')
    return (
      <VideoViewer name={name} content={viewerContent(entry)} mimeType={entry.mimeType} size={entry.size} />
    );
  if (entry.kind === 'image')
    return (
      <ImageViewer
        name={name}
        content={viewerContent(entry)}
        mimeType={entry.mimeType}
        problem={entry.problem}
      />
    );
  if (entry.kind === 'json') {
    if (entry.json?.ok) return <JsonViewer name={name} value={entry.json.value} />;
    return (
      <div className="error-state" role="alert">
        <strong>Invalid JSON</strong>
        <p>{entry.json?.message ?? entry.problem}</p>
      </div>
    );
  }
  return <TextViewer entry={entry} />;
}
