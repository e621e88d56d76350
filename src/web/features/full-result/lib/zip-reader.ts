// Opens a full-result zip (contract §5 "Zip layout") safely. Plain module, no DOM: the Web Worker (zip.worker.ts)
// wraps it so the page stays responsive, and unit tests call it directly.
//
// Order of defence:
//  1. our own read of the central directory, before anything is inflated: zip size, entry count, declared sizes
//     (per entry and in total), unsafe names (path traversal, absolute, backslashes), duplicates, encryption;
//  2. each accepted entry is read at the offset its directory record gives (after its own local header) and
//     inflated by the browser's native DecompressionStream ("deflate-raw") as a stream into a buffer of its declared
//     size: a chunk past that size stops everything (a zip bomb that lies about its sizes), and the CRC-32 is
//     checked at the end.

export * from './zip-types';
import {
  DEFAULT_ZIP_LIMITS,
  formatBytes,
  parseJsonContent,
  printable,
  setJson,
  ZipReadError,
  type ZipEntry,
  type ZipEntryKind,
  type ZipLimits,
  type ZipProgress,
  type ZipReadResult,
} from './zip-types';

// ---- 1. Central directory ----------------------------------------------------------------------------------------

export interface CentralEntry {
  index: number;
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;

const corrupt = (detail: string) =>
  new ZipReadError(
    'corrupt',
    `The zip is corrupt or truncated (${detail}). Download it again; if it keeps failing, Assure delivered a damaged file.`,
  );

function u64(view: DataView, offset: number): number {
  const value = view.getBigUint64(offset, true);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

const utf8 = new TextDecoder('utf-8');

/** Reads the central directory and checks the limits that do not need inflating. Throws ZipReadError. */
export function readCentralDirectory(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): CentralEntry[] {
  if (bytes.byteLength > limits.maxZipBytes) {
    throw new ZipReadError(
      'too-large',
      `The zip is ${formatBytes(bytes.byteLength)}, more than the ${formatBytes(limits.maxZipBytes)} this viewer opens. Use "Download zip" to inspect it elsewhere.`,
    );
  }
  if (bytes.byteLength < 22)
    throw corrupt(bytes.byteLength === 0 ? 'the file is empty' : 'too short to be a zip');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  // End of central directory: the last record with the signature, within the 64 KB a comment may take.
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - U16_MAX); i--) {
    if (view.getUint32(i, true) === SIG_EOCD && i + 22 + view.getUint16(i + 20, true) <= bytes.byteLength) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('its end-of-archive record is missing');
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0) {
    throw new ZipReadError(
      'unsupported',
      'The zip is split over several parts, which this viewer does not open.',
    );
  }
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  let cdEnd = eocd;
  if (count === U16_MAX || cdSize === U32_MAX || cdOffset === U32_MAX) {
    // ZIP64: a locator just before the classic record points to the 64-bit record.
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== SIG_ZIP64_LOCATOR)
      throw corrupt('its ZIP64 locator is missing');
    const record = u64(view, locator + 8);
    if (record + 56 > locator || view.getUint32(record, true) !== SIG_ZIP64_EOCD)
      throw corrupt('its ZIP64 record is missing');
    count = u64(view, record + 32);
    cdSize = u64(view, record + 40);
    cdOffset = u64(view, record + 48);
    cdEnd = record;
  }
  if (count > limits.maxEntries) {
    throw new ZipReadError(
      'too-many-entries',
      `The zip has ${count.toLocaleString('en')} entries, more than the ${limits.maxEntries} this viewer opens. Use "Download zip" to inspect it elsewhere.`,
    );
  }
  if (cdOffset + cdSize > cdEnd) throw corrupt('its file directory points outside the file');

  const entries: CentralEntry[] = [];
  let at = cdOffset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > cdEnd || view.getUint32(at, true) !== SIG_CENTRAL)
      throw corrupt('its file directory is damaged');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc32 = view.getUint32(at + 16, true);
    let compressedSize = view.getUint32(at + 20, true);
    let uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localHeaderOffset = view.getUint32(at + 42, true);
    const nameStart = at + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > cdEnd) throw corrupt('its file directory is damaged');
    const name = utf8.decode(bytes.subarray(nameStart, extraStart));
    // ZIP64 extended information (0x0001): the 64-bit values of the fields set to 0xFFFFFFFF, in this order.
    for (let e = extraStart; e + 4 <= extraStart + extraLength;) {
      const id = view.getUint16(e, true);
      const size = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let p = e + 4;
        const end = p + size;
        if (uncompressedSize === U32_MAX && p + 8 <= end) {
          uncompressedSize = u64(view, p);
          p += 8;
        }
        if (compressedSize === U32_MAX && p + 8 <= end) {
          compressedSize = u64(view, p);
          p += 8;
        }
        if (localHeaderOffset === U32_MAX && p + 8 <= end) localHeaderOffset = u64(view, p);
      }
      e += 4 + size;
    }
    if (localHeaderOffset + 30 > bytes.byteLength || view.getUint32(localHeaderOffset, true) !== SIG_LOCAL) {
      throw corrupt(`the data of "${printable(name)}" is missing`);
    }
    if (localHeaderOffset + 30 + compressedSize > bytes.byteLength)
      throw corrupt(`the data of "${printable(name)}" is cut off`);
    entries.push({ index, name, flags, method, crc32, compressedSize, uncompressedSize, localHeaderOffset });
    at = next;
  }

  for (const entry of entries) {
    if (entry.flags & 0x1)
      throw new ZipReadError(
        'unsupported',
        `The zip is encrypted ("${printable(entry.name)}"), which this viewer does not open.`,
      );
    if (entry.method !== 0 && entry.method !== 8 && !entry.name.endsWith('/')) {
      throw new ZipReadError(
        'unsupported',
        `"${printable(entry.name)}" uses compression method ${entry.method}, which the browser cannot inflate (only stored and deflate).`,
      );
    }
    if (entry.uncompressedSize > limits.maxEntryUncompressed) {
      throw new ZipReadError(
        'zip-bomb',
        `Refused as a possible zip bomb: "${printable(entry.name)}" declares ${formatBytes(entry.uncompressedSize)} uncompressed, more than the ${formatBytes(limits.maxEntryUncompressed)} allowed per file. Nothing was extracted.`,
      );
    }
  }
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > limits.maxTotalUncompressed) {
    throw new ZipReadError(
      'zip-bomb',
      `Refused as a possible zip bomb: its files declare ${formatBytes(total)} uncompressed in total, more than the ${formatBytes(limits.maxTotalUncompressed)} allowed. Nothing was extracted.`,
    );
  }
  return entries;
}

/** Why a name is not extracted (it could escape a folder if someone unpacked it), or undefined when it is safe. */
export function unsafeNameReason(name: string): string | undefined {
  if (name === '') return 'Refused: the entry has no name.';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'Refused: the name contains control characters.';
  if (name.includes('\\')) return 'Refused: the name contains a backslash (a Windows path).';
  if (name.startsWith('/')) return 'Refused: the name is an absolute path.';
  if (/^[a-zA-Z]:/.test(name)) return 'Refused: the name starts with a drive letter.';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.includes('..')) return 'Refused: the name climbs out of the folder ("../").';
  if (segments.some((s) => s === '' || s === '.')) return 'Refused: the name has empty or "." path parts.';
  return undefined;
}

// ---- Content types -----------------------------------------------------------------------------------------------

/** The picture type from the first bytes, or undefined when they are not a picture the browser shows. */
export function sniffImage(bytes: Uint8Array): string | undefined {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (
    b.length >= 8 &&
    b[0] === 0x89 &&
    b[1] === 0x50 &&
    b[2] === 0x4e &&
    b[3] === 0x47 &&
    b[4] === 0x0d &&
    b[5] === 0x0a &&
    b[6] === 0x1a &&
    b[7] === 0x0a
  )
    return 'image/png';
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return 'image/gif';
  if (
    b.length >= 12 &&
    b[0] === 0x52 &&
    b[1] === 0x49 &&
    b[2] === 0x46 &&
    b[3] === 0x46 &&
    b[8] === 0x57 &&
    b[9] === 0x45 &&
    b[10] === 0x42 &&
    b[11] === 0x50
  )
    return 'image/webp';
  return undefined;
}

/** The video container from the first bytes (ISO BMFF `ftyp` box: MP4/MOV; EBML header: WebM), or undefined. */
export function sniffVideo(bytes: Uint8Array): string | undefined {
  const b = bytes;
  if (b.length >= 12 && b[4] === 0x66 && b[5] === 0x74 && b[6] === 0x79 && b[7] === 0x70) {
    const brand = String.fromCharCode(b[8], b[9], b[10], b[11]);
    return brand === 'qt  ' ? 'video/quicktime' : 'video/mp4';
  }
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'video/webm';
  return undefined;
}

const IMAGE_EXT = /\.(jpe?g|png|gif|webp)$/i;
const JSON_EXT = /\.json$/i;
const TEXT_EXT = /\.(txt|csv|tsv|xml|log|md|html?|ya?ml|pem|crt)$/i;
const VIDEO_EXT = /\.(mp4|webm|mov)$/i;

function kindFromName(name: string): { kind: ZipEntryKind; mimeType: string } {
  if (name.endsWith('/')) return { kind: 'folder', mimeType: '' };
  if (IMAGE_EXT.test(name)) {
    const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
    return { kind: 'image', mimeType: `image/${ext === 'jpg' ? 'jpeg' : ext}` };
  }
  if (JSON_EXT.test(name)) return { kind: 'json', mimeType: 'application/json' };
  if (TEXT_EXT.test(name)) return { kind: 'text', mimeType: 'text/plain' };
  if (VIDEO_EXT.test(name))
    return { kind: 'video', mimeType: name.toLowerCase().endsWith('.webm') ? 'video/webm' : 'video/mp4' };
  return { kind: 'binary', mimeType: 'application/octet-stream' };
}

/** Sets kind, MIME type and content problems once the bytes are known (JSON is parsed only when `parseJson`). */
function classify(entry: ZipEntry, bytes: Uint8Array, parseJson: boolean) {
  const sniffed = sniffImage(bytes);
  if (entry.kind === 'image') {
    if (sniffed) entry.mimeType = sniffed;
    else
      entry.problem = `${entry.name} could not be decoded as an image: its content is not JPEG, PNG, GIF or WebP.`;
  } else if (entry.kind === 'video') {
    const container = sniffVideo(bytes);
    if (container) entry.mimeType = container;
    else entry.problem = `${entry.name} cannot be played: its content is not an MP4, MOV or WebM video.`;
  } else if (entry.kind === 'json') {
    if (parseJson) setJson(entry, parseJsonContent(entry.name, bytes));
  } else if (entry.kind === 'binary') {
    if (sniffed) {
      entry.kind = 'image';
      entry.mimeType = sniffed;
    } else if (looksLikeText(bytes)) {
      entry.kind = 'text';
      entry.mimeType = 'text/plain';
    }
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return false;
  try {
    strictUtf8.decode(head.length < bytes.length ? trimPartialUtf8(head) : head);
    return true;
  } catch {
    return false;
  }
}

/** Drops a multi-byte UTF-8 sequence cut at the end of a sample. */
function trimPartialUtf8(b: Uint8Array): Uint8Array {
  let end = b.length;
  for (let i = b.length - 1; i >= Math.max(0, b.length - 4); i--) {
    if ((b[i]! & 0xc0) === 0xc0) {
      end = i;
      break;
    }
    if ((b[i]! & 0x80) === 0) break;
  }
  return b.subarray(0, end);
}

// ---- CRC-32 ------------------------------------------------------------------------------------------------------

// Slicing-by-8: eight 256-entry tables, eight bytes per step (several times faster than a byte at a time).
const CRC_TABLES = (() => {
  const tables = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = tables[n]!;
    for (let t = 1; t < 8; t++) {
      c = tables[c & 0xff]! ^ (c >>> 8);
      tables[t * 256 + n] = c >>> 0;
    }
  }
  return tables;
})();

/** Continues a CRC-32 (start with 0xffffffff, finish with `^ 0xffffffff`). */
export function crc32Update(crc: number, chunk: Uint8Array): number {
  const T = CRC_TABLES;
  let c = crc >>> 0;
  let i = 0;
  const end8 = chunk.length - (chunk.length % 8);
  for (; i < end8; i += 8) {
    const lo = (c ^ (chunk[i]! | (chunk[i + 1]! << 8) | (chunk[i + 2]! << 16) | (chunk[i + 3]! << 24))) >>> 0;
    c =
      T[1792 + (lo & 0xff)]! ^
      T[1536 + ((lo >>> 8) & 0xff)]! ^
      T[1280 + ((lo >>> 16) & 0xff)]! ^
      T[1024 + (lo >>> 24)]! ^
      T[768 + chunk[i + 4]!]! ^
      T[512 + chunk[i + 5]!]! ^
      T[256 + chunk[i + 6]!]! ^
      T[chunk[i + 7]!]!;
  }
  for (; i < chunk.length; i++) c = T[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8);
  return c >>> 0;
}

// ---- 2. Inflate with a size guard ------------------------------------------------------------------------------

class EntryFailure extends Error {}

/** The compressed bytes of an entry: after its local header, whose name and extra field lengths are its own. */
function entryData(bytes: Uint8Array, entry: CentralEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.byteLength) throw new EntryFailure('its data is cut off');
  return bytes.subarray(start, start + entry.compressedSize);
}

async function inflateEntry(
  bytes: Uint8Array,
  entry: CentralEntry,
  onChunk: (bytes: number) => void,
): Promise<Uint8Array> {
  const data = entryData(bytes, entry);
  const out = new Uint8Array(entry.uncompressedSize);
  let offset = 0;
  let crc = 0xffffffff;
  const take = (chunk: Uint8Array) => {
    if (offset + chunk.length > out.length) {
      throw new ZipReadError(
        'zip-bomb',
        `Refused as a zip bomb: "${printable(entry.name)}" inflates to more than the ${formatBytes(entry.uncompressedSize)} it declares. Extraction was stopped.`,
      );
    }
    out.set(chunk, offset);
    offset += chunk.length;
    crc = crc32Update(crc, chunk);
    onChunk(chunk.length);
  };
  if (entry.method === 0) take(data);
  else {
    const reader = new ReadableStream<BufferSource>({
      start(controller) {
        controller.enqueue(data as Uint8Array<ArrayBuffer>);
        controller.close();
      },
    })
      .pipeThrough(new DecompressionStream('deflate-raw'))
      .getReader();
    try {
      for (let r = await reader.read(); !r.done; r = await reader.read()) take(r.value);
    } catch (err) {
      void reader.cancel().catch(() => undefined);
      if (err instanceof ZipReadError) throw err;
      throw new EntryFailure(
        `it could not be inflated (${err instanceof Error ? err.message : String(err)})`,
      );
    }
  }
  if (offset !== out.length)
    throw new EntryFailure(
      `it inflated to ${formatBytes(offset)} instead of the declared ${formatBytes(out.length)}`,
    );
  if ((crc ^ 0xffffffff) >>> 0 !== entry.crc32)
    throw new EntryFailure('its checksum does not match (the file is damaged)');
  return out;
}

/**
 * Opens a zip: checks it, then inflates every safe entry. Throws ZipReadError for a failure of the whole zip
 * (corrupt or truncated, too large, too many entries, zip bomb, unsupported); problems of single entries are
 * reported on the entry.
 */
export async function readZip(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  onProgress?: (progress: ZipProgress) => void,
  /** false in the worker: JSON is parsed once, on the page that shows it (a parsed graph costs more to clone). */
  parseJson = true,
): Promise<ZipReadResult> {
  onProgress?.({ phase: 'checking', done: 0, total: 0 });
  const central = readCentralDirectory(bytes, limits);

  const seen = new Map<string, number>();
  for (const c of central) seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
  const entries: ZipEntry[] = central.map((c) => {
    const { kind, mimeType } = kindFromName(c.name);
    const refusal =
      unsafeNameReason(c.name) ??
      ((seen.get(c.name) ?? 0) > 1 ? 'Refused: another entry has the same name.' : undefined);
    return {
      index: c.index,
      name: c.name,
      kind,
      mimeType,
      size: c.uncompressedSize,
      compressedSize: c.compressedSize,
      state: refusal ? 'refused' : 'ok',
      ...(refusal ? { problem: refusal } : {}),
    };
  });

  const total = entries.reduce((sum, e) => (e.state === 'ok' && e.kind !== 'folder' ? sum + e.size : sum), 0);
  let done = 0;
  let lastReport = 0;
  for (const entry of entries) {
    if (entry.state !== 'ok' || entry.kind === 'folder') continue;
    onProgress?.({ phase: 'inflating', done, total, currentFile: entry.name });
    try {
      const content = await inflateEntry(bytes, central[entry.index]!, (n) => {
        done += n;
        const now = Date.now();
        if (onProgress && now - lastReport > 50) {
          lastReport = now;
          onProgress({ phase: 'inflating', done, total, currentFile: entry.name });
        }
      });
      entry.bytes = content;
      classify(entry, content, parseJson);
    } catch (err) {
      if (err instanceof ZipReadError) throw err;
      entry.state = 'failed';
      entry.problem = `${entry.name} could not be extracted: ${err instanceof Error ? err.message : String(err)}.`;
    }
  }
  onProgress?.({ phase: 'inflating', done: total, total });
  return { entries, totalSize: total };
}
