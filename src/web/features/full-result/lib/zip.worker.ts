// The Web Worker that opens full-result zips off the main thread (all logic lives in zip-reader.ts). It keeps
// nothing between requests: contents are transferred to the page.
import type { WireEntry, ZipWorkerRequest, ZipWorkerResponse } from './zip-worker-protocol';
import { readZip, ZipReadError } from './zip-reader';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ZipWorkerRequest>) => void) | null;
  postMessage(message: ZipWorkerResponse, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, bytes, limits } = event.data;
  // JSON entries come back unparsed: the page parses them once (see WireEntry).
  readZip(
    new Uint8Array(bytes),
    limits,
    (progress) => scope.postMessage({ type: 'progress', id, progress }),
    false,
  )
    .then((result) => {
      const entries: WireEntry[] = result.entries;
      const transfer = entries.flatMap((entry) => (entry.bytes ? [entry.bytes.buffer as ArrayBuffer] : []));
      scope.postMessage({ type: 'done', id, entries, totalSize: result.totalSize }, transfer);
    })
    .catch((err: unknown) => {
      if (err instanceof ZipReadError)
        scope.postMessage({ type: 'error', id, kind: err.kind, message: err.message });
      else
        scope.postMessage({
          type: 'error',
          id,
          kind: 'internal',
          message: `The zip could not be opened: ${err instanceof Error ? err.message : String(err)}`,
        });
    });
};
