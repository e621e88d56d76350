// What the page needs to know about a full-result zip without reading one: limits, result types, errors and
// formatting. Kept apart from zip-reader.ts so JSZip stays inside the worker's chunk (the page never loads it).

export interface ZipLimits {
  /** Largest zip accepted, in bytes. */
  maxZipBytes: number;
  /** Most entries (files and folders) accepted. */
  maxEntries: number;
  /** Largest declared uncompressed size of all entries together. */
  maxTotalUncompressed: number;
  /** Largest declared uncompressed size of one entry. */
  maxEntryUncompressed: number;
}

const MB = 1024 * 1024;

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxZipBytes: 50 * MB,
  maxEntries: 500,
  maxTotalUncompressed: 200 * MB,
  maxEntryUncompressed: 50 * MB,
};

export type ZipErrorKind = 'corrupt' | 'too-large' | 'too-many-entries' | 'zip-bomb' | 'unsupported';

/** A failure of the whole zip; `message` is written for the reviewer. */
export class ZipReadError extends Error {
  constructor(
    readonly kind: ZipErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ZipReadError';
  }
}

export type ZipEntryKind = 'image' | 'json' | 'text' | 'video' | 'binary' | 'folder';

export type JsonContent = { ok: true; value: unknown } | { ok: false; message: string };

export interface ZipEntry {
  /** Position in the central directory. */
  index: number;
  /** The name exactly as stored in the zip (never used as a path by us). */
  name: string;
  kind: ZipEntryKind;
  mimeType: string;
  /** Declared uncompressed size. */
  size: number;
  compressedSize: number;
  /** `refused`: not extracted because its name or metadata is unsafe; `failed`: extraction went wrong. */
  state: 'ok' | 'refused' | 'failed';
  /** Why it was refused or failed, or what is wrong with its content (invalid JSON, not a picture). */
  problem?: string;
  /** The inflated content, when `state` is `ok` (folders have none). */
  bytes?: Uint8Array;
  /**
   * Pictures and videos opened in the worker: the content as a Blob of its MIME type, made there so that the page
   * does not copy megabytes into Blob storage in one task when it shows them.
   */
  blob?: Blob;
  /** Parsed content of JSON entries. */
  json?: JsonContent;
}

export interface ZipReadResult {
  entries: ZipEntry[];
  /** Sum of the declared uncompressed sizes of the extracted entries. */
  totalSize: number;
}

export interface ZipProgress {
  phase: 'checking' | 'inflating';
  /** Bytes inflated so far / declared total (checking: 0 of 0). */
  done: number;
  total: number;
  currentFile?: string;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < MB) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * MB) return `${(n / MB).toFixed(1)} MB`;
  return `${(n / (1024 * MB)).toFixed(1)} GB`;
}

/** What a picture or video viewer shows: the worker's Blob when there is one, else the bytes; nothing unless extracted. */
export const viewerContent = (entry: ZipEntry): Blob | Uint8Array | undefined =>
  entry.state === 'ok' ? (entry.blob ?? entry.bytes) : undefined;

/** Control characters made visible, for names shown in messages. */
export function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Records a JSON entry's parsed content, and its problem when it is not valid JSON. */
export function setJson(entry: ZipEntry, json: JsonContent) {
  entry.json = json;
  if (!json.ok) entry.problem = json.message;
}

/** A JSON entry's text, or why it is not text: the half of parsing the worker does (see WireEntry). */
export type JsonText = { ok: true; text: string } | { ok: false; message: string };

export function decodeJsonText(name: string, bytes: Uint8Array): JsonText {
  try {
    return { ok: true, text: strictUtf8.decode(bytes) };
  } catch {
    return { ok: false, message: `${name} is not valid JSON: it is not UTF-8 text.` };
  }
}

/** Parses a JSON entry's text; the message names the file and where it breaks. */
export function parseJsonText(name: string, json: JsonText): JsonContent {
  if (!json.ok) return json;
  try {
    return { ok: true, value: JSON.parse(json.text) as unknown };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      message: `${name} is not valid JSON (${detail}). Its raw bytes can still be downloaded.`,
    };
  }
}

export function parseJsonContent(name: string, bytes: Uint8Array): JsonContent {
  return parseJsonText(name, decodeJsonText(name, bytes));
}
