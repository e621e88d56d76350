import { parse } from 'csv-parse/sync';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, login, storageStatePath, test } from './fixtures';

// The manager's outcomes dashboard: change the period, follow a bar and a count into the processes list, and check
// that the CSV downloads parse and agree with the list. Days are UTC in the browser, as in the list's date filter.
test.use({ timezoneId: 'UTC' });

/** RFC 4180, with csv-parse. */
const parseCsv = (text: string): string[][] => parse(text, { bom: true }) as string[][];

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Every process the list shows for a query string, paging through GET /api/processes. */
async function listAll(page: Page, search: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await page.request.get(
      `/api/processes?${search}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { items: Array<{ processId: string }>; nextCursor: string | null };
    ids.push(...body.items.map((i) => i.processId));
    cursor = body.nextCursor;
  } while (cursor);
  return ids;
}

test('a manager changes the period, follows a bar and a count into the matching processes list', async ({
  page,
  browser,
}) => {
  await login(page, 'manager');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outcomes' }).click();
  await expect(page.getByRole('heading', { name: 'Outcomes', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true');

  // Change the period: a preset, then a custom range that ends two days ago (those processes are all final).
  await page.getByRole('button', { name: 'Last 7 days' }).click();
  await expect(page).toHaveURL(/period=7d/);
  const from = day(-40);
  const to = day(-2);
  await page.getByLabel('From', { exact: true }).fill(from);
  await page.getByLabel('To', { exact: true }).fill(to);
  await expect(page).toHaveURL(new RegExp(`period=custom&from=${from}&to=${to}`));
  await page.getByRole('button', { name: 'By day' }).click();
  await expect(page.getByText(/\d+ processes · by day · times in UTC/)).toBeVisible();

  // A bar of the volume chart opens that day's list for that status.
  const volume = page.getByRole('region', { name: 'Volume by status' });
  await volume.locator('.recharts-bar-rectangle path').first().click();
  await expect(page).toHaveURL(/\/processes\?status=[a-z]+&from=(\d{4}-\d{2}-\d{2})&to=\1$/);
  const barUrl = new URL(page.url());
  const barStatus = barUrl.searchParams.get('status')!;
  await expect(page.getByRole('heading', { name: 'Processes' })).toBeVisible();
  const listed = page.getByRole('table', { name: /Processes/ }).locator('tbody tr');
  await expect(listed.first()).toBeVisible();
  await expect(listed).toHaveCount(
    Math.min(50, (await listAll(page, barUrl.searchParams.toString())).length),
  );
  const badges = await listed.locator('.status-badge').allTextContents();
  expect(badges).toHaveLength(await listed.count());
  for (const badge of badges) expect(badge.toLowerCase()).toContain(barStatus);
  await page.goBack();

  // A count in the status mix table opens the provider's list for that status, with the period's dates.
  const mix = page.getByRole('region', { name: 'Status mix by provider' });
  await mix.getByRole('button', { name: 'Show as table' }).click();
  const count = mix.getByRole('link', { name: /^\d+ accepted ReadID processes$/ });
  const n = Number((await count.textContent())!.replace(/\D/g, ''));
  expect(n).toBeGreaterThan(0);
  await count.click();
  await expect(page).toHaveURL(`/processes?status=accepted&provider=readid&from=${from}&to=${to}`);
  await expect(listed.first()).toBeVisible();
  const ids = await listAll(page, `status=accepted&provider=readid&from=${from}&to=${to}`);
  expect(ids).toHaveLength(n);
  await expect(listed).toHaveCount(Math.min(50, n));

  // The processes CSV for the same filters holds exactly the list's rows, names masked for a manager.
  const csv = await page.request.get(
    `/api/processes/export?status=accepted&provider=readid&from=${from}&to=${to}`,
  );
  expect(csv.status()).toBe(200);
  const [header, ...rows] = parseCsv(await csv.text());
  expect(header).toEqual([
    'processId',
    'dossierId',
    'provider',
    'processType',
    'status',
    'createdAt',
    'updatedAt',
    'firstName',
    'lastName',
    'documentCountry',
    'documentCountryName',
  ]);
  expect(rows.map((r) => r[0])).toEqual(ids);
  expect(rows.every((r) => r[2] === 'readid' && r[4] === 'accepted')).toBe(true);
  // The real names, as an operator (who may see them) downloads the same file: the manager's file holds each one
  // masked to its first letter, never the name itself, in any case.
  const operator = await browser.newContext({ storageState: storageStatePath('operator') });
  const unmasked = await operator.request.get(
    `/api/processes/export?status=accepted&provider=readid&from=${from}&to=${to}`,
  );
  expect(unmasked.status()).toBe(200);
  const real = new Map(
    parseCsv(await unmasked.text())
      .slice(1)
      .map((r) => [r[0], [r[7] ?? '', r[8] ?? '']]),
  );
  await operator.close();
  const named = rows.filter((r) => real.get(r[0]!)?.some((name) => name.length > 1));
  expect(named.length).toBeGreaterThan(0);
  for (const r of named) {
    const [first, last] = real.get(r[0]!)!;
    expect([r[7], r[8]]).toEqual([first && `${[...first][0]}•••`, last && `${[...last][0]}•••`]);
    for (const name of [first, last].filter((n) => n.length > 1))
      expect(r.join(',').toLowerCase()).not.toContain(name.toLowerCase());
  }
});

test('the dashboard CSV download parses and agrees with the figures on screen', async ({ page }) => {
  await login(page, 'manager');
  await page.goto('/outcomes?period=all');
  const mix = page.getByRole('region', { name: 'Status mix by provider' });
  await mix.getByRole('button', { name: 'Show as table' }).click();
  const readidTotal = Number(
    (await mix.getByRole('link', { name: /^\d+ ReadID processes$/ }).textContent())!.replace(/\D/g, ''),
  );

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    mix.getByRole('link', { name: 'CSV of Status mix by provider' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^outcomes-byProvider-start_now\.csv$/);
  const text = readFileSync(await download.path(), 'utf8');
  const [header, ...rows] = parseCsv(text);
  expect(header!.slice(0, 3)).toEqual(['provider', 'total', 'final']);
  const shown = await mix.locator('tbody tr').count();
  expect(rows).toHaveLength(shown);
  const readid = rows.find((r) => r[0] === 'readid')!;
  // The sandbox keeps creating processes: the file is at least what the screen showed a moment earlier.
  expect(Number(readid[1])).toBeGreaterThanOrEqual(readidTotal);
  expect(Number(readid[1])).toBeLessThanOrEqual(readidTotal + 5);
});
