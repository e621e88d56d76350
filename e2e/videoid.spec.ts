import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, sandbox, storageStatePath, test } from './fixtures';

// Signicat VideoID, the provider today's tenants start with: its case explained like the others, and its full result
// with the recording, played in the page.

async function finishedProcess(scenario: string, processType: string) {
  const created = await sandbox.post<{ processId: string; dossierId: string }>('/sandbox/processes', {
    scenario,
    processType,
    stayPending: true,
  });
  await sandbox.post(`/sandbox/processes/${created.processId}/advance`, { to: 'final' });
  return created.processId;
}

async function openDetail(page: Page, processId: string, status: string) {
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

test.describe('reviewer', () => {
  test.use({ storageState: storageStatePath('reviewer') });

  test('opens a VideoID case: explained checks, then the recording played from the full result', async ({
    page,
  }) => {
    const processId = await finishedProcess('videoid.inconclusive', 'substantialFullyAuto');
    await openDetail(page, processId, 'inconclusive');

    const main = page.getByRole('main');
    await expect(main.getByText('Signicat VideoID').first()).toBeVisible();
    await expect(main.getByText(/Not recognised \(signicatvideoid\)/)).toHaveCount(0);
    await expect(main.getByText(/medium similarity with the document photo/).first()).toBeVisible();
    await expect(
      main.getByText(/Assure Desk's reading, after Electronic IDentification/).first(),
    ).toBeVisible();

    // Nobody works this case yet: the full result asks for a reason first.
    await page.getByLabel('Reason for opening').fill('Checking the VideoID recording');
    await page.getByRole('button', { name: 'Full result', exact: true }).click();
    await expect(page.getByRole('img', { name: 'selfie.jpg', exact: true })).toBeVisible({ timeout: 20_000 });

    const row = page.getByRole('row', { name: /^video\.mp4 / });
    await expect(row).toContainText('Video (MP4)');
    await expect(row).toContainText(/\d+(\.\d+)? KB/);
    await row.getByRole('button', { name: 'View video.mp4' }).click();

    const video = page.getByRole('region', { name: 'Viewing video.mp4' }).locator('video');
    await expect(video).toHaveAttribute('src', /^blob:/);
    // The browser decoded the recording: its duration and picture size are known.
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => (v.readyState >= 1 ? Math.round(v.duration) : 0)))
      .toBe(3);
    expect(await video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(320);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: 'Download video.mp4' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('video.mp4');
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
  });
});
