import type { Page } from '@playwright/test';
import { expect, sandbox, storageStatePath, test } from './fixtures';

interface Created {
  processId: string;
  dossierId: string;
}

/** A process through the sandbox's control API, brought to its final status (the webhook tells the desk). */
async function finalProcess(body: Record<string, unknown>): Promise<Created> {
  const created = await sandbox.post<Created>('/sandbox/processes', {
    provider: 'readid',
    stayPending: true,
    ...body,
  });
  await sandbox.post(`/sandbox/processes/${created.processId}/advance`, { to: 'final' });
  return created;
}

/** The queue, reloaded until `text` shows in it (the desk learns of new processes by webhook or discovery). */
async function queueShows(page: Page, url: string, text: string) {
  await expect(async () => {
    await page.goto(url);
    await expect(page.getByRole('row', { name: new RegExp(text) })).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

test.describe('reviewer', () => {
  test.use({ storageState: storageStatePath('reviewer') });

  test('filters the queue by reason, finds no resolved case in it, and sees overdue cases marked', async ({
    page,
  }) => {
    // Inconclusive, then accepted on a retry: nothing to review. And one that still waits for a verdict.
    const resolved = await finalProcess({
      scenario: 'readid.cloneFailed',
      firstName: 'RESOLVED',
      lastName: 'QUEUECASE',
    });
    // Assure's createdAt has whole seconds, and two attempts of one second have no order to tell (the desk breaks
    // the tie by id): the retry starts in a later second, as a person's second attempt does.
    const second = Math.floor(Date.now() / 1000);
    await expect.poll(() => Math.floor(Date.now() / 1000)).toBeGreaterThan(second);
    await finalProcess({ dossierId: resolved.dossierId, scenario: 'readid.accepted' });
    await finalProcess({ scenario: 'readid.cloneFailed', firstName: 'OPEN', lastName: 'QUEUECASE' });

    await expect(async () => {
      await page.goto(`/dossiers/${resolved.dossierId}`);
      await expect(page.getByRole('region', { name: 'Case' })).toContainText('verified by attempt #2', {
        timeout: 2000,
      });
    }).toPass({ timeout: 30_000 });

    await queueShows(page, '/review', 'OPEN QUEUECASE');
    // The seeded world has inconclusive cases older than the 24 h SLA: they come first, marked in words.
    const first = page.getByRole('row').nth(1);
    await expect(first).toHaveAccessibleName(/, overdue$/);
    await expect(first).toContainText(/Overdue \d/);
    await page.getByRole('button', { name: /Overdue only/ }).click();
    await expect(page).toHaveURL(/overdue=1/);
    await expect(page.getByRole('row', { name: 'OPEN QUEUECASE' })).toHaveCount(0);

    await page.getByRole('button', { name: /Overdue only/ }).click();
    const reason = page.getByLabel('Reason');
    const clone = await reason.locator('option', { hasText: /clone/i }).first().getAttribute('value');
    await reason.selectOption(clone!);
    await expect(page).toHaveURL(new RegExp(`reason=${clone}`));
    await expect(page.getByRole('row', { name: 'OPEN QUEUECASE' })).toBeVisible();
    await expect(page.getByRole('row', { name: 'RESOLVED QUEUECASE' })).toHaveCount(0);
    // Every reason shown is a clone one (retried until the filtered list is in, and not vacuous on an empty one).
    const reasons = page.locator('tbody td.reason');
    await expect(reasons.first()).toBeVisible();
    await expect(reasons.filter({ hasNotText: /clone/i })).toHaveCount(0);

    // The resolved case is under its own tab, with the attempt that verified the person.
    await page.getByRole('button', { name: /^Resolved by retry/ }).click();
    await page.getByLabel('Reason').selectOption('');
    await page.getByRole('searchbox').fill('RESOLVED QUEUECASE');
    await expect(page.getByRole('row', { name: 'RESOLVED QUEUECASE' })).toContainText(
      'verified by attempt #2',
    );
  });
});

test.describe('manager', () => {
  test.use({ storageState: storageStatePath('manager') });

  test('assigns a case to a reviewer, who finds it under "Assigned to me"', async ({ page, browser }) => {
    const c = await finalProcess({
      scenario: 'readid.iproovFailed',
      firstName: 'ASSIGNED',
      lastName: 'QUEUECASE',
    });
    // Managers see names masked and search by id.
    await expect(async () => {
      await page.goto(`/review?q=${c.dossierId}`);
      await expect(page.getByRole('combobox', { name: /^Assign the case of/ })).toBeVisible({
        timeout: 2000,
      });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByRole('row').nth(1)).not.toContainText('ASSIGNED');
    const assign = page.getByRole('combobox', { name: /^Assign the case of/ });
    await assign.selectOption('reviewer');
    await expect(assign).toBeEnabled();
    await page.reload();
    await expect(page.getByRole('combobox', { name: /^Assign the case of/ })).toHaveValue('reviewer');

    const reviewer = await browser.newContext({ storageState: storageStatePath('reviewer') });
    const other = await reviewer.newPage();
    await other.goto('/review');
    await other.getByRole('button', { name: 'Assigned to me' }).click();
    await expect(other).toHaveURL(/assignee=me/);
    await expect(other.getByRole('row', { name: 'ASSIGNED QUEUECASE' })).toContainText('reviewer');
    await reviewer.close();
  });
});
