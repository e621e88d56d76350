import { useState } from 'react';
import { formatBytes } from '../lib/zip-types';
import { useObjectUrl } from '../hooks/use-object-url';

/**
 * A video from the zip (e.g. Signicat VideoID's recording), played in the page from an object URL that is revoked
 * when the viewer closes. Nothing autoplays; the sound stays off until the reviewer turns it on.
 */
export function VideoViewer({
  name,
  content,
  mimeType,
  size,
}: {
  name: string;
  /** The video: the worker's Blob, or its bytes. */
  content: Blob | Uint8Array | undefined;
  mimeType: string;
  size: number;
}) {
  const url = useObjectUrl(content, mimeType);
  const [failed, setFailed] = useState(false);
  if (!content) return <p className="muted">{name} was not extracted.</p>;
  return (
    <figure className="fr-video">
      {failed ? (
        <div className="error-state" role="alert">
          <strong>This browser cannot play {name}</strong>
          <p>Download the file to play it with a video player.</p>
        </div>
      ) : (
        url && (
          <video
            src={url}
            controls
            muted
            preload="metadata"
            aria-label={`${name}, video`}
            onError={() => setFailed(true)}
          />
        )
      )}
      <figcaption>
        <strong>{name}</strong>
        <span className="muted">
          {mimeType}, {formatBytes(size)}
        </span>
      </figcaption>
    </figure>
  );
}
