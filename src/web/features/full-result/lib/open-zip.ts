// Runs zip-reader.ts in a Web Worker: the page stays responsive while a large zip inflates.
import type { WireEntry, ZipWorkerRequest, ZipWorkerResponse } from './zip-worker-protocol';
import {
  DEFAULT_ZIP_LIMITS,
  parseJsonText,
  setJson,
  ZipReadError,
  type ZipEntry,
  type ZipLimits,
  type ZipProgress,
  type ZipReadResult,
} from './zip-types';

export interface OpenZipOptions {
  limits?: ZipLimits;
  signal?: AbortSignal;
  onProgress?: (progress: ZipProgress) => void;
}

// One idle worker is kept for a while after a successful open, so the next open skips start-up and runs warm
// (JIT-compiled inflate and CRC). It holds no data between requests. A worker that failed or was cancelled is
// terminated, never reused.
const IDLE_MS = 60_000;
let idle: { worker: Worker; timer: ReturnType<typeof setTimeout> } | undefined;
let nextId = 1;

function spawn(): Worker {
  return new Worker(new URL('./zip.worker.ts', import.meta.url), { type: 'module', name: 'full-result-zip' });
}

function acquire(): Worker {
  if (idle) {
    clearTimeout(idle.timer);
    const { worker } = idle;
    idle = undefined;
    return worker;
  }
  return spawn();
}

function release(worker: Worker) {
  if (idle) {
    worker.terminate();
    return;
  }
  idle = { worker, timer: setTimeout(() => dropIdleZipWorker(), IDLE_MS) };
}

/** Starts a worker ahead of time (e.g. while the zip downloads), so opening does not wait for it. */
export function prewarmZipWorker() {
  if (!idle && typeof Worker !== 'undefined') release(spawn());
}

/** Terminates the idle worker, if any. */
export function dropIdleZipWorker() {
  if (!idle) return;
  clearTimeout(idle.timer);
  idle.worker.terminate();
  idle = undefined;
}

function fromWire({ jsonText, ...entry }: WireEntry): ZipEntry {
  if (jsonText) setJson(entry, parseJsonText(entry.name, jsonText));
  return entry;
}

/** What came back from the worker: the zip it was lent (when it came back), and the result or why there is none. */
export type OpenedZip =
  { ok: true; bytes: Uint8Array; result: ZipReadResult } | { ok: false; bytes?: Uint8Array; error: Error };

/**
 * Opens `bytes` in a worker. The bytes are lent, not copied (a copy of 20 MB stalls the page for tens of
 * milliseconds): `bytes` is detached until the worker answers, and the answer hands them back, so "Download zip"
 * can still save the original, whether the zip opened or not. Only a crashed worker loses them (`bytes` is then
 * missing). Rejects only when `signal` aborts.
 */
export function openZipInWorker(bytes: Uint8Array, opts: OpenZipOptions = {}): Promise<OpenedZip> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(opts.signal.reason);
      return;
    }
    const id = nextId++;
    const worker = acquire();
    let settled = false;
    const finish = (reuse: boolean) => {
      settled = true;
      worker.onmessage = null;
      worker.onerror = null;
      opts.signal?.removeEventListener('abort', onAbort);
      if (reuse) release(worker);
      else worker.terminate();
    };
    const onAbort = () => {
      if (settled) return;
      finish(false);
      reject(opts.signal?.reason);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<ZipWorkerResponse>) => {
      const message = event.data;
      if (message.id !== id || settled) return;
      if (message.type === 'progress') {
        opts.onProgress?.(message.progress);
        return;
      }
      const zip = new Uint8Array(message.zip);
      if (message.type === 'done') {
        finish(true);
        resolve({
          ok: true,
          bytes: zip,
          result: { entries: message.entries.map(fromWire), totalSize: message.totalSize },
        });
        return;
      }
      finish(false);
      resolve({
        ok: false,
        bytes: zip,
        error:
          message.kind === 'internal'
            ? new Error(message.message)
            : new ZipReadError(message.kind, message.message),
      });
    };
    worker.onerror = (event) => {
      if (settled) return;
      finish(false);
      resolve({
        ok: false,
        error: new Error(`The zip viewer stopped unexpectedly${event.message ? `: ${event.message}` : ''}.`),
      });
    };
    // Lend the whole buffer when `bytes` is all of it; a view into a larger buffer is copied.
    const lent =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? (bytes.buffer as ArrayBuffer)
        : bytes.slice().buffer;
    const request: ZipWorkerRequest = {
      type: 'open',
      id,
      bytes: lent,
      limits: opts.limits ?? DEFAULT_ZIP_LIMITS,
    };
    worker.postMessage(request, [lent]);
  });
}
