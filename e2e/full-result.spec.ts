import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import JSZip from 'jszip';
import type { Page } from '@playwright/test';
import { expect, sandbox, storageStatePath, test } from './fixtures';

// Product screen 4: the provider's zip opened in the browser, through the real BFF and the sandbox's Assure.

async function finishedProcess(scenario: string) {
  const created = await sandbox.post<{ processId: string; dossierId: string }>('/sandbox/processes', {
    scenario,
    stayPending: true,
  });
  await sandbox.post(`/sandbox/processes/${created.processId}/advance`, { to: 'final' });
  return created.processId;
}

/** Waits until Assure Desk has indexed the process as final (webhook), then opens its detail page. */
async function openDetail(page: Page, processId: string, status = 'accepted') {
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`/api/processes/${processId}`);
        return res.ok()
          ? ((await res.json()) as { process: { status: string } }).process.status
          : res.status();
      },
      { timeout: 30_000 },
    )
    .toBe(status);
  await page.goto(`/processes/${processId}`);
  await expect(page.getByRole('navigation', { name: 'Breadcrumbs' })).toContainText(processId);
}

/** Nobody works these finished cases: the full result asks for a reason first (issue 14). */
async function openFullResult(page: Page) {
  await page.getByLabel('Reason for opening').fill('Quality check of the capture flow');
  await page.getByRole('button', { name: 'Full result', exact: true }).click();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core violations inside the full-result section only (other features check their own parts). */
async function sectionViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: string,
            opts: object,
          ) => Promise<{ violations: Array<{ id: string; help: string; nodes: unknown[] }> }>;
        };
      }
    ).axe;
    const result = await axe.run('.fr-section', { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  });
}

const naturalWidth = (page: Page, name: string) =>
  page
    .getByRole('img', { name, exact: true })
    .evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));

test.describe('reviewer', () => {
  test.use({ storageState: storageStatePath('reviewer') });

  test('opens the ReadID + iProov full result: faces side by side, searchable session.json, the original zip', async ({
    page,
  }) => {
    const processId = await finishedProcess('readid.acceptedIproov');
    await openDetail(page, processId);

    await openFullResult(page);

    // Selfie and chip portrait, both decoded, side by side at the same size.
    const selfie = page.getByRole('img', { name: 'selfie.jpg', exact: true });
    const portrait = page.getByRole('img', { name: 'portrait.jpg', exact: true });
    await expect(selfie).toBeVisible({ timeout: 20_000 });
    await expect(portrait).toBeVisible();
    await expect.poll(() => naturalWidth(page, 'selfie.jpg')).toBeGreaterThan(0);
    await expect.poll(() => naturalWidth(page, 'portrait.jpg')).toBeGreaterThan(0);
    const a = (await selfie.boundingBox())!;
    const b = (await portrait.boundingBox())!;
    expect(Math.abs(a.y - b.y)).toBeLessThan(2);
    expect(a.x + a.width).toBeLessThanOrEqual(b.x);
    expect(Math.round(a.width)).toBe(Math.round(b.width));
    expect(Math.round(a.height)).toBe(Math.round(b.height));

    // Zoom and rotate from the keyboard.
    const controls = page.getByRole('group', { name: 'selfie.jpg view controls' });
    await controls.getByRole('button', { name: 'Zoom in' }).press('Enter');
    await expect(controls.getByText('125%')).toBeVisible();
    await page.getByRole('application', { name: /^selfie\.jpg/ }).press('0');
    await expect(controls.getByText('100%')).toBeVisible();

    // The chip checks behind chipVerification and chipCloneDetection.
    await expect(page.getByRole('heading', { name: 'Chip checks from session.json' })).toBeVisible();
    await expect(
      page.getByRole('row', {
        name: /^DS Document signer: .* Passed PRESENT_SUCCEEDED SIGNATURE_CHECKED chipVerification$/,
      }),
    ).toBeVisible();

    // session.json as a tree: search reveals and highlights the key.
    await page.getByLabel('Search session.json').fill('chipCloneDetection');
    const tree = page.getByRole('list', { name: 'session.json contents' });
    await expect(tree.locator('mark', { hasText: 'chipCloneDetection' }).first()).toBeVisible();
    await expect(page.getByText(/^1 of \d+ match/)).toBeVisible();

    // Every file is listed, and each can be viewed on its own.
    for (const name of ['session.json', 'selfie.jpg', 'portrait.jpg']) {
      await expect(page.getByRole('button', { name: `Download ${name}` })).toBeVisible();
    }
    await page.getByRole('button', { name: 'View portrait.jpg' }).click();
    await expect(
      page.getByRole('region', { name: 'Viewing portrait.jpg' }).getByRole('img', { name: 'portrait.jpg' }),
    ).toBeVisible();
    expect(await sectionViolations(page)).toEqual([]);

    // "Download zip" saves the original bytes.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download zip' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const zip = await JSZip.loadAsync(await readFile((await download.path())!));
    const session = zip.file('session.json');
    expect(session).not.toBeNull();
    expect(JSON.parse(await session!.async('string'))).toHaveProperty('nfcSession.verificationStatus');
    expect(zip.file('selfie.jpg')).not.toBeNull();
  });

  test('a truncated zip shows the corrupt-zip message in place, and the page keeps working', async ({
    page,
  }) => {
    const processId = await finishedProcess('readid.acceptedIproov');
    await openDetail(page, processId);
    await sandbox.post('/sandbox/faults', { truncateZip: true });
    try {
      await openFullResult(page);
      await expect(
        page.getByRole('alert').filter({ hasText: 'The zip is corrupt or truncated' }),
      ).toBeVisible({ timeout: 15_000 });
      // The worker hands the zip back with its answer: it can still be saved as it came, cut short.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download zip' }).click(),
      ]);
      const saved = await readFile((await download.path())!);
      expect(saved.length).toBeGreaterThan(1000);
      await expect(JSZip.loadAsync(saved)).rejects.toThrow();
    } finally {
      await sandbox.post('/sandbox/faults', { truncateZip: false });
    }
    // The rest of the page still answers; once the fault is gone, trying again opens the zip.
    await expect(page.getByRole('navigation', { name: 'Breadcrumbs' })).toBeVisible();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('img', { name: 'selfie.jpg', exact: true })).toBeVisible({ timeout: 20_000 });
  });
});

test.describe('operator', () => {
  test.use({ storageState: storageStatePath('operator') });

  test('does not get the full result', async ({ page }) => {
    const processId = await finishedProcess('readid.acceptedIproov');
    await openDetail(page, processId);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Full result', exact: true })).toHaveCount(0);
  });
});
