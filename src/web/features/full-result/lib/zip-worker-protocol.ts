import type { ZipEntry, ZipErrorKind, ZipLimits, ZipProgress } from './zip-types';

/** Page → worker: open these bytes (the buffer is transferred). */
export interface ZipWorkerRequest {
  type: 'open';
  id: number;
  bytes: ArrayBuffer;
  limits: ZipLimits;
}

/**
 * An entry as sent back. Valid JSON comes back as its bytes only: a large document is cheaper to parse again on
 * the page than to structured-clone as an object graph (which costs time on both sides of the message).
 */
export type WireEntry = Omit<ZipEntry, 'json'> & { json?: { ok: true } | { ok: false; message: string } };

/** Worker → page. Entry contents are transferred, not copied. */
export type ZipWorkerResponse =
  | { type: 'progress'; id: number; progress: ZipProgress }
  | { type: 'done'; id: number; entries: WireEntry[]; totalSize: number }
  | { type: 'error'; id: number; kind: ZipErrorKind | 'internal'; message: string };
