import { PROCESS_DETAIL_API } from '@domain/contracts/process-detail';
import { ApiError, errorFromResponse, href } from '@web/lib/api-client';
import { DEFAULT_ZIP_LIMITS, formatBytes, ZipReadError } from '../lib/zip-types';

// The full-result zip, fetched as bytes with progress. Not a query: it is personal data fetched on an explicit
// click, kept in memory only while it is open, never in the query cache or the HTTP cache.
//
// Why not apiFetch: it cannot ask for `cache: 'no-store'`, and its 20 s deadline covers the whole body, which would
// cut off a large zip on a slow link. This keeps its contract (same origin, cookies, ApiError with the server's
// `{error:{code,message}}`) and replaces the deadline with a stall timeout.

/** `reason`: why someone not working the case opens it (the server asks for one and records it). */
export const fullResultPath = (processId: string, reason?: string) =>
  href(PROCESS_DETAIL_API.fullResult, { params: { processId }, query: { reason } });

export interface DownloadProgress {
  loaded: number;
  /** From content-length; undefined when the server did not say. */
  total?: number;
}

const STALL_MS = 30_000;

export async function fetchFullResultZip(
  processId: string,
  opts: {
    signal?: AbortSignal;
    onProgress?: (progress: DownloadProgress) => void;
    maxBytes?: number;
    reason?: string;
  } = {},
): Promise<Uint8Array> {
  const maxBytes = opts.maxBytes ?? DEFAULT_ZIP_LIMITS.maxZipBytes;
  const stall = new AbortController();
  let stallTimer = setTimeout(() => stall.abort(), STALL_MS);
  const resetStall = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => stall.abort(), STALL_MS);
  };
  const signal = AbortSignal.any([stall.signal, ...(opts.signal ? [opts.signal] : [])]);
  const failure = (err: unknown): never => {
    if (opts.signal?.aborted) throw err;
    if (stall.signal.aborted)
      throw new ApiError(0, 'timeout', 'The download of the full result stalled. Try again.');
    throw new ApiError(
      0,
      'network',
      'The full result could not be downloaded. Check your connection and try again.',
    );
  };
  try {
    let res: Response;
    try {
      res = await fetch(fullResultPath(processId, opts.reason), {
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { accept: 'application/zip, application/json' },
        signal,
      });
    } catch (err) {
      return failure(err);
    }
    if (!res.ok) throw await errorFromResponse(res);
    const declared = Number(res.headers.get('content-length'));
    const total = Number.isFinite(declared) && declared > 0 ? declared : undefined;
    const tooLarge = () =>
      new ZipReadError(
        'too-large',
        `The full result is larger than the ${formatBytes(maxBytes)} this viewer opens.`,
      );
    if (total !== undefined && total > maxBytes) {
      await res.body?.cancel();
      throw tooLarge();
    }
    if (!res.body) return new Uint8Array(await res.arrayBuffer());

    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    opts.onProgress?.({ loaded, total });
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await reader.read();
      } catch (err) {
        return failure(err);
      }
      if (step.done) break;
      resetStall();
      loaded += step.value.byteLength;
      if (loaded > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(step.value);
      opts.onProgress?.({ loaded, total });
    }
    const bytes = new Uint8Array(loaded);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  } finally {
    clearTimeout(stallTimer);
  }
}
