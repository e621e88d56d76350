import { readdirSync } from 'node:fs';
import jpeg from 'jpeg-js';
import JSZip from 'jszip';
import type { Page } from '@playwright/test';
import type {
  ZipWorkerRequest,
  ZipWorkerResponse,
} from '../src/web/features/full-result/lib/zip-worker-protocol';
import { expect, test } from './fixtures';

// The full-result worker's protocol, spoken directly to the built worker in Chromium: the messages the page sends
// (`open`, the zip's buffer lent by transfer) and every reply (progress, done with the entries, or an error of a kind,
// each final reply handing the zip back).
// full-result.spec.ts drives the same worker through the screen; this one checks the messages themselves, including
// the corrupt and oversized zips the screen only summarises.

/** The worker as the build emitted it (the server serves the same folder, dist/, under /assets/). */
let workerFile: string | undefined;

const MB = 1024 * 1024;
const LIMITS = {
  maxZipBytes: 50 * MB,
  maxEntries: 500,
  maxTotalUncompressed: 200 * MB,
  maxEntryUncompressed: 50 * MB,
};

const SESSION = {
  nfcSession: { verificationStatus: 'SUCCEEDED', chipCloneDetection: 'SUCCEEDED' },
  name: 'ÅSA',
};
const SESSION_TEXT = JSON.stringify(SESSION, null, 2);
const SESSION_BYTES = Buffer.byteLength(SESSION_TEXT); // "Å" takes two
const NOTES = 'Captured on the second attempt.';
const BROKEN_JSON = '{"truncated": ';
/** `{"name":"Åsa"}` written in Latin-1: not UTF-8. */
const LATIN1_JSON = Uint8Array.from(Buffer.from('{"name":"\u00c5sa"}', 'latin1'));
/** A real 4 × 3 JPEG, so the page can decode what the worker hands back. */
const SELFIE = new Uint8Array(
  jpeg.encode({ data: Buffer.alloc(4 * 3 * 4, 0x80), width: 4, height: 3 }, 90).data,
);

async function zipOf(files: Record<string, string | Uint8Array>): Promise<number[]> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files))
    zip.file(name, content, { compression: 'DEFLATE', createFolders: false });
  return [...(await zip.generateAsync({ type: 'uint8array' }))];
}

/** An entry of a `done` reply as it crossed back to the page, with what the page could make of its bytes. */
interface SeenEntry {
  name: string;
  kind: string;
  mimeType: string;
  size: number;
  state: string;
  problem?: string;
  jsonText?: { ok: true; text: string } | { ok: false; message: string };
  bytes?: number[];
  /** The Blob the worker made for a picture: its type, and the size the browser decoded it to. */
  blob?: { type: string; decoded: { width: number; height: number } };
}

/** A reply as seen on the page; `zipBack` says whether the final reply handed back the lent zip byte for byte. */
type Seen =
  | Extract<ZipWorkerResponse, { type: 'progress' }>
  | (Omit<Extract<ZipWorkerResponse, { type: 'error' }>, 'zip'> & { zipBack: boolean })
  | { type: 'done'; id: number; totalSize: number; entries: SeenEntry[]; zipBack: boolean };

/**
 * Starts the real worker on the page, posts each request (transferring its buffer, as the page does) and collects
 * every reply until each request has its final one. Also says whether each buffer left the page when posted.
 */
async function talk(
  page: Page,
  requests: Array<{ id: number; bytes: number[]; limits?: Partial<typeof LIMITS> }>,
): Promise<{ replies: Seen[]; transferred: boolean[] }> {
  return page.evaluate(
    async ({ url, requests, limits }) => {
      const worker = new Worker(url, { type: 'module', name: 'full-result-zip' });
      const replies: Seen[] = [];
      const open = new Set(requests.map((r) => r.id));
      const finished = new Promise<void>((resolve, reject) => {
        worker.onerror = (event) => reject(new Error(`worker error: ${event.message}`));
        worker.onmessage = async (event: MessageEvent<ZipWorkerResponse>) => {
          const m = event.data;
          if (m.type === 'progress') replies.push(m);
          else {
            const sent = requests.find((r) => r.id === m.id)!.bytes;
            const back = new Uint8Array(m.zip);
            const zipBack = back.length === sent.length && back.every((b, i) => b === sent[i]);
            if (m.type === 'error') {
              const { zip: _zip, ...error } = m;
              replies.push({ ...error, zipBack });
            } else {
              const entries: SeenEntry[] = [];
              for (const { bytes, blob, ...e } of m.entries) {
                const seen: SeenEntry = { ...e, ...(bytes ? { bytes: [...bytes] } : {}) };
                if (blob) {
                  const bitmap = await createImageBitmap(blob);
                  seen.blob = { type: blob.type, decoded: { width: bitmap.width, height: bitmap.height } };
                }
                entries.push(seen);
              }
              replies.push({ type: 'done', id: m.id, totalSize: m.totalSize, entries, zipBack });
            }
          }
          if (m.type !== 'progress') open.delete(m.id);
          if (open.size === 0) resolve();
        };
      });
      const transferred = requests.map((r) => {
        const buffer = new Uint8Array(r.bytes).buffer;
        const message: ZipWorkerRequest = {
          type: 'open',
          id: r.id,
          bytes: buffer,
          limits: { ...limits, ...r.limits },
        };
        worker.postMessage(message, [buffer]);
        return buffer.byteLength === 0;
      });
      await finished;
      worker.terminate();
      return { replies, transferred };
    },
    { url: `/assets/${workerFile}`, requests, limits: LIMITS },
  );
}

const finalReply = (replies: Seen[], id: number) =>
  replies.filter((r) => r.id === id && r.type !== 'progress');

test.beforeEach(async ({ page }) => {
  // Read once the server is up: it builds dist/ before it starts.
  workerFile ??= readdirSync('dist/assets').find((f) => /^zip\.worker-[\w-]+\.js$/.test(f));
  expect(workerFile, 'dist/assets holds the built zip worker').toBeDefined();
  await page.goto('/login'); // the worker must come from the page's own origin
});

test('opens a zip: progress, then every entry with its kind, JSON bytes and picture bytes intact', async ({
  page,
}) => {
  const bytes = await zipOf({
    'session.json': SESSION_TEXT,
    'selfie.jpg': SELFIE,
    'notes.txt': NOTES,
    'broken.json': BROKEN_JSON,
    'latin1.json': LATIN1_JSON,
    'evidence/': '',
    '../escape.txt': 'outside',
  });
  const { replies, transferred } = await talk(page, [{ id: 7, bytes }]);

  expect(transferred).toEqual([true]);
  expect(replies.every((r) => r.id === 7)).toBe(true);
  const progress = replies.filter((r) => r.type === 'progress').map((r) => r.progress);
  expect(progress[0]).toEqual({ phase: 'checking', done: 0, total: 0 });
  const total = SESSION_BYTES + SELFIE.length + NOTES.length + BROKEN_JSON.length + LATIN1_JSON.length;
  expect(progress.at(-1)).toEqual({ phase: 'inflating', done: total, total });
  expect(replies.at(-1)!.type).toBe('done');

  const done = replies.at(-1) as Extract<Seen, { type: 'done' }>;
  expect(done.zipBack, 'the lent zip comes back intact').toBe(true);
  expect(done.totalSize).toBe(total);
  const byName = Object.fromEntries(done.entries.map((e) => [e.name, e]));
  expect(done.entries.map((e) => [e.name, e.kind, e.mimeType, e.state])).toEqual([
    ['session.json', 'json', 'application/json', 'ok'],
    ['selfie.jpg', 'image', 'image/jpeg', 'ok'],
    ['notes.txt', 'text', 'text/plain', 'ok'],
    ['broken.json', 'json', 'application/json', 'ok'],
    ['latin1.json', 'json', 'application/json', 'ok'],
    ['evidence/', 'folder', '', 'ok'],
    ['../escape.txt', 'text', 'text/plain', 'refused'],
  ]);
  // JSON crosses back as text decoded in the worker, unparsed: the page parses it once, where it shows it (a parsed
  // graph costs more to clone than its text). A broken file arrives as it is, for the page to say what is wrong with
  // it; one that is not UTF-8 arrives with the reason instead of text. The raw bytes come too, for downloads.
  expect(byName['session.json']).not.toHaveProperty('json');
  expect(byName['session.json']!.jsonText).toEqual({ ok: true, text: SESSION_TEXT });
  expect(Buffer.from(byName['session.json']!.bytes!).toString('utf8')).toBe(SESSION_TEXT);
  expect(byName['broken.json']!.jsonText).toEqual({ ok: true, text: BROKEN_JSON });
  expect(byName['latin1.json']!.jsonText).toEqual({
    ok: false,
    message: 'latin1.json is not valid JSON: it is not UTF-8 text.',
  });
  // The picture arrives byte for byte and as a Blob of its type made in the worker, which Chromium decodes.
  expect(byName['selfie.jpg']!.bytes).toEqual([...SELFIE]);
  expect(byName['selfie.jpg']!.blob).toEqual({ type: 'image/jpeg', decoded: { width: 4, height: 3 } });
  expect(byName['notes.txt']!.blob).toBeUndefined();
  expect(Buffer.from(byName['notes.txt']!.bytes!).toString('utf8')).toBe(NOTES);
  // Unsafe names and folders carry no content.
  expect(byName['../escape.txt']).toMatchObject({ problem: expect.stringMatching(/^Refused/) });
  expect(byName['../escape.txt']!.bytes).toBeUndefined();
  expect(byName['evidence/']!.bytes).toBeUndefined();
});

test('answers corrupt and oversized zips with an error of their kind, and keeps serving after them', async ({
  page,
}) => {
  const good = await zipOf({ 'session.json': SESSION_TEXT, 'selfie.jpg': SELFIE, 'notes.txt': NOTES });
  const { replies, transferred } = await talk(page, [
    { id: 1, bytes: good.slice(0, good.length - 30) }, // truncated: the end-of-archive record is gone
    { id: 2, bytes: Array.from({ length: 200 }, (_, i) => (i * 37) % 256) }, // not a zip at all
    { id: 3, bytes: [] },
    { id: 4, bytes: good, limits: { maxZipBytes: good.length - 1 } },
    { id: 5, bytes: good, limits: { maxEntries: 2 } },
    { id: 6, bytes: good, limits: { maxEntryUncompressed: SELFIE.length - 1 } },
    { id: 7, bytes: good, limits: { maxTotalUncompressed: SESSION_BYTES + SELFIE.length } },
    { id: 8, bytes: good }, // the same worker, the same bytes, no limit crossed
  ]);
  expect(transferred).toEqual(Array(8).fill(true));

  const errors: Array<[number, string, RegExp]> = [
    [1, 'corrupt', /^The zip is corrupt or truncated \(its end-of-archive record is missing\)/],
    [2, 'corrupt', /^The zip is corrupt or truncated/],
    [3, 'corrupt', /^The zip is corrupt or truncated \(the file is empty\)/],
    [4, 'too-large', /^The zip is .* more than the .* this viewer opens/],
    [5, 'too-many-entries', /^The zip has 3 entries, more than the 2 this viewer opens/],
    [6, 'zip-bomb', /^Refused as a possible zip bomb: "selfie\.jpg" declares/],
    [7, 'zip-bomb', /^Refused as a possible zip bomb: its files declare/],
  ];
  for (const [id, kind, message] of errors) {
    expect(finalReply(replies, id), `request ${id}`).toEqual([
      { type: 'error', id, kind, message: expect.stringMatching(message), zipBack: true },
    ]);
  }
  const [last] = finalReply(replies, 8);
  expect(last).toMatchObject({
    type: 'done',
    id: 8,
    zipBack: true,
    totalSize: SESSION_BYTES + SELFIE.length + NOTES.length,
  });
  expect((last as Extract<Seen, { type: 'done' }>).entries.map((e) => e.name)).toEqual([
    'session.json',
    'selfie.jpg',
    'notes.txt',
  ]);
});
