import { expect, storageStatePath, test, type Role } from './fixtures';
import type { Browser, Page } from '@playwright/test';

// Issue #15: the audit screen says up to when the chain was verified; "Sign out everywhere" ends a user's sessions in
// every browser — their own from the user menu, another user's from Admin → Users.

async function signIn(browser: Browser, username: string, password: string): Promise<Page> {
  // A browser of its own, without the administrator's stored session.
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Processes' })).toBeVisible();
  return page;
}

test.describe('as an administrator', () => {
  test.use({ storageState: storageStatePath('admin' satisfies Role) });

  test('the audit log says up to when its chain was verified', async ({ page }) => {
    await page.goto('/audit');
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Chain verified up to' })).toBeVisible();
  });

  test('"Sign out everywhere" ends every session, from the user menu and from Admin → Users', async ({
    page,
    browser,
  }) => {
    // A user of this test alone: ending the shared roles' sessions would sign other journeys out. An operator, whose
    // role needs no second factor by default (issue #20), so signing in is the password alone.
    const username = `roaming${Date.now().toString(36)}`;
    const password = 'roaming-password-1';
    await page.goto('/admin');
    await page.getByLabel('New username').fill(username);
    await page.getByLabel('Role', { exact: true }).selectOption('operator');
    await page.getByLabel('Initial password').fill(password);
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByRole('cell', { name: username, exact: true })).toBeVisible();

    // Two browsers; the user signs out everywhere from one, and the other is signed out too.
    const laptop = await signIn(browser, username, password);
    const phone = await signIn(browser, username, password);
    await phone.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(phone).toHaveURL(/\/login/);
    await laptop.goto('/processes');
    await expect(laptop).toHaveURL(/\/login/);

    // Signed in again; this time the administrator ends the session.
    const again = await signIn(browser, username, password);
    await page.getByRole('button', { name: `Sign ${username} out everywhere` }).click();
    await expect(page.getByRole('status').filter({ hasText: `${username}: 1 session ended.` })).toBeVisible();
    await again.goto('/processes');
    await expect(again).toHaveURL(/\/login/);
  });
});
