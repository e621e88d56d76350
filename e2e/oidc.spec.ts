import type { Page } from '@playwright/test';
import { E2E_OIDC_PORT } from './env';
import { expect, test } from './fixtures';

// Single sign-on against the test OpenID Provider that playwright.config.ts starts on loopback (issue #20).
const op = `http://127.0.0.1:${E2E_OIDC_PORT}`;

async function setGroups(account: string, groups: string[]) {
  const res = await fetch(`${op}/__test/groups`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account, groups }),
  });
  expect(res.status).toBe(204);
}

/** From the desk's sign-in page through the provider's own login page (it takes any password). */
async function signInWithProvider(page: Page, account: string) {
  await page.goto('/login');
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
  await expect(page).toHaveURL(new RegExp(`^${op}/interaction/`));
  await page.locator('input[name="login"]').fill(account);
  await page.locator('input[name="password"]').fill('any-password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

test('a kyc-reviewers user signs in as a reviewer; removed from the group, the next sign-in is refused and the session ends', async ({
  browser,
}) => {
  await setGroups('rita', ['kyc-reviewers']);
  const first = await browser.newContext();
  const page = await first.newPage();
  await signInWithProvider(page, 'rita');
  await expect(page.getByRole('heading', { name: 'Processes' })).toBeVisible();
  await expect(page.locator('.user-chip')).toContainText('rita');
  await expect(page.locator('.user-chip')).toContainText('Compliance officer'); // the reviewer role's label
  await expect(page.getByRole('link', { name: 'Review queue' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);

  // IT removes rita from the group: her next sign-in (another browser) is refused, with the reason shown.
  await setGroups('rita', ['staff']);
  const second = await browser.newContext();
  const other = await second.newPage();
  await signInWithProvider(other, 'rita');
  await expect(other).toHaveURL(/\/login\?sso=no_role$/);
  await expect(other.getByRole('alert')).toContainText('has no role in Assure Desk');

  // …and the session she still had is over.
  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel('Password')).toBeVisible();
  await first.close();
  await second.close();
});
