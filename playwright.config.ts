import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { E2E_OIDC_PORT, E2E_PORT, E2E_SANDBOX_PORT } from './e2e/env';

// Debian's Chromium (Playwright's own browser download does not work here).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './e2e',
  outputDir: `./test-results/e2e-${E2E_PORT}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON ?? 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    { name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined }, dependencies: ['setup'] },
  ],
  webServer: [
    {
      command: 'npx tsx scripts/start.ts',
      url: `http://127.0.0.1:${E2E_PORT}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(E2E_PORT),
        SANDBOX_PORT: String(E2E_SANDBOX_PORT),
        DATA_DIR: mkdtempSync(join(tmpdir(), 'assure-desk-e2e-')),
        SANDBOX_DOSSIERS: '120',
        // Processes made through the sandbox's control API send no event until final; discovery finds them. Every 5 s
        // instead of 15 s keeps the journeys that wait for one well inside their budgets.
        SYNC_INTERVAL_S: '5',
        SENTINEL_INTERVAL_S: '5', // the provider-health sentinel (issue #19) every 5 s instead of every minute
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        ASSURE_BASE_URL: '',
        // Single sign-on against the test OpenID Provider below (e2e/oidc.spec.ts); discovered at the first SSO sign-in,
        // so the other specs neither wait for it nor change: password sign-in stays as it was.
        PUBLIC_URL: `http://127.0.0.1:${E2E_PORT}`,
        OIDC_ISSUER: `http://127.0.0.1:${E2E_OIDC_PORT}`,
        OIDC_CLIENT_ID: 'assure-desk',
        OIDC_CLIENT_SECRET: 'e2e-desk-secret',
        OIDC_ROLE_MAP: 'kyc-reviewers=reviewer,kyc-ops=operator,kyc-leads=manager,kyc-admins=admin',
        OIDC_DISPLAY_NAME: 'Test IdP',
      },
    },
    {
      command: 'npx tsx scripts/oidc-test-provider.ts',
      url: `http://127.0.0.1:${E2E_OIDC_PORT}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { OIDC_PORT: String(E2E_OIDC_PORT), DESK_URL: `http://127.0.0.1:${E2E_PORT}` },
    },
  ],
});
