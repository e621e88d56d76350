import { existsSync } from 'node:fs';
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
//  - no source map is ever served, even one copied into the folder by hand.

const HASHED_ASSET = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const COMPRESSIBLE_TYPE = /^(?:text\/|application\/(?:javascript|json|manifest\+json)|image\/svg\+xml)/;

export function staticRoutes(app: Hono<AppEnv>, staticDir: string) {
  const indexPath = join(staticDir, 'index.html');

  app.get('*', async (c, next) => {
    if (c.req.path.endsWith('.map')) return c.text('Not found', 404);
    await next();
    if (!c.res.ok) return;
    c.header('Cache-Control', c.req.path.startsWith('/assets/') ? HASHED_ASSET : REVALIDATE);
    const type = c.res.headers.get('content-type') ?? '';
    if (COMPRESSIBLE_TYPE.test(type) && !/accept-encoding/i.test(c.res.headers.get('vary') ?? '')) c.header('Vary', 'Accept-Encoding', { append: true });
  });

  // `precompressed` picks br, then gzip, from Accept-Encoding (it does not weigh q-values: every browser that
  // lists an encoding accepts it).
  app.use('*', serveStatic({ root: staticDir, precompressed: true }));
  // A hashed file that is not there (a chunk of an older release) is a 404, never index.html under a year-long cache.
  app.get('/assets/*', (c) => c.text('Not found', 404));
  app.get('*', (c, next) => {
    if (!existsSync(indexPath)) return c.text('The web app is not built. Run `npm run build` (npm start does it for you).', 503);
    return next();
  });
  app.get('*', serveStatic({ root: staticDir, path: 'index.html', precompressed: true }));
}
