// Keyset pagination cursors: the sort key and id of the row a page ends at, opaque to clients.

export interface Cursor {
  /** Sort key as epoch milliseconds. */
  k: number;
  id: string;
  /** Which way the cursor pages: towards later pages (n) or earlier ones (p). */
  d: 'n' | 'p';
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

/** The range of a JavaScript Date (±100,000,000 days from 1970). */
const MAX_TIME_MS = 8.64e15;

/** A cursor this server gave out, or undefined for anything else (wrong shape, out-of-range time, odd id). */
export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (!value || !/^[\w-]{1,500}$/.test(value)) return undefined;
  try {
    const c = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (
      typeof c.k === 'number' &&
      Number.isFinite(c.k) &&
      Math.abs(c.k) <= MAX_TIME_MS &&
      typeof c.id === 'string' &&
      c.id.length > 0 &&
      c.id.length <= 200 &&
      ![...c.id].some((ch) => ch < ' ' || ch === '\ufffd') &&
      (c.d === 'n' || c.d === 'p')
    ) {
      return { k: c.k, id: c.id, d: c.d };
    }
  } catch {
    // fall through
  }
  return undefined;
}
