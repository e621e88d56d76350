// Bench: the JavaScript a browser must fetch before the sign-in page and the processes list can show, gzip-compressed,
// against the bare React + React Query + React Router app built with the same Vite configuration. Counted from the
// build manifest: the entry chunk and everything it imports statically, plus the route's own chunk and its static
// imports for each screen: the sign-in route's chunk for the sign-in page, the list route's for the processes list
// (chunks fetched later on hover or idle are not initial).
//
// Run standalone: npx tsx bench/initial-js.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildApp, buildBareApp } from './bare-app';
import { ratio, type BenchResult } from './lib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Output files of the given manifest keys and of everything they import statically. */
function closure(manifest: Manifest, keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`no chunk ${key} in the build manifest`);
    if (chunk.file.endsWith('.js')) files.add(chunk.file);
    chunk.imports?.forEach(visit);
  };
  keys.forEach(visit);
  return files;
}

const gzipBytes = (outDir: string, files: Set<string>) =>
  [...files].reduce((sum, f) => sum + gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length, 0);

function readManifest(outDir: string): Manifest {
  return JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

export async function measureInitialJs() {
  const appDir = await buildApp();
  const bareDir = await buildBareApp();
  const app = readManifest(appDir);
  const bare = readManifest(bareDir);
  const entry = (m: Manifest) => Object.keys(m).filter((k) => m[k]!.isEntry);
  const login = closure(app, [...entry(app), 'src/web/app/routes/login.tsx']);
  const list = closure(app, [...entry(app), 'src/web/app/routes/processes.tsx']);
  return {
    login: gzipBytes(appDir, login),
    list: gzipBytes(appDir, list),
    bare: gzipBytes(bareDir, closure(bare, entry(bare))),
    loginFiles: login.size,
    listFiles: list.size,
  };
}

export async function benchInitialJs(): Promise<BenchResult> {
  const r = await measureInitialJs();
  return {
    name: 'Initial JavaScript, gzip (same Vite configuration; goal ≤ 1.3× the bare app)',
    lines: [
      `bare React + React Query + React Router app: ${kb(r.bare)}`,
      `sign-in page: ${kb(r.login)} in ${r.loginFiles} files → ${ratio(r.login, r.bare)}`,
      `processes list: ${kb(r.list)} in ${r.listFiles} files → ${ratio(r.list, r.bare)}`,
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchInitialJs();
  console.log(`${r.name}\n${r.lines.map((l) => `  ${l}`).join('\n')}`);
}
