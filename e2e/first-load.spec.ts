import { expect, storageStatePath, test } from './fixtures';

// The first screen loads only what it needs, compressed, and the build's source maps are out of reach.

/** Chunks of the screens the sign-in page must not load: the outcomes charts and the full-result viewer. */
const HEAVY_CHUNK = /\/assets\/(?:outcomes|full-result-section|zip\.worker)-[\w-]+\.js$/;

test('the sign-in page loads no chunk of the outcomes or full-result screens, and its JavaScript comes compressed', async ({
  page,
}) => {
  const scripts: { url: string; encoding: string | undefined; vary: string | undefined }[] = [];
  page.on('response', (r) => {
    if (/\/assets\/.+\.js$/.test(r.url()))
      scripts.push({ url: r.url(), encoding: r.headers()['content-encoding'], vary: r.headers()['vary'] });
  });
  // Idle-time prefetching fetches the list's chunk (so signing in goes straight to it), never a heavy one.
  const listChunk = page.waitForResponse((r) => /\/assets\/processes-[\w-]+\.js$/.test(r.url()));
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await listChunk;
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 })));

  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => HEAVY_CHUNK.test(s.url)).map((s) => s.url)).toEqual([]);
  for (const s of scripts) expect(s.vary ?? '', s.url).toMatch(/accept-encoding/i);
  expect(scripts.filter((s) => s.encoding && !/^(?:br|gzip)$/.test(s.encoding))).toEqual([]);
  // The build compresses every script of 512 bytes or more; a smaller chunk would not get any smaller.
  const plain: { url: string; size: number }[] = [];
  for (const s of scripts.filter((x) => !x.encoding)) {
    plain.push({
      url: s.url,
      size: (await (await page.request.get(s.url, { headers: { 'accept-encoding': 'identity' } })).body())
        .length,
    });
  }
  expect(plain.filter((p) => p.size >= 512)).toEqual([]);
  expect(plain.length).toBeLessThan(scripts.length);
});

test('JavaScript is served as brotli or gzip as asked, and no source map is reachable', async ({
  page,
  request,
}) => {
  const urls: string[] = [];
  page.on('response', (r) => {
    if (/\/assets\/.+\.js$/.test(r.url())) urls.push(r.url());
  });
  await page.goto('/login');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const entry = new URL(
    (await page.locator('script[type="module"]').first().getAttribute('src'))!,
    page.url(),
  ).href;

  const br = await request.get(entry, { headers: { 'accept-encoding': 'br' } });
  expect(br.headers()['content-encoding']).toBe('br');
  expect(br.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  const gzip = await request.get(entry, { headers: { 'accept-encoding': 'gzip' } });
  expect(gzip.headers()['content-encoding']).toBe('gzip');
  const plain = await request.get(entry, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
  const source = await plain.text();
  expect(source).not.toMatch(/sourceMappingURL/);
  expect(Number(gzip.headers()['content-length'])).toBeLessThan(source.length / 2);

  const index = await request.get('/processes');
  expect(index.headers()['cache-control']).toBe('no-cache');

  expect(urls).toContain(entry);
  for (const url of urls) {
    // JSZip lives only in the full-result worker's chunk; its messages in a page chunk mean it leaked back.
    expect(await (await request.get(url)).text(), url).not.toContain('Corrupted zip');
    const map = await request.get(`${url}.map`);
    expect(map.status(), `${url}.map`).toBe(404);
  }
});

test.describe('as a manager', () => {
  test.use({ storageState: storageStatePath('manager') });

  test('the outcomes chunk is fetched on hover, before the click, and the list stays on screen until it is ready', async ({
    page,
  }) => {
    await page.goto('/processes');
    await expect(page.getByRole('heading', { name: 'Processes' })).toBeVisible();
    const outcomesChunk = page.waitForRequest(
      (r) => HEAVY_CHUNK.test(r.url()) && r.url().includes('/outcomes-'),
    );
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outcomes' }).hover();
    await outcomesChunk;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outcomes' }).click();
    await expect(page.getByRole('heading', { name: 'Outcomes' })).toBeVisible();
  });
});
