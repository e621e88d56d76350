import { authenticatorCode as totp, expect, storageStatePath, test } from './fixtures';

// A reviewer created by an admin sets up a second factor at their first sign-in (issue #20).

test('a new reviewer enrols an authenticator app by QR code, saves the recovery codes and is in; the next sign-in asks for a code', async ({
  browser,
}) => {
  const username = `rev${Date.now() % 1_000_000}`;
  const password = 'a-long-password-1';
  const adminContext = await browser.newContext({ storageState: storageStatePath('admin') });
  const admin = await adminContext.newPage();
  await admin.goto('/admin');
  await admin.getByLabel('New username').fill(username);
  await admin.getByLabel('Role', { exact: true }).selectOption('reviewer');
  await admin.getByLabel('Initial password').fill(password);
  await admin.getByRole('button', { name: 'Add user' }).click();
  await expect(admin.getByRole('cell', { name: username, exact: true })).toBeVisible();
  await adminContext.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Set up your authenticator app' })).toBeVisible();
  const qr = page.getByRole('img', { name: 'QR code to scan with your authenticator app' });
  await expect(qr).toBeVisible();
  // The QR code really rendered (an image with a size), under the strict CSP.
  expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const secret = (await page.getByLabel('Secret key').textContent())!;
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel('Code').fill(totp(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!;
  await page.getByRole('button', { name: /I have saved them/ }).click();
  await expect(page.getByRole('heading', { name: 'Processes' })).toBeVisible();
  await context.close();

  // Another browser: password, then a recovery code (the authenticator's current code was used above).
  const next = await browser.newContext();
  const again = await next.newPage();
  await again.goto('/login');
  await again.getByLabel('Username').fill(username);
  await again.getByLabel('Password').fill(password);
  await again.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(again.getByRole('heading', { name: 'Second factor' })).toBeVisible();
  await expect(again.getByRole('img', { name: /QR code/ })).toHaveCount(0);
  await again.getByLabel('Code').fill(recovery);
  await again.getByRole('button', { name: 'Verify' }).click();
  await expect(again.getByRole('heading', { name: 'Processes' })).toBeVisible();
  await next.close();
});
