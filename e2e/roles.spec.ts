import { expect, sandbox, storageStatePath, test } from './fixtures';

async function inconclusiveProcess(firstName: string) {
  const created = await sandbox.post<{ processId: string; dossierId: string }>('/sandbox/processes', {
    provider: 'readid',
    scenario: 'readid.cloneFailed',
    firstName,
    lastName: 'REVIEWCASE',
    stayPending: true,
  });
  await sandbox.post(`/sandbox/processes/${created.processId}/advance`, { to: 'final' });
  return created;
}

/** Waits until the server has the process (webhook), reloading if needed. */
async function openProcess(page: import('@playwright/test').Page, processId: string) {
  await expect(async () => {
    await page.goto(`/processes/${processId}`);
    await expect(page.getByRole('heading', { name: 'Review', exact: true })).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

test.describe('reviewer', () => {
  test.use({ storageState: storageStatePath('reviewer') });

  test('claims, reveals with a reason, rejects with a reason and sees it in the timeline', async ({
    page,
  }) => {
    const { processId } = await inconclusiveProcess('REVIEWER');
    await openProcess(page, processId);
    await expect(page.getByText('Inconclusive').first()).toBeVisible();
    // Not working the case yet: identifiers are masked and revealed one by one with a reason.
    await page.getByText('Reveal a masked field…').click();
    await page.getByLabel('Field').selectOption('documentNumber');
    await page.getByLabel('Reason for revealing').fill('Compare with the document photo');
    await page.getByRole('button', { name: 'Reveal', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'shown in place' })).toBeVisible();
    const documentNumber = page
      .getByRole('region', { name: 'Identity data by source' })
      .getByRole('row', { name: /^Document number/ });
    await expect(documentNumber).not.toContainText('•••');

    await page.getByRole('button', { name: 'Claim case' }).click();
    await expect(page.getByText('You are working on this case')).toBeVisible();
    // Nothing is pre-selected, and a rejection offers only reasons to reject.
    await expect(page.getByRole('radio', { name: /Approve/ })).not.toBeChecked();
    await page.getByRole('radio', { name: /Reject/ }).check();
    await expect(page.getByRole('button', { name: /Review decision/ })).toBeDisabled();
    await expect(page.getByRole('radio', { name: /Verified manually/ })).toHaveCount(0);
    await page.getByRole('radio', { name: /Suspected fraud/ }).check();
    await page.getByLabel('Internal note').fill('Clone detection failed twice');
    await page.getByRole('button', { name: /Review decision/ }).click();
    await page.getByRole('button', { name: 'Confirm reject' }).click();

    await expect(page.getByText('Decision:')).toContainText('Reject');
    const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
    await expect(timeline).toContainText('claimed the case');
    await expect(timeline).toContainText('revealed a masked field');
    await expect(timeline).toContainText('recorded a decision');
    await expect(timeline).toContainText('suspected fraud');
  });
});

test.describe('reviewer, keyboard only', () => {
  test.use({ storageState: storageStatePath('reviewer') });

  test('claims with c, rejects with r and a digit, confirms with Enter twice and moves to the next case with n', async ({
    page,
  }) => {
    const { processId } = await inconclusiveProcess('KEYBOARD');
    await inconclusiveProcess('KEYBOARDNEXT');
    await openProcess(page, processId);
    await page.keyboard.press('c');
    await expect(page.getByText('You are working on this case')).toBeVisible();
    await page.keyboard.press('a');
    await expect(page.getByRole('radio', { name: /Approve/ })).toBeChecked();
    // No control holds the focus: the next letter changes the outcome instead of being typed somewhere.
    await page.keyboard.press('r');
    await expect(page.getByRole('radio', { name: /Reject/ })).toBeChecked();
    await page.keyboard.press('1');
    await expect(page.getByRole('radio', { name: /Suspected fraud/ })).toBeChecked();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'Confirm reject' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Decision:')).toContainText('Reject');
    await expect(page.getByRole('link', { name: /Next case/ })).toBeVisible();
    await page.keyboard.press('n');
    await expect(page).not.toHaveURL(new RegExp(processId));
    await expect(page.getByRole('heading', { name: 'Review', exact: true })).toBeVisible();
  });
});

test.describe('operator', () => {
  test.use({ storageState: storageStatePath('operator') });

  test('starts a retry, copies the link, and the new process appears and moves', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { processId, dossierId } = await inconclusiveProcess('OPERATOR');
    await openProcess(page, processId);
    await page.getByRole('combobox', { name: /^Provider/ }).selectOption('onfido');
    // Switching provider defaults to its strongest type, and nothing starts before the confirmation.
    await expect(page.getByLabel('Type')).toHaveValue('documentSelfie');
    await page.getByRole('button', { name: 'Start retry' }).click();
    await expect(page.getByRole('group', { name: 'Confirm the retry' })).toContainText(
      'Onfido documentSelfie',
    );
    await expect(page.getByRole('group', { name: 'Confirm the retry' })).toContainText(
      '1 of 2 retries will be left',
    );
    await page.getByRole('button', { name: 'Confirm retry' }).click();
    const link = page.getByLabel('Link for the end-user');
    await expect(link).toHaveValue(/^http/);
    const url = await link.inputValue();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();

    // The link is kept: after a reload it is there again, to copy or to show as a QR code.
    await page.reload();
    await expect(page.getByText('Waiting for the end-user.')).toBeVisible();
    await expect(page.getByLabel('Link for the end-user')).toHaveValue(url);
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.getByRole('button', { name: 'Copy link' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    // And on the pending process itself, until it is final.
    await page.getByRole('link', { name: 'open the new attempt' }).click();
    await expect(page).not.toHaveURL(new RegExp(processId));
    await expect(page.getByLabel('Link for the end-user')).toHaveValue(url);
    const newId = page.url().split('/processes/')[1]!;
    // The new process moves on its own once the end-user acts (here: the sandbox).
    await sandbox.post(`/sandbox/processes/${newId}/advance`, { to: 'final', scenario: 'onfido.clear' });
    await expect(page.locator('.status-badge').first()).toContainText('Accepted', { timeout: 20_000 });
    await page.goto(`/dossiers/${dossierId}`);
    await expect(
      page
        .getByText(newId.slice(0, 8))
        .or(page.locator(`a[href="/processes/${newId}"]`))
        .first(),
    ).toBeVisible();
  });
});

test.describe('manager', () => {
  test.use({ storageState: storageStatePath('manager') });

  test('sees masked personal data and no action buttons', async ({ page }) => {
    const { processId } = await inconclusiveProcess('MANAGERVIEW');
    await page.goto('/processes');
    await expect(page.locator('tbody tr').first()).toBeVisible();
    // Names are masked to their first letter (rows without a name yet show a dash).
    await expect(page.locator('.cell-name a', { hasText: '•••' }).first()).toBeVisible();
    await openProcess(page, processId);
    await expect(page.getByText('MANAGERVIEW')).toHaveCount(0); // getByText matches any case
    await expect(page.getByText('REVIEWCASE')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Claim case' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Start retry' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Full result' })).toHaveCount(0);
    await expect(page.getByText('Reveal a masked field…')).toHaveCount(0);
  });
});
