// The Web Worker that opens full-result zips off the main thread (all logic lives in zip-reader.ts). It keeps
// nothing between requests: contents, and the zip it was lent, are transferred to the page.
import type { WireEntry, ZipWorkerRequest, ZipWorkerResponse } from './zip-worker-protocol';
import { readZip, ZipReadError } from './zip-reader';
import { decodeJsonText, type ZipEntry } from './zip-types';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ZipWorkerRequest>) => void) | null;
  postMessage(message: ZipWorkerResponse, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

/** Does here what would otherwise stall the page: decodes JSON text and puts pictures and videos in Blobs. */
function toWire(entry: ZipEntry): WireEntry {
  if (entry.state !== 'ok' || !entry.bytes) return entry;
  if (entry.kind === 'json') return { ...entry, jsonText: decodeJsonText(entry.name, entry.bytes) };
  if ((entry.kind === 'image' || entry.kind === 'video') && !entry.problem)
    return { ...entry, blob: new Blob([entry.bytes as Uint8Array<ArrayBuffer>], { type: entry.mimeType }) };
  return entry;
}

scope.onmessage = (event) => {
  const { id, bytes: zip, limits } = event.data;
  // JSON entries come back as text, unparsed: the page parses them once (see WireEntry). The zip goes back too.
  readZip(
    new Uint8Array(zip),
    limits,
    (progress) => scope.postMessage({ type: 'progress', id, progress }),
    false,
  )
    .then((result) => {
      const entries: WireEntry[] = result.entries.map(toWire);
      const transfer = entries.flatMap((entry) => (entry.bytes ? [entry.bytes.buffer as ArrayBuffer] : []));
      scope.postMessage({ type: 'done', id, zip, entries, totalSize: result.totalSize }, [zip, ...transfer]);
    })
    .catch((err: unknown) => {
      const [kind, message] =
        err instanceof ZipReadError
          ? [err.kind, err.message]
          : [
              'internal' as const,
              `The zip could not be opened: ${err instanceof Error ? err.message : String(err)}`,
            ];
      scope.postMessage({ type: 'error', id, zip, kind, message }, [zip]);
    });
};
