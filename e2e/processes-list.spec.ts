import { axeViolations } from './axe';
import { expect, sandbox, storageStatePath, test } from './fixtures';

test.use({ storageState: storageStatePath('reviewer') });

test('filters by provider and status through the UI; the URL holds them and a reload restores them', async ({
  page,
}) => {
  await page.goto('/processes');
  const table = page.getByRole('table');
  await expect(table.getByRole('row').nth(3)).toBeVisible();

  await page.locator('summary', { hasText: 'Provider' }).click();
  // The box is controlled by the URL: it turns checked once the navigation to the new URL is done.
  await page.getByRole('checkbox', { name: 'ReadID' }).click();
  await expect(page.getByRole('checkbox', { name: 'ReadID' })).toBeChecked();
  await page.locator('summary', { hasText: 'Provider' }).click();
  await page.locator('summary', { hasText: 'Status' }).click();
  await page.getByRole('checkbox', { name: 'Accepted' }).click();
  await expect(page.getByRole('checkbox', { name: 'Accepted' })).toBeChecked();
  await page.locator('summary', { hasText: 'Status' }).click();

  await expect(page).toHaveURL(/provider=readid/);
  await expect(page).toHaveURL(/status=accepted/);
  const rows = table.locator('tbody tr');
  // Every row matches both filters: no row without them, retried until the filtered page replaced the previous one
  // (a snapshot of the rows could be the unfiltered page, or a loading skeleton).
  await expect(rows.first()).toBeVisible();
  await expect(rows.filter({ hasNotText: 'ReadID' })).toHaveCount(0);
  await expect(rows.filter({ hasNotText: 'Accepted' })).toHaveCount(0);
  await expect(rows.first()).toContainText('Accepted'); // and not because the table emptied
  await page.reload();
  await expect(page.locator('summary', { hasText: 'Provider' })).toContainText('ReadID');
  await expect(page.locator('summary', { hasText: 'Status' })).toContainText('Accepted');
  await expect(rows.filter({ hasNotText: 'ReadID' })).toHaveCount(0);
  await expect(rows.first()).toContainText('ReadID');
});

test('quick views set the filters: Needs review is the case state, the others Assure statuses', async ({
  page,
}) => {
  await page.goto('/processes');
  await page.getByRole('button', { name: 'Needs review' }).click();
  await expect(page).toHaveURL(/caseState=needs_review/);
  await expect(page.getByRole('button', { name: 'Needs review' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'in progress' }).click();
  await expect(page).toHaveURL(/status=pending(%2C|,)processing/);
});

test('a process forced from pending to inconclusive changes on screen without a reload', async ({ page }) => {
  const created = await sandbox.post<{ processId: string; dossierId: string }>('/sandbox/processes', {
    provider: 'readid',
    scenario: 'readid.cloneFailed',
    stayPending: true,
    firstName: 'LIVE',
    lastName: 'WATCHER',
  });
  await page.goto('/processes?sort=-created');
  // The new process arrives as "N new — show" (the table does not shift) or on a fresh load.
  // Pending processes carry no identity data yet: find the row by its process id.
  const row = page.locator(`tbody tr[data-process-id="${created.processId}"]`);
  await expect(async () => {
    if (!(await row.isVisible())) {
      const show = page.getByRole('button', { name: /new — show/ });
      if (await show.isVisible()) await show.click();
      else await page.reload();
    }
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText('Pending');
  await sandbox.post(`/sandbox/processes/${created.processId}/advance`, { to: 'final' });
  await expect(row).toContainText('Inconclusive', { timeout: 15_000 });
});

test('pages forward and back, and opens a process with the keyboard', async ({ page }) => {
  await page.goto('/processes');
  // A row of the page, not of the loading skeleton (which has no process id).
  const first = page.locator('tbody tr[data-process-id]').first();
  const firstId = (await first.getAttribute('data-process-id'))!;
  expect(firstId).toBeTruthy();
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(first).not.toHaveAttribute('data-process-id', firstId);
  await page.getByRole('button', { name: '← Previous' }).click();
  await expect(first).toHaveAttribute('data-process-id', firstId);

  await page.locator('tbody tr').first().focus();
  await page.keyboard.press('j');
  await expect(page.locator('tbody tr').nth(1)).toBeFocused();
  const id = await page.locator('tbody tr').nth(1).getAttribute('data-process-id');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/processes/${id}$`));
});

test('every row links to its detail page', async ({ page }) => {
  await page.goto('/processes');
  // A row of the page, not of the loading skeleton (which has no process id).
  const first = page.locator('tbody tr[data-process-id]').first();
  const id = (await first.getAttribute('data-process-id'))!;
  expect(id).toBeTruthy();
  await expect(first.getByRole('link')).toHaveAttribute('href', `/processes/${id}`);
});

test('the list has no axe violations, in light and dark mode', async ({ page }) => {
  await page.goto('/processes');
  await expect(page.locator('tbody tr').first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeViolations(page)).toEqual([]);
});
