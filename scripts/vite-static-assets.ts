import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

// Build-time work for how the server hands out the SPA (src/server/static-assets.ts):
//  - source maps are built "hidden" (no sourceMappingURL comment) and moved out of the served folder into
//    `<outDir>-sourcemaps/`, so an operator can still symbolicate a stack trace but no browser can fetch them;
//  - every compressible file is written beside itself as `.br` (quality 11) and `.gz` (level 9), so the server
//    never compresses on the request path and picks a variant by Accept-Encoding.
// node:zlib does both encodings; a plugin package would add nothing but a dependency.

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/;
/** Below this, compression headers cost more than they save. */
const MIN_BYTES = 512;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Writes `.br` and `.gz` beside every compressible file of `dir`; returns how many files it compressed. */
export function precompress(dir: string): number {
  let count = 0;
  for (const file of files(dir)) {
    if (!COMPRESSIBLE.test(file) || statSync(file).size < MIN_BYTES) continue;
    const bytes = readFileSync(file);
    writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
    writeFileSync(
      `${file}.br`,
      brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      }),
    );
    count++;
  }
  return count;
}

/** Moves every `.map` of `dir` into `target`, keeping relative paths. */
export function moveSourceMaps(dir: string, target: string): number {
  rmSync(target, { recursive: true, force: true });
  let count = 0;
  for (const file of files(dir)) {
    if (!file.endsWith('.map')) continue;
    const to = join(target, relative(dir, file));
    mkdirSync(dirname(to), { recursive: true });
    renameSync(file, to);
    count++;
  }
  return count;
}

export function staticAssets(): Plugin {
  let outDir = 'dist';
  return {
    name: 'assure-desk:static-assets',
    apply: 'build',
    config: () => ({ build: { sourcemap: 'hidden' } }),
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        moveSourceMaps(outDir, join(dirname(outDir), `${basename(outDir)}-sourcemaps`));
        precompress(outDir);
      },
    },
  };
}
