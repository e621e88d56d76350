// Bench: Lighthouse (pinned 12.2.3, simulated throttling) on the processes list of the demo stack, signed in, against
// the bare React + React Query + React Router app of bench/bare-app.ts showing its static table; both built with the
// same Vite configuration, both served with their precompressed copies, in one run in the same Chromium (Debian's),
// alternating so that drift hits both alike. Two presets: desktop (lighthouse/core/config/desktop-config.js: 1350×940,
// no CPU slowdown, a fast line), the form factor of a back-office tool used on laptops, which the goal is stated in;
// and the default mobile one (412×823, 4× CPU slowdown, slow 4G), printed beside it. Reports the performance score,
// Largest Contentful Paint, Total Blocking Time and the audits that cost the app points.
//
// Run standalone: npx tsx bench/lighthouse.ts (LIGHTHOUSE_RUNS, default 3; LIGHTHOUSE_REPORT_DIR=<dir> keeps every
// report as JSON, to read which audits cost points).
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import lighthouse, { type Config } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { parseConfig } from '../src/server/config';
import { TestClient } from '../test-support/test-server';
import { startStack } from '../scripts/stack';
import { buildApp, buildBareApp } from './bare-app';
import { CHROMIUM_ARGS, type BenchResult } from './lib';

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Serves a built SPA like the app's server does: precompressed copies by Accept-Encoding, index.html for any route. */
async function serveBare(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      let file = normalize(join(dir, path));
      if (!file.startsWith(dir) || path.endsWith('.map')) return void res.writeHead(404).end();
      if (path === '/' || !existsSync(file) || !extname(file)) file = join(dir, 'index.html');
      const accept = String(req.headers['accept-encoding'] ?? '');
      const encoding = ['br', 'gzip'].find(
        (e) => accept.includes(e) && existsSync(`${file}.${e === 'br' ? 'br' : 'gz'}`),
      );
      const body = await readFile(encoding ? `${file}.${encoding === 'br' ? 'br' : 'gz'}` : file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        vary: 'Accept-Encoding',
        ...(encoding ? { 'content-encoding': encoding } : {}),
      });
      res.end(body);
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Run {
  score: number;
  lcp: number;
  fcp: number;
  tbt: number;
  /** Audits with a score below 0.9 that weigh in the performance score or show savings. */
  failing: string[];
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

const PRESETS = { desktop: desktopConfig as Config, mobile: undefined } as const;
type Preset = keyof typeof PRESETS;

async function audit(
  port: number,
  url: string,
  headers: Record<string, string>,
  preset: Preset,
): Promise<Run> {
  const result = await lighthouse(
    url,
    { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], extraHeaders: headers },
    PRESETS[preset],
  );
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const { lhr } = result;
  if (process.env.LIGHTHOUSE_REPORT_DIR) {
    await writeFile(
      join(process.env.LIGHTHOUSE_REPORT_DIR, `${new URL(url).port}-${preset}-${Date.now()}.json`),
      JSON.stringify(lhr),
    );
  }
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const a = lhr.audits;
  const failing = Object.values(a)
    .filter(
      (x) =>
        x.score !== null &&
        x.score < 0.9 &&
        (x.scoreDisplayMode === 'numeric' ||
          x.scoreDisplayMode === 'metricSavings' ||
          x.scoreDisplayMode === 'binary'),
    )
    .map((x) => `${x.id}${x.displayValue ? ` (${x.displayValue})` : ''}`);
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    lcp: a['largest-contentful-paint']?.numericValue ?? NaN,
    fcp: a['first-contentful-paint']?.numericValue ?? NaN,
    tbt: a['total-blocking-time']?.numericValue ?? NaN,
    failing,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (v: number) => `${(v / 1000).toFixed(2)} s`;

export async function benchLighthouse(): Promise<BenchResult> {
  const appDir = await buildApp();
  const bareDir = await buildBareApp();
  const config = parseConfig({
    PORT: '0',
    DATA_DIR: 'memory://',
    DATABASE_URL: '',
    DEMO_USERS: '1',
    LOG_LEVEL: 'error',
    STATIC_DIR: appDir,
  });
  const stack = await startStack(config, { live: false });
  const bare = await serveBare(bareDir);
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', ...CHROMIUM_ARGS, `--remote-debugging-port=${port}`],
  });
  try {
    const client = await new TestClient(stack.server.url).login('reviewer', 'demo-password');
    // The demo data: wait until the sandbox's dossiers are indexed, so the list is the one a demo user sees.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const page = (await (await client.get('/api/processes?limit=50')).json()) as { items?: unknown[] };
      if ((page.items?.length ?? 0) >= 50) break;
      if (Date.now() > deadline) throw new Error('the demo data was not indexed within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const runs = {
      desktop: { app: [] as Run[], bare: [] as Run[] },
      mobile: { app: [] as Run[], bare: [] as Run[] },
    };
    for (let i = 0; i < RUNS; i++) {
      for (const preset of ['desktop', 'mobile'] as const) {
        runs[preset].app.push(
          await audit(port, `${stack.server.url}/processes`, { Cookie: client.cookie }, preset),
        );
        runs[preset].bare.push(await audit(port, `${bare.url}/processes`, {}, preset));
      }
    }
    const sum = (r: Run[]) => ({
      score: median(r.map((x) => x.score)),
      lcp: median(r.map((x) => x.lcp)),
      fcp: median(r.map((x) => x.fcp)),
      tbt: median(r.map((x) => x.tbt)),
      // The audits of the run with the median score (each run's list differs a little with the machine's load).
      failing: [...r].sort((a, b) => a.score - b.score)[Math.floor(r.length / 2)]!.failing,
    });
    const line = (label: string, all: Run[]) => {
      const r = sum(all);
      return `${label}: score ${r.score} (runs ${all.map((x) => x.score).join(', ')}), LCP ${s(r.lcp)}, FCP ${s(r.fcp)}, TBT ${r.tbt.toFixed(0)} ms`;
    };
    const lines = (['desktop', 'mobile'] as const).flatMap((preset) => [
      line(`${preset} preset, processes list, demo data, signed in`, runs[preset].app),
      line(`${preset} preset, bare React + React Query + React Router app, static table`, runs[preset].bare),
      `${preset} preset, audits below 0.9 on the list (median run): ${sum(runs[preset].app).failing.join('; ') || 'none'}`,
    ]);
    return {
      name: `Lighthouse 12.2.3 performance, desktop preset (the goal: score ≥ 95) and mobile preset beside it, simulated throttling (medians of ${RUNS})`,
      lines,
    };
  } finally {
    await browser.close();
    await bare.close();
    await stack.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchLighthouse();
  console.log(`${r.name}\n${r.lines.map((l) => `  ${l}`).join('\n')}`);
}
