import { test as setup } from '@playwright/test';
import { login, ROLES, storageStatePath } from './fixtures';

// Log in once per role; journeys reuse the saved state.
for (const role of ROLES) {
  setup(`log in as ${role}`, async ({ page }) => {
    await login(page, role);
    await page.context().storageState({ path: storageStatePath(role) });
  });
}
