import type { Locator } from '@playwright/test';
import { expect, login, sandbox, storageStatePath, test } from './fixtures';

// Issue #19: a team lead's figures by decision date, and the provider-health sentinel's banner and panel.
test.use({ timezoneId: 'UTC' });

const shots = (name: string) => `test-results/screens/${name}.png`;

/** Scrolls so that `target` is at the top of the screen just below the sticky header (with its banners). */
async function belowHeader(target: Locator) {
  await target.evaluate((el) => {
    const header = document.querySelector('.app-header')?.getBoundingClientRect().height ?? 0;
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - header - 12);
  });
  await expect(target).toBeInViewport();
}

test('a manager switches team figures to decision dates and sees today’s decision on an older case', async ({
  browser,
  page,
}) => {
  await login(page, 'manager');
  const team = page.getByRole('list', { name: 'Team figures' });
  const decisions = team
    .getByRole('listitem')
    .filter({ has: page.getByText('Decisions', { exact: true }) })
    .locator('.oc-kpi-value');
  const basis = page.getByRole('group', { name: 'Team figures by' });
  // Other journeys in the same run may have decided cases today: the figures before this one's decision, by both dates.
  const count = async () => Number((await decisions.textContent())?.replace(/\D/g, '') || 'NaN');
  await page.goto('/outcomes?period=7d');
  await expect(
    page.getByText('Team figures count decisions on processes created in the period.'),
  ).toBeVisible();
  await expect(decisions).toHaveText(/^\d+$/);
  const byCreationBefore = await count();
  await page.goto('/outcomes?period=7d&basis=decided');
  await expect(page.getByText('decisions made in the period, on cases of any age.')).toBeVisible();
  await expect(decisions).toHaveText(/^\d+$/);
  const byDecisionBefore = await count();

  // A reviewer decides, today, a case created more than a week ago (through the API the SPA uses).
  const reviewer = await browser.newContext({ storageState: storageStatePath('reviewer') });
  const session = (await (await reviewer.request.get('/api/session')).json()) as { csrfToken: string };
  const queue = (await (await reviewer.request.get('/api/review-queue')).json()) as {
    items: Array<{ processId: string; createdAt: string }>;
  };
  const old = queue.items.find((i) => Date.parse(i.createdAt) < Date.now() - 9 * 86_400_000);
  expect(old, 'the seeded world has an inconclusive case older than 9 days').toBeDefined();
  const decided = await reviewer.request.post(`/api/processes/${old!.processId}/decisions`, {
    headers: { 'x-csrf-token': session.csrfToken },
    // A reject with a reason is final at once (four-eyes covers approvals despite failed checks by default).
    data: { outcome: 'reject', reasonCode: 'document_expired', note: '' },
  });
  expect(decided.status(), await decided.text()).toBe(201);
  await reviewer.close();

  // By creation date, the decision belongs to its case's (older) period: the last 7 days do not change.
  await page.goto('/outcomes?period=7d');
  await expect(
    page.getByText('Team figures count decisions on processes created in the period.'),
  ).toBeVisible();
  await expect(decisions).toHaveText(String(byCreationBefore));

  await basis.getByRole('button', { name: 'Decision date' }).click();
  await expect(page).toHaveURL(/basis=decided/);
  await expect(page.getByText('decisions made in the period, on cases of any age.')).toBeVisible();
  await expect(decisions).toHaveText(String(byDecisionBefore + 1));
  await expect(page.getByRole('heading', { name: 'Team · by decision date' })).toBeVisible();
});

// The e2e world's baseline for Onfido (document) is only a few processes; the sentinel judges a baseline thinner than
// its minimum window as no baseline (see src/domain/provider-health.ts), so 25 of 25 failing is an alert.
test('the sentinel banner appears when the sandbox fails a provider, with the panel on Outcomes', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await sandbox.post('/sandbox/faults', { failProvider: 'onfido' });
  try {
    // An outage at Onfido: 25 processes fail with a technical error.
    for (let i = 0; i < 25; i++) {
      const p = await sandbox.post<{ processId: string }>('/sandbox/processes', { provider: 'onfido' });
      await sandbox.post(`/sandbox/processes/${p.processId}/advance`, { to: 'final' });
    }

    // A reviewer sees the banner on any page, with providers that are healthy for a retry.
    await login(page, 'reviewer');
    const banner = page.getByRole('alert', { name: 'Provider alert' });
    await expect(banner).toContainText('Provider alert: Onfido (document)', { timeout: 120_000 });
    await expect(banner).toContainText('Healthy now for a retry:');

    // A manager follows it to the panel on Outcomes, which says how the verdict was reached.
    await page.context().clearCookies();
    await login(page, 'manager');
    await page
      .getByRole('alert', { name: 'Provider alert' })
      .getByRole('link', { name: 'Provider health →' })
      .click();
    const panel = page.getByRole('region', { name: 'Provider health' });
    const row = panel.getByRole('row', { name: /Onfido \(document\)/ });
    await expect(row).toContainText('Alert');
    // The operator's suggestion: retry with a provider that is healthy now.
    await expect(panel.getByRole('list', { name: 'Suggestions for operators' })).toContainText(
      /Onfido \(document\): retry with .+, healthy now\./,
    );
    await expect(panel).toContainText('binomial test');
    await expect(panel).toContainText('Wilson');

    for (const [w, h] of [
      [1440, 900],
      [1024, 768],
    ] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto('/outcomes?period=30d&basis=decided');
        await expect(panel.getByRole('row', { name: /Onfido \(document\)/ })).toBeVisible();
        await belowHeader(page.getByRole('heading', { name: /^Team/ }));
        await page.screenshot({ path: shots(`team-${w}-${scheme}`) });
        await belowHeader(panel.getByRole('heading', { name: 'Provider health' }));
        await page.screenshot({ path: shots(`sentinel-${w}-${scheme}`) });
      }
    }
  } finally {
    await sandbox.post('/sandbox/faults', { failProvider: null });
  }
});
