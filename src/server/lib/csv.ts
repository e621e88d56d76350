import { errorFields, type Logger } from './logger';

// CSV per RFC 4180, streamed page by page, with spreadsheet formula injection neutralised. The one CSV writer of
// the server: every export goes through csvResponse.

export type Cell = string | number | boolean | Date | null | undefined;

/**
 * One field: quoted when it holds a comma, quote or line break, quotes doubled. Text that a spreadsheet would run
 * as a formula (= + - @, tab or carriage return first) is prefixed with ' so it stays text.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (cells: readonly Cell[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** Rows already in memory, handed out in pages. */
export async function* inPages<T>(rows: readonly T[], size = 500): AsyncGenerator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/**
 * A streamed CSV download: the header, then one page of rows each time the client reads, so the file is never held
 * in memory whole. `onDone` runs with the row count after the last row.
 */
export function csvResponse(
  filename: string,
  header: readonly string[],
  pages: AsyncIterable<ReadonlyArray<readonly Cell[]>>,
  opts: { log?: Logger; onDone?: (rows: number) => Promise<unknown> | unknown } = {},
): Response {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let rows = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // A byte-order mark, so spreadsheet programs read the file as UTF-8.
        controller.enqueue(encoder.encode('\uFEFF' + csvLine(header)));
      },
      async pull(controller) {
        try {
          // Enqueue something (or close) before returning, or the stream waits for a pull that never comes.
          for (;;) {
            const next = await iterator.next();
            if (next.done) {
              await opts.onDone?.(rows);
              return controller.close();
            }
            if (next.value.length) {
              rows += next.value.length;
              return controller.enqueue(encoder.encode(next.value.map(csvLine).join('')));
            }
          }
        } catch (err) {
          opts.log?.error('csv export failed', errorFields(err));
          controller.error(err);
        }
      },
      async cancel() {
        await iterator.return?.(undefined);
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'no-store',
    },
  });
}
