import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/test-server';

// The built SPA as a browser and a shared cache see it: compressed copies by Accept-Encoding with Vary, a year of
// caching for hashed files only, index.html always revalidated, and no source map reachable.

const JS = `export const answer = ${JSON.stringify('x'.repeat(4000))};\n`;
const INDEX = `<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head><body>${' '.repeat(800)}</body></html>`;

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static assets', () => {
  let server: TestServer;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'assure-desk-static-'));
    mkdirSync(join(dir, 'assets'));
    for (const [name, text] of [
      ['assets/app-abc123.js', JS],
      ['index.html', INDEX],
    ] as const) {
      writeFileSync(join(dir, name), text);
      writeFileSync(join(dir, `${name}.gz`), gzipSync(text));
      writeFileSync(join(dir, `${name}.br`), brotliCompressSync(text));
    }
    writeFileSync(join(dir, 'assets/app-abc123.js.map'), '{"version":3,"sources":["secret.ts"]}');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    mkdirSync(join(dir, '.vite'));
    writeFileSync(
      join(dir, '.vite/manifest.json'),
      JSON.stringify({
        'index.html': { file: 'assets/app-abc123.js', isEntry: true, imports: ['_shared.js'] },
        '_shared.js': { file: 'assets/shared-def456.js' },
        '_table.js': { file: 'assets/table-aaa111.js', imports: ['_shared.js'] },
        'src/web/app/routes/processes.tsx': {
          file: 'assets/processes-bbb222.js',
          isDynamicEntry: true,
          imports: ['_shared.js', '_table.js'],
        },
      }),
    );
    server = await startTestServer({ db: 'pglite', env: { STATIC_DIR: dir } });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves JavaScript as brotli, gzip or plain by Accept-Encoding, always with Vary', async () => {
    const url = `${server.url}/assets/app-abc123.js`;
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(brotliDecompressSync(br.body).toString()).toBe(JS);
    expect(br.body.length).toBeLessThan(JS.length / 10);

    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(JS);

    const plain = await get(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(JS);

    for (const r of [br, gz, plain]) expect(r.headers.vary).toMatch(/accept-encoding/i);
  });

  it('caches hashed assets for a year as immutable and revalidates index.html on every route', async () => {
    const asset = await get(`${server.url}/assets/app-abc123.js`);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/processes?status=accepted', '/outcomes']) {
      const page = await get(`${server.url}${path}`, { 'accept-encoding': 'br' });
      expect(page.status, path).toBe(200);
      expect(page.headers['cache-control'], path).toBe('no-cache');
      expect(page.headers['content-encoding'], path).toBe('br');
      expect(brotliDecompressSync(page.body).toString(), path).toBe(INDEX);
    }
    const icon = await get(`${server.url}/favicon.svg`);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('never serves a source map, and answers 404 for a hashed file that is not there', async () => {
    const map = await get(`${server.url}/assets/app-abc123.js.map`, { 'accept-encoding': 'gzip, br' });
    expect(map.status).toBe(404);
    expect(map.body.toString()).not.toContain('secret.ts');
    const stale = await get(`${server.url}/assets/app-old999.js`);
    expect(stale.status).toBe(404);
    expect(String(stale.headers['cache-control'] ?? '')).not.toMatch(/immutable/);
  });

  it('answers the processes list with preloads of its own chunks and the session, and keeps the build manifest private', async () => {
    const list = await get(`${server.url}/processes?status=accepted`);
    expect(list.status).toBe(200);
    const link = String(list.headers.link ?? '');
    // The list's chunk and the table it imports; the shared chunk comes with the entry and is not preloaded again.
    expect(link.split(', ').sort()).toEqual(
      [
        '</api/session>; rel=preload; as=fetch; crossorigin',
        '</assets/processes-bbb222.js>; rel=modulepreload',
        '</assets/table-aaa111.js>; rel=modulepreload',
      ].sort(),
    );
    expect((await get(`${server.url}/outcomes`)).headers.link).toBeUndefined();
    expect((await get(`${server.url}/.vite/manifest.json`)).status).toBe(404);
  });
});
