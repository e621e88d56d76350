// Bench: opening a ~20 MB full-result zip in Chromium through our worker-based reader (the zip lent to a Web Worker,
// which checks limits, inflates with JSZip under a size guard, checks CRC-32, decodes JSON text and puts pictures in
// Blobs; JSON.parse on the page) versus plain JSZip on the main thread, same bytes, same browser, same useful work on
// both sides: open the zip, inflate every file, parse session.json, and make every picture displayable (a Blob URL).
// Reports wall time and the longest main-thread stall (what the reviewer feels as a frozen page): medians of
// FULL_RESULT_RUNS (default 9) rounds, the order of the variants reversed every other round so that drift and warm
// caches fall on all alike.
//
// Run standalone: npx tsx bench/full-result.ts
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import JSZip from 'jszip';
import { build } from 'vite';
import { CHROMIUM_ARGS } from './lib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORK_DIR = join(ROOT, 'node_modules', '.cache', 'bench-full-result');
const RUNS = Number(process.env.FULL_RESULT_RUNS ?? 9);

const MB = 1024 * 1024;
const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A zip shaped like a full result: a large session.json-like JSON and incompressible "images". */
async function buildZip(): Promise<{ bytes: Uint8Array; description: string }> {
  const sample = JSON.parse(
    await readFile(join(ROOT, 'src/domain/__fixtures__/readid-session.sample.json'), 'utf8'),
  ) as Record<string, unknown>;
  const sessions = Array.from({ length: 1800 }, (_, i) => ({
    ...sample,
    sessionId: randomBytes(16).toString('hex'),
    sequence: i,
    verifyToken: [randomBytes(48).toString('base64'), randomBytes(48).toString('base64')],
  }));
  const json = JSON.stringify({ ...sample, history: sessions }, null, 2);
  const zip = new JSZip();
  zip.file('session.json', json, { compression: 'DEFLATE' });
  const jpegHeader = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]);
  const images = ['selfie.jpg', 'portrait.jpg', 'front.jpg', 'back.jpg'];
  const imageSize = Math.round(4.9 * MB);
  for (const name of images) {
    const image = new Uint8Array(imageSize);
    image.set(randomBytes(imageSize));
    image.set(jpegHeader);
    zip.file(name, image, { compression: 'DEFLATE' });
  }
  const bytes = await zip.generateAsync({ type: 'uint8array' });
  return {
    bytes,
    description: `zip ${mb(bytes.length)}: session.json ${mb(json.length)} of JSON + ${images.length} × ${mb(imageSize)} random-byte images`,
  };
}

const PAGE_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>full-result bench</title></head>
<body><script type="module" src="./main.ts"></script></body></html>`;

// The page under test: our real reader (open-zip.ts → zip.worker.ts → zip-reader.ts) and plain JSZip.
const PAGE_MAIN = `
import JSZip from 'jszip';
import { openZipInWorker } from ${JSON.stringify(join(ROOT, 'src/web/features/full-result/lib/open-zip.ts'))};
import { readZip } from ${JSON.stringify(join(ROOT, 'src/web/features/full-result/lib/zip-reader.ts'))};

let bytes = new Uint8Array(0);

/**
 * What the page does with the pictures to show them, the same on both sides: once the zip is open, in a task of
 * their own (as the app's components do after rendering), a Blob URL each (revoked again here) — from the Blob the
 * worker made when there is one (as the app's viewers do), else from a Blob of the bytes made here.
 */
async function display(pictures) {
  await new Promise((resolve) => setTimeout(resolve, 0));
  for (const [content, type] of pictures) URL.revokeObjectURL(URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type })));
}

async function measure(fn) {
  let maxGap = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  const t0 = performance.now();
  const files = await fn();
  const ms = performance.now() - t0;
  running = false;
  maxGap = Math.max(maxGap, performance.now() - last);
  return { ms, maxGap, files };
}

async function displayed(result) {
  await display(result.entries.filter((e) => e.kind === 'image' && e.bytes).map((e) => [e.blob ?? e.bytes, e.mimeType]));
  return result.entries.length;
}

window.bench = {
  async load(url) {
    bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    return bytes.length;
  },
  // The worker borrows the bytes (no copy) and hands them back, as in the app.
  worker: () =>
    measure(async () => {
      const opened = await openZipInWorker(bytes);
      if (!opened.ok) throw opened.error;
      bytes = opened.bytes;
      return displayed(opened.result);
    }),
  readerOnMain: () => measure(async () => displayed(await readZip(bytes))),
  plain: () =>
    measure(async () => {
      const zip = await JSZip.loadAsync(bytes);
      let n = 0;
      const pictures = [];
      for (const file of Object.values(zip.files)) {
        if (file.dir) continue;
        const content = await file.async('uint8array');
        if (file.name.endsWith('.json')) JSON.parse(new TextDecoder().decode(content));
        else if (file.name.endsWith('.jpg')) pictures.push([content, 'image/jpeg']);
        n++;
      }
      await display(pictures);
      return n;
    }),
  directoryOnly: () => measure(async () => Object.keys((await JSZip.loadAsync(bytes)).files).length),
};
document.title = 'ready';
`;

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.map': 'application/json',
  '.zip': 'application/zip',
};

function serve(dir: string, zip: Uint8Array): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/bench.zip') {
        res.writeHead(200, {
          'content-type': 'application/zip',
          'content-length': zip.length,
          'cache-control': 'no-store',
        });
        res.end(zip);
        return;
      }
      const file = normalize(join(dir, path === '/' ? 'index.html' : path));
      if (!file.startsWith(dir)) {
        res.writeHead(403).end();
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

type Kind = 'worker' | 'readerOnMain' | 'plain' | 'directoryOnly';

interface Run {
  ms: number;
  maxGap: number;
  files: number;
}

export async function benchFullResult(): Promise<{ name: string; lines: string[] }> {
  const name = 'full-result zip: worker reader vs JSZip on the main thread (Chromium)';
  const { bytes, description } = await buildZip();

  // Build the page with Vite, like the app (the worker becomes its own chunk).
  await rm(WORK_DIR, { recursive: true, force: true });
  await mkdir(WORK_DIR, { recursive: true });
  await writeFile(join(WORK_DIR, 'index.html'), PAGE_HTML);
  await writeFile(join(WORK_DIR, 'main.ts'), PAGE_MAIN);
  const outDir = join(WORK_DIR, 'dist');
  await build({
    root: WORK_DIR,
    configFile: false,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, sourcemap: false },
    worker: { format: 'es' },
  });

  const { server, url } = await serve(outDir, bytes);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.title === 'ready');
    await page.evaluate(
      (u) => (window as unknown as { bench: { load(u: string): Promise<number> } }).bench.load(u),
      `${url}/bench.zip`,
    );
    const run = (kind: Kind) =>
      page.evaluate(
        (k) => (window as unknown as { bench: Record<string, () => Promise<Run>> }).bench[k]!(),
        kind,
      );

    // The first open of each is cold (worker start-up and JIT for the worker; JIT for JSZip on the page). Then
    // alternate, so that drift hits every variant equally; the app keeps its worker warm between opens.
    const coldWorker = await run('worker');
    const coldPlain = await run('plain');
    const results: Record<Kind, Run[]> = { worker: [], readerOnMain: [], plain: [], directoryOnly: [] };
    const kinds = Object.keys(results) as Kind[];
    for (let i = 0; i < RUNS; i++) {
      for (const kind of i % 2 ? [...kinds].reverse() : kinds) results[kind].push(await run(kind));
    }
    const summary = (runs: Run[]) => ({
      ms: median(runs.map((r) => r.ms)),
      stall: median(runs.map((r) => r.maxGap)),
      files: runs[0]!.files,
    });
    const worker = summary(results.worker);
    const plain = summary(results.plain);
    const dir = summary(results.directoryOnly);
    const direct = summary(results.readerOnMain);
    const lines = [
      description,
      `worker reader (checks, JSZip streamed inflate with size guard, CRC-32, JSON decoding and picture Blobs in a Web Worker; JSON.parse on the page): median ${worker.ms.toFixed(0)} ms, longest main-thread stall ${worker.stall.toFixed(0)} ms (${worker.files} files)`,
      `plain JSZip.loadAsync + inflate every file + JSON.parse, main thread: median ${plain.ms.toFixed(0)} ms, longest main-thread stall ${plain.stall.toFixed(0)} ms (${plain.files} files)`,
      `the same reader without the worker (main thread): median ${direct.ms.toFixed(0)} ms, longest main-thread stall ${direct.stall.toFixed(0)} ms`,
      `plain JSZip.loadAsync alone (directory only, nothing inflated): median ${dir.ms.toFixed(0)} ms`,
      `first (cold) open: worker reader ${coldWorker.ms.toFixed(0)} ms (stall ${coldWorker.maxGap.toFixed(0)} ms), plain JSZip ${coldPlain.ms.toFixed(0)} ms (stall ${coldPlain.maxGap.toFixed(0)} ms)`,
      `ratio worker / plain JSZip (open everything, warm): ${(worker.ms / plain.ms).toFixed(2)}× time, ${(worker.stall / Math.max(plain.stall, 1)).toFixed(2)}× longest main-thread stall (${RUNS} runs each, medians)`,
    ];
    return { name, lines };
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { name, lines } = await benchFullResult();
  console.log(name);
  for (const line of lines) console.log(`  ${line}`);
}
