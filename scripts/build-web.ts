import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time under the given paths. */
function newest(paths: string[]): number {
  let max = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
    else max = Math.max(max, s.mtimeMs);
  };
  paths.forEach(visit);
  return max;
}

/** Builds the SPA into dist/ unless it is already newer than its sources. */
export async function buildWebIfNeeded(outDir = 'dist') {
  const index = join(outDir, 'index.html');
  const sources = [
    'src/web',
    'src/domain',
    'index.html',
    'public',
    'vite.config.ts',
    'scripts/vite-static-assets.ts',
  ];
  if (existsSync(index) && statSync(index).mtimeMs >= newest(sources)) return false;
  const { build } = await import('vite');
  console.log('Building the web app…');
  await build({ logLevel: 'warn', build: { outDir } });
  return true;
}
