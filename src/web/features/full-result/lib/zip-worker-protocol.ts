import type { ZipEntry, ZipErrorKind, ZipLimits, ZipProgress } from './zip-types';

/** Page → worker: open these bytes (the buffer is transferred). */
export interface ZipWorkerRequest {
  type: 'open';
  id: number;
  bytes: ArrayBuffer;
  limits: ZipLimits;
}

/**
 * An entry as sent back. JSON comes back as its bytes only, parsed once on the page: a large document is cheaper to
 * parse there than to structured-clone as an object graph (which costs time on both sides of the message), and
 * parsing it in the worker too only doubled the work.
 */
export type WireEntry = Omit<ZipEntry, 'json'>;

/** Worker → page. Entry contents are transferred, not copied. */
export type ZipWorkerResponse =
  | { type: 'progress'; id: number; progress: ZipProgress }
  | { type: 'done'; id: number; entries: WireEntry[]; totalSize: number }
  | { type: 'error'; id: number; kind: ZipErrorKind | 'internal'; message: string };
