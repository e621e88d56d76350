import type { JsonText, ZipEntry, ZipErrorKind, ZipLimits, ZipProgress } from './zip-types';

/** Page → worker: open these bytes (the buffer is lent: transferred, and transferred back as `zip` with the answer). */
export interface ZipWorkerRequest {
  type: 'open';
  id: number;
  bytes: ArrayBuffer;
  limits: ZipLimits;
}

/**
 * An entry as sent back. JSON comes back as text, decoded in the worker and parsed once on the page: a large document
 * is cheaper to parse there than to structured-clone as an object graph (which costs time on both sides of the
 * message), while decoding it in the worker takes that part off the page's longest task.
 */
export type WireEntry = Omit<ZipEntry, 'json'> & { jsonText?: JsonText };

/** Worker → page. Entry contents are transferred, not copied; so is the lent zip. */
export type ZipWorkerResponse =
  | { type: 'progress'; id: number; progress: ZipProgress }
  | { type: 'done'; id: number; zip: ArrayBuffer; entries: WireEntry[]; totalSize: number }
  | { type: 'error'; id: number; zip: ArrayBuffer; kind: ZipErrorKind | 'internal'; message: string };
