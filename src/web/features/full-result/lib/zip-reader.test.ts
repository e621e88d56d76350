// @vitest-environment node
// The worker's logic, run directly with jszip in Node: what the reviewer sees when a zip is damaged or hostile.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import sample from '@domain/__fixtures__/readid-session.sample.json';
import {
  crc32Update,
  DEFAULT_ZIP_LIMITS,
  readCentralDirectory,
  readZip,
  unsafeNameReason,
  ZipReadError,
  type ZipProgress,
} from './zip-reader';

// A real (tiny) JPEG and PNG header are enough for the content sniffing; decoding is the browser's job.
const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
]);

async function makeZip(
  files: Record<string, string | Uint8Array>,
  compression: 'STORE' | 'DEFLATE' = 'DEFLATE',
): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files))
    zip.file(name, content, { compression, createFolders: false });
  return zip.generateAsync({ type: 'uint8array' });
}

/** Offsets of the central-directory records (signature PK\1\2). */
function centralRecords(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i++) if (view.getUint32(i, true) === 0x02014b50) found.push(i);
  return found;
}

/** Rewrites the declared uncompressed size of every entry (central directory and local headers). */
function declareSize(bytes: Uint8Array, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  for (const at of centralRecords(out)) {
    view.setUint32(at + 24, size, true);
    view.setUint32(view.getUint32(at + 42, true) + 22, size, true);
  }
  return out;
}

async function readError(promise: Promise<unknown>): Promise<ZipReadError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ZipReadError) return err;
    throw err;
  }
  throw new Error('expected the zip to be refused');
}

const readIdZip = () =>
  makeZip({
    'session.json': JSON.stringify(sample, null, 2),
    'selfie.jpg': JPEG,
    'portrait.jpg': JPEG,
  });

describe('readZip on a valid ReadID zip', () => {
  it('lists every file with its kind and size, and parses session.json', async () => {
    const progress: ZipProgress[] = [];
    const result = await readZip(await readIdZip(), DEFAULT_ZIP_LIMITS, (p) => progress.push(p));
    expect(result.entries.map((e) => [e.name, e.kind, e.state, e.mimeType])).toEqual([
      ['session.json', 'json', 'ok', 'application/json'],
      ['selfie.jpg', 'image', 'ok', 'image/jpeg'],
      ['portrait.jpg', 'image', 'ok', 'image/jpeg'],
    ]);
    const session = result.entries[0]!;
    expect(session.size).toBe(JSON.stringify(sample, null, 2).length);
    expect(session.json).toEqual({ ok: true, value: sample });
    expect(Array.from(result.entries[1]!.bytes!)).toEqual(Array.from(JPEG));
    expect(progress.at(-1)).toEqual({ phase: 'inflating', done: result.totalSize, total: result.totalSize });
  });

  it('says which picture cannot be decoded while the rest opens', async () => {
    const result = await readZip(await makeZip({ 'selfie.jpg': 'not a picture', 'portrait.jpg': JPEG }));
    expect(result.entries[0]).toMatchObject({
      state: 'ok',
      problem: expect.stringMatching(/selfie\.jpg could not be decoded as an image/),
    });
    expect(result.entries[1]!.problem).toBeUndefined();
  });

  it('lists a recording as a video by its container, and says when a .mp4 is not a video', async () => {
    // The first box of an MP4 (ISO BMFF): size, 'ftyp', major brand 'isom'; WebM starts with the EBML magic.
    const mp4 = Uint8Array.from([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0]);
    const webm = Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81]);
    const result = await readZip(
      await makeZip({ 'video.mp4': mp4, 'clip.webm': webm, 'fake.mp4': 'plain text' }, 'STORE'),
    );
    expect(result.entries.map((e) => [e.name, e.kind, e.mimeType, e.size])).toEqual([
      ['video.mp4', 'video', 'video/mp4', 16],
      ['clip.webm', 'video', 'video/webm', 8],
      ['fake.mp4', 'video', 'video/mp4', 10],
    ]);
    expect(result.entries[0]!.problem).toBeUndefined();
    expect(result.entries[1]!.problem).toBeUndefined();
    expect(result.entries[2]!.problem).toMatch(
      /fake\.mp4 cannot be played: its content is not an MP4, MOV or WebM video/,
    );
  });
});

describe('readZip refuses damaged and hostile zips with a clear message', () => {
  it('a truncated zip is reported as corrupt or truncated', async () => {
    const bytes = await readIdZip();
    const err = await readError(readZip(bytes.slice(0, Math.floor(bytes.length / 2))));
    expect(err.kind).toBe('corrupt');
    expect(err.message).toMatch(/corrupt or truncated/);
  });

  it('an empty body and random bytes are corrupt, not a crash', async () => {
    expect((await readError(readZip(new Uint8Array(0)))).kind).toBe('corrupt');
    expect((await readError(readZip(crypto.getRandomValues(new Uint8Array(4096))))).kind).toBe('corrupt');
  });

  it('a zip whose entry declares a huge uncompressed size is refused before anything is inflated', async () => {
    const bytes = declareSize(await makeZip({ 'session.json': '{"a":1}' }), 0xfffffff0);
    const err = await readError(readZip(bytes));
    expect(err.kind).toBe('zip-bomb');
    expect(err.message).toMatch(/session\.json.*declares 4\.0 GB/);
  });

  it('a zip whose entries together declare more than the total limit is refused', async () => {
    const zip = await makeZip({ 'a.bin': new Uint8Array(600_000), 'b.bin': new Uint8Array(600_000) });
    const limits = {
      ...DEFAULT_ZIP_LIMITS,
      maxEntryUncompressed: 1_000_000,
      maxTotalUncompressed: 1_000_000,
    };
    const err = await readError(readZip(zip, limits));
    expect(err.kind).toBe('zip-bomb');
    expect(err.message).toMatch(/in total/);
  });

  it('a zip bomb that lies about its size is stopped while inflating', async () => {
    // 20 MB of zeros deflate to ~20 KB; the directory claims 1 KB.
    const honest = await makeZip({ 'session.json': new Uint8Array(20 * 1024 * 1024) });
    expect(honest.length).toBeLessThan(100_000);
    const lying = declareSize(honest, 1024);
    let inflated = 0;
    const err = await readError(
      readZip(lying, DEFAULT_ZIP_LIMITS, (p) => (inflated = Math.max(inflated, p.done))),
    );
    expect(err.kind).toBe('zip-bomb');
    expect(err.message).toMatch(/inflates to more than the 1\.0 KB it declares/);
    expect(inflated).toBeLessThanOrEqual(1024);
  });

  it('a zip over the byte limit is refused before it is read', async () => {
    const zip = await makeZip({ 'a.bin': crypto.getRandomValues(new Uint8Array(60_000)) }, 'STORE');
    const err = await readError(readZip(zip, { ...DEFAULT_ZIP_LIMITS, maxZipBytes: 50_000 }));
    expect(err.kind).toBe('too-large');
  });

  it('too many entries are refused', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i <= DEFAULT_ZIP_LIMITS.maxEntries; i++) files[`f${i}.txt`] = String(i);
    const err = await readError(readZip(await makeZip(files, 'STORE')));
    expect(err.kind).toBe('too-many-entries');
    expect(err.message).toMatch(/501 entries, more than the 500/);
  });

  it('path traversal, absolute and backslash names are listed as refused and never extracted', async () => {
    const zip = await makeZip({
      '../evil.txt': 'x',
      '/etc/passwd': 'x',
      'dir\\evil.txt': 'x',
      'a/../../evil.txt': 'x',
      'images/front.jpg': JPEG,
      'notes.txt': 'fine',
    });
    const result = await readZip(zip);
    const byName = Object.fromEntries(result.entries.map((e) => [e.name, e]));
    for (const name of ['../evil.txt', '/etc/passwd', 'dir\\evil.txt', 'a/../../evil.txt']) {
      expect(byName[name]).toMatchObject({ state: 'refused', problem: expect.stringMatching(/^Refused/) });
      expect(byName[name]!.bytes).toBeUndefined();
    }
    expect(byName['images/front.jpg']).toMatchObject({ state: 'ok', kind: 'image' });
    expect(new TextDecoder().decode(byName['notes.txt']!.bytes)).toBe('fine');
  });

  it('an entry whose name resolves onto another one (x/../session.json) cannot shadow it', async () => {
    const result = await readZip(
      await makeZip({ 'session.json': '{"real":true}', 'x/../session.json': '{"fake":true}' }),
    );
    const real = result.entries.find((e) => e.name === 'session.json')!;
    // Each entry is read at its own directory record's offset: never the other entry's bytes.
    expect(real).toMatchObject({ state: 'ok', json: { ok: true, value: { real: true } } });
    expect(result.entries.find((e) => e.name === 'x/../session.json')!.state).toBe('refused');
  });

  it('invalid JSON gives a message on that file and the rest of the zip opens', async () => {
    const result = await readZip(await makeZip({ 'session.json': '{"nfcSession": {', 'selfie.jpg': JPEG }));
    const session = result.entries[0]!;
    expect(session.state).toBe('ok');
    expect(session.json).toMatchObject({ ok: false });
    expect(session.problem).toMatch(/^session\.json is not valid JSON/);
    expect(result.entries[1]).toMatchObject({ state: 'ok', kind: 'image' });
  });

  it('a damaged entry (checksum mismatch) fails alone', async () => {
    const bytes = (await makeZip({ 'a.txt': 'hello world', 'b.txt': 'fine' }, 'STORE')).slice();
    const view = new DataView(bytes.buffer);
    const first = centralRecords(bytes)[0]!;
    const local = view.getUint32(first + 42, true);
    bytes[local + 30 + 'a.txt'.length] ^= 0xff; // flip the first content byte
    const result = await readZip(bytes);
    expect(result.entries[0]).toMatchObject({
      state: 'failed',
      problem: expect.stringMatching(/checksum does not match/),
    });
    expect(result.entries[1]).toMatchObject({ state: 'ok' });
  });
});

describe('unsafeNameReason', () => {
  it.each([
    ['session.json', undefined],
    ['images/selfie.jpg', undefined],
    ['folder/', undefined],
    ['../x', /climbs out/],
    ['a/../../x', /climbs out/],
    ['/x', /absolute/],
    ['C:/x', /drive letter/],
    ['a\\b', /backslash/],
    ['a//b', /empty/],
    ['./a', /"\."/],
    ['a\u0000b', /control/],
  ])('%j', (name, expected) => {
    const reason = unsafeNameReason(name);
    if (expected === undefined) expect(reason).toBeUndefined();
    else expect(reason).toMatch(expected);
  });
});

describe('readCentralDirectory', () => {
  it('reads names and sizes without inflating', async () => {
    const entries = readCentralDirectory(await makeZip({ 'a.txt': 'abc', 'b/c.json': '{}' }));
    expect(entries.map((e) => [e.name, e.uncompressedSize])).toEqual([
      ['a.txt', 3],
      ['b/c.json', 2],
    ]);
  });
});

describe('crc32Update', () => {
  const naive = (bytes: Uint8Array) => {
    let c = 0xffffffff;
    for (const b of bytes) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return (c ^ 0xffffffff) >>> 0;
  };

  it('matches the CRC-32 check value and a bitwise reference for every tail length', () => {
    expect((crc32Update(0xffffffff, new TextEncoder().encode('123456789')) ^ 0xffffffff) >>> 0).toBe(
      0xcbf43926,
    );
    const data = crypto.getRandomValues(new Uint8Array(1000));
    for (const n of [0, 1, 7, 8, 9, 15, 16, 17, 999]) {
      expect((crc32Update(0xffffffff, data.subarray(0, n)) ^ 0xffffffff) >>> 0).toBe(
        naive(data.subarray(0, n)),
      );
    }
    // Chunked updates give the same result.
    expect(
      (crc32Update(crc32Update(0xffffffff, data.subarray(0, 333)), data.subarray(333)) ^ 0xffffffff) >>> 0,
    ).toBe(naive(data));
  });
});
