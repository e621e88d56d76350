import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '@web/lib/api-client';
import { fetchFullResultZip } from '../api/full-result-api';
import { openZipInWorker, prewarmZipWorker } from '../lib/open-zip';
import { ZipReadError, type ZipReadResult } from '../lib/zip-types';

export type FullResultState =
  | { phase: 'idle' }
  | { phase: 'downloading'; loaded: number; total?: number }
  | { phase: 'opening'; done: number; total: number; currentFile?: string }
  | { phase: 'ready'; bytes: Uint8Array; result: ZipReadResult }
  /** `bytes` is set when the download worked but the zip did not open: it can still be saved as it came. */
  | { phase: 'error'; title: string; message: string; bytes?: Uint8Array; retry: boolean };

const ERROR_TITLES: Record<string, string> = {
  corrupt: 'The zip is corrupt or truncated',
  'zip-bomb': 'The zip was refused',
  'too-many-entries': 'The zip has too many files',
  'too-large': 'The zip is too large',
  unsupported: 'The zip cannot be opened here',
};

function describe(err: unknown): { title: string; message: string; retry: boolean } {
  if (err instanceof ZipReadError)
    return {
      title: ERROR_TITLES[err.kind] ?? 'The zip could not be opened',
      message: err.message,
      retry: err.kind === 'corrupt',
    };
  if (err instanceof ApiError) {
    const title =
      err.status === 409
        ? 'No full result for this process'
        : err.status === 404
          ? 'The full result is gone'
          : err.status === 403
            ? 'Not allowed'
            : 'The full result could not be downloaded';
    return { title, message: err.message, retry: err.status !== 403 && err.status !== 404 };
  }
  return {
    title: 'The full result could not be opened',
    message: err instanceof Error ? err.message : String(err),
    retry: true,
  };
}

/**
 * Downloads the process's full-result zip and opens it in a Web Worker. The bytes live in this component's state
 * only: `close()` (and unmount) drops them and stops any download or worker still running.
 */
export function useFullResult(processId: string) {
  const [state, setState] = useState<FullResultState>({ phase: 'idle' });
  const run = useRef<AbortController | null>(null);
  // The reason given with the last open: "Try again" repeats it rather than asking again.
  const lastReason = useRef<string | undefined>(undefined);

  const close = useCallback(() => {
    run.current?.abort();
    run.current = null;
    setState({ phase: 'idle' });
  }, []);

  const open = useCallback(
    async (reason?: string) => {
      lastReason.current = reason;
      run.current?.abort();
      const controller = new AbortController();
      run.current = controller;
      const { signal } = controller;
      const set = (next: FullResultState) => {
        if (!signal.aborted) setState(next);
      };
      let lastPaint = 0;
      const throttled = (next: FullResultState) => {
        const now = performance.now();
        if (now - lastPaint < 80) return;
        lastPaint = now;
        set(next);
      };
      set({ phase: 'downloading', loaded: 0 });
      prewarmZipWorker(); // starts while the zip downloads
      let bytes: Uint8Array | undefined;
      try {
        bytes = await fetchFullResultZip(processId, {
          signal,
          reason,
          onProgress: ({ loaded, total }) => throttled({ phase: 'downloading', loaded, total }),
        });
        set({ phase: 'opening', done: 0, total: 0 });
        // The worker borrows the bytes and hands them back with its answer.
        const opened = await openZipInWorker(bytes, {
          signal,
          onProgress: ({ done, total, currentFile }) =>
            throttled({ phase: 'opening', done, total, currentFile }),
        });
        bytes = opened.bytes;
        if (!opened.ok) throw opened.error;
        set({ phase: 'ready', bytes: opened.bytes, result: opened.result });
      } catch (err) {
        if (signal.aborted) return;
        set({ phase: 'error', ...describe(err), ...(bytes ? { bytes } : {}) });
      }
    },
    [processId],
  );

  // Unmount, or a different process: stop what runs and drop what was open.
  useEffect(() => close, [processId, close]);

  const retry = useCallback(() => open(lastReason.current), [open]);

  return { state, open, close, retry };
}
