// The full-result zip on its way from Assure to the browser: passed through unchanged and capped in size; for ReadID,
// the device the session ran on is read from its `session.json` once the zip is complete (the attempt diff compares
// it). Reading it never affects the download: a zip that cannot be read just gives no device.
import JSZip from 'jszip';
import { analyseReadIdSession, describeDevice } from '@domain/readid-session';

/** Larger session.json files are not read for the device (real ones are far smaller; images are separate files). */
const SESSION_MAX_BYTES = 16 * 1024 * 1024;

/** Concatenates chunks into one array. */
function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** `session.json` of a zip, inflated up to `SESSION_MAX_BYTES` (a zip bomb stops there); undefined when absent or larger. */
function sessionJson(zip: JSZip): Promise<string | undefined> {
  const entry = zip.file('session.json');
  if (!entry || entry.dir) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    // JSZip's own stream (an older readable-stream: events, no async iteration).
    const stream = entry.nodeStream('nodebuffer');
    stream.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= SESSION_MAX_BYTES) chunks.push(chunk);
      else {
        stream.pause();
        resolve(undefined);
      }
    });
    stream.on('error', reject);
    stream.on('end', () =>
      resolve(size > SESSION_MAX_BYTES ? undefined : new TextDecoder().decode(concat(chunks, size))),
    );
  });
}

/** The device of a ReadID full result ("Apple iPhone, iOS 17.4"); undefined when it cannot be read. Never throws. */
export async function deviceFromFullResult(zipBytes: Uint8Array): Promise<string | undefined> {
  try {
    const text = await sessionJson(await JSZip.loadAsync(zipBytes));
    return text === undefined ? undefined : describeDevice(analyseReadIdSession(JSON.parse(text)).deviceInfo);
  } catch {
    return undefined;
  }
}

/**
 * A pass-through for the zip's bytes that errors the stream past `maxBytes`. With `onDevice`, it keeps a copy (bounded
 * by the same limit) and, when the zip has gone through completely, hands its device to `onDevice` before the stream
 * closes (a client that knows the length may have every byte a moment before). A failure there is `onError`'s, not
 * the download's.
 */
export function fullResultStream(
  maxBytes: number,
  device?: { onDevice: (device: string) => Promise<void>; onError: (err: unknown) => void },
): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  const kept: Uint8Array[] = [];
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > maxBytes) {
        controller.error(new Error('full result exceeds the size limit'));
        return;
      }
      if (device) kept.push(chunk);
      controller.enqueue(chunk);
    },
    async flush() {
      if (!device) return;
      try {
        const found = await deviceFromFullResult(concat(kept, seen));
        kept.length = 0;
        if (found) await device.onDevice(found);
      } catch (err) {
        device.onError(err);
      }
    },
  });
}
