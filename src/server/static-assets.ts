import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from './context';

// How the built SPA is handed out (the build side is scripts/vite-static-assets.ts):
//  - `/assets/*` are content-hashed by Vite: cached for a year and marked immutable;
//  - everything else (index.html for every client-side route, the favicon) is `no-cache`: revalidated each time,
//    so a new release is picked up on the next load;
//  - compressible files are served from their build-time `.br` or `.gz` copy when Accept-Encoding allows it,
//    with `Vary: Accept-Encoding` on every answer that has such copies (also the identity one), so no shared cache
//    hands a compressed body to a client that did not ask for it;
//  - no source map is ever served, even one copied into the folder by hand, nor the build manifest (`.vite/`);
//  - the landing screens (the processes list, and sign-in) are answered with a `Link: rel=modulepreload` header for
//    their route's chunks, read from the build manifest, and a preload of the session answer: the browser fetches
//    them beside the entry chunk instead of after it has run, one round-trip less before the screen shows on a slow
//    line.

const HASHED_ASSET = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const COMPRESSIBLE_TYPE = /^(?:text\/|application\/(?:javascript|json|manifest\+json)|image\/svg\+xml)/;

/** Client-side routes whose screen module is preloaded with the page (paths as in src/web/lib/paths.ts). */
const PRELOADED_ROUTES: Record<string, string> = {
  '/processes': 'src/web/app/routes/processes.tsx',
  '/login': 'src/web/app/routes/login.tsx',
};

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/** The `Link` header value per preloaded route: the route chunk and its static imports that the entry does not load. */
export function routePreloadLinks(manifest: Record<string, ManifestChunk>): Map<string, string> {
  const closure = (keys: string[]) => {
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key) || !manifest[key]) return;
      seen.add(key);
      manifest[key].imports?.forEach(visit);
    };
    keys.forEach(visit);
    return seen;
  };
  const entry = closure(Object.keys(manifest).filter((k) => manifest[k]!.isEntry));
  const links = new Map<string, string>();
  for (const [path, module] of Object.entries(PRELOADED_ROUTES)) {
    if (!manifest[module]) continue;
    const files = [...closure([module])].filter((k) => !entry.has(k)).map((k) => manifest[k]!.file);
    links.set(
      path,
      [
        ...files.map((f) => `</${f}>; rel=modulepreload`),
        '</api/session>; rel=preload; as=fetch; crossorigin',
      ].join(', '),
    );
  }
  return links;
}

function readPreloadLinks(staticDir: string): Map<string, string> {
  try {
    return routePreloadLinks(
      JSON.parse(readFileSync(join(staticDir, '.vite', 'manifest.json'), 'utf8')) as Record<
        string,
        ManifestChunk
      >,
    );
  } catch {
    return new Map(); // a build without a manifest loads its screens as before
  }
}

export function staticRoutes(app: Hono<AppEnv>, staticDir: string) {
  const indexPath = join(staticDir, 'index.html');
  const preloadLinks = readPreloadLinks(staticDir);

  app.get('*', async (c, next) => {
    if (c.req.path.endsWith('.map') || c.req.path.startsWith('/.vite/')) return c.text('Not found', 404);
    await next();
    if (!c.res.ok) return;
    c.header('Cache-Control', c.req.path.startsWith('/assets/') ? HASHED_ASSET : REVALIDATE);
    const type = c.res.headers.get('content-type') ?? '';
    if (COMPRESSIBLE_TYPE.test(type) && !/accept-encoding/i.test(c.res.headers.get('vary') ?? ''))
      c.header('Vary', 'Accept-Encoding', { append: true });
  });

  // `precompressed` picks br, then gzip, from Accept-Encoding (it does not weigh q-values: every browser that
  // lists an encoding accepts it).
  app.use('*', serveStatic({ root: staticDir, precompressed: true }));
  // A hashed file that is not there (a chunk of an older release) is a 404, never index.html under a year-long cache.
  app.get('/assets/*', (c) => c.text('Not found', 404));
  app.get('*', (c, next) => {
    if (!existsSync(indexPath))
      return c.text('The web app is not built. Run `npm run build` (npm start does it for you).', 503);
    return next();
  });
  app.get('*', async (c, next) => {
    await next();
    const links = preloadLinks.get(c.req.path);
    if (links && c.res.ok) c.header('Link', links);
  });
  app.get('*', serveStatic({ root: staticDir, path: 'index.html', precompressed: true }));
}
