import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, sandbox, storageStatePath, test } from './fixtures';

// Screen 3 (process detail) and screen 5 (dossier) for a compliance officer: why the status is what it is, the
// checks behind it per provider, identity data as text, the raw JSON, and every attempt of the end-user.

test.use({ storageState: storageStatePath('reviewer') });

const require = createRequire(import.meta.url);

interface Created {
  dossierId: string;
  processId: string;
}

/** A process with a forced outcome, advanced to its final status through the sandbox control API. */
async function finalProcess(body: Record<string, unknown>): Promise<Created> {
  const created = await sandbox.post<Created>('/sandbox/processes', body);
  await sandbox.post(`/sandbox/processes/${created.processId}/advance`, { to: 'final' });
  return created;
}

/** Opens the process once Assure Desk has learnt its final status (the webhook arrives within a second or two). */
async function openFinal(page: Page, processId: string) {
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`/api/processes/${processId}`);
        if (!res.ok()) return `HTTP ${res.status()}`;
        const body = (await res.json()) as { process: { status: string } };
        return ['pending', 'processing'].includes(body.process.status) ? body.process.status : 'final';
      },
      { timeout: 20_000 },
    )
    .toBe('final');
  await page.goto(`/processes/${processId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

interface AxeResult {
  violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }>;
}

async function axeViolations(page: Page) {
  // Evaluated rather than added as a script tag: the app's CSP (script-src 'self') rightly blocks inline scripts.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run: () => Promise<AxeResult> } }).axe.run(),
  );
  return result.violations.map((v) => `${v.id}: ${v.help} (${JSON.stringify(v.nodes.map((n) => n.target))})`);
}

test('an inconclusive ReadID process says clone detection failed and shows the failed chipCloneDetection check', async ({
  page,
  context,
}) => {
  const { processId } = await finalProcess({ scenario: 'readid.cloneFailed' });
  await openFinal(page, processId);

  const summary = page.getByRole('region', { name: 'Why it is inconclusive' });
  await expect(summary).toContainText('clone detection failed');
  await expect(summary).toContainText('chipCloneDetection FAILED → inconclusive');

  const checks = page.getByRole('region', { name: 'Checks' });
  const clone = checks.getByRole('listitem').filter({ hasText: 'chipCloneDetection' });
  await expect(clone).toContainText('Failed');
  await expect(clone).toContainText('Chip clone detection');
  await expect(checks.getByRole('listitem').filter({ hasText: 'chipVerification' })).toContainText('Passed');

  const chip = page.getByRole('table', { name: 'Chip (NFC)' });
  await expect(chip.getByRole('row', { name: /^Chip clone detection/ })).toContainText('FAILED');

  // The raw JSON is there for those who want it, collapsed, with a working copy button.
  const raw = page.getByRole('region', { name: 'Raw JSON' });
  await expect(raw.locator('pre')).toBeHidden();
  await raw.getByText('Get process response as last seen').click();
  await expect(raw.locator('pre')).toContainText(processId);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await raw.getByRole('button', { name: 'Copy JSON' }).click();
  await expect(raw.getByRole('status')).toHaveText('Copied');

  expect(await axeViolations(page)).toEqual([]);
});

test('a ReadID process whose iProov liveness did not pass says so, with the session details', async ({
  page,
}) => {
  const { processId } = await finalProcess({ scenario: 'readid.iproovFailed' });
  await openFinal(page, processId);

  await expect(page.getByRole('region', { name: 'Why it is inconclusive' })).toContainText(
    'iProov liveness check did not pass after 3 attempts',
  );
  await expect(
    page.getByRole('region', { name: 'Checks' }).getByRole('listitem').filter({ hasText: 'iproovLiveness' }),
  ).toContainText('Failed');
  const session = page.getByRole('table', { name: /iProov liveness/ });
  await expect(session.getByRole('row', { name: /^Attempts/ })).toContainText('3');
  await expect(session.getByRole('row', { name: /^Passed/ })).toContainText('Failed: false');
  await expect(session.getByRole('row', { name: /^Assurance type/ })).toContainText('GENUINE_PRESENCE');
});

test('each provider has its own panel', async ({ page }) => {
  const cases = [
    { scenario: 'readid.accepted', heading: 'ReadID details', shows: 'Chip verification' },
    { scenario: 'onfido.caution', heading: 'Onfido details', shows: 'Sub-result' },
    { scenario: 'eid.inconclusive', heading: 'Electronic IDentification details', shows: 'Hologram' },
    { scenario: 'paper.noMrz', heading: 'Signicat Paper details', shows: 'No MRZ read' },
    { scenario: 'connect.accepted', heading: 'Connect details', shows: 'eID method' },
    { scenario: 'webid.mismatch', heading: 'WebID details', shows: 'mismatch' },
  ];
  const created = [];
  for (const c of cases) created.push({ ...c, ...(await finalProcess({ scenario: c.scenario })) });
  for (const c of created) {
    await test.step(c.scenario, async () => {
      await openFinal(page, c.processId);
      const panel = page.getByRole('region', { name: c.heading });
      await expect(panel.getByRole('heading', { level: 2, name: c.heading })).toBeVisible();
      await expect(panel).toContainText(c.shows);
    });
  }
});

test('a name containing HTML is shown as text, never interpreted', async ({ page }) => {
  const firstName = '<img src=x onerror=alert(1)>';
  const lastName = '<b>Bold</b>';
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  const { processId } = await finalProcess({ scenario: 'connect.accepted', firstName, lastName });
  await openFinal(page, processId);

  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${firstName} ${lastName}`);
  const identity = page.getByRole('region', { name: 'Identity data by source' });
  await expect(identity.getByRole('row', { name: /^First name/ })).toContainText(firstName);
  await expect(page.locator('main img[src="x"]')).toHaveCount(0);
  await expect(page.locator('main b', { hasText: 'Bold' })).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test('a status that disagrees with the documented rule is flagged', async ({ page }) => {
  const { processId } = await finalProcess({ scenario: 'readid.disagree' });
  await openFinal(page, processId);
  const warning = page.getByRole('note').filter({ hasText: 'disagrees' });
  await expect(warning).toContainText('Assure says accepted, but the documented rule gives inconclusive');
});

test('a failed process explains its fail reason', async ({ page }) => {
  const { processId } = await finalProcess({ scenario: 'failed.timeout', provider: 'onfido' });
  await openFinal(page, processId);
  const summary = page.getByRole('region', { name: 'Why it failed' });
  await expect(summary).toContainText('Timed out');
  await expect(summary).toContainText('The end-user was inactive for too long');
});

test('the dossier lists every attempt in order and links to each', async ({ page }) => {
  // Not inconclusive: the living sandbox sometimes adds its own retry to a recent inconclusive dossier.
  const first = await finalProcess({ scenario: 'readid.chipReadFailed' });
  // The sandbox stamps whole seconds: move its clock so the retry is visibly later.
  await sandbox.post('/sandbox/clock/advance', { seconds: 60 });
  const second = await finalProcess({ scenario: 'readid.accepted', dossierId: first.dossierId });
  await openFinal(page, first.processId);
  await openFinal(page, second.processId);

  await page.getByRole('link', { name: first.dossierId.slice(0, 8) }).click();
  await expect(page).toHaveURL(new RegExp(`/dossiers/${first.dossierId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Dossier');
  await expect(page.getByRole('region', { name: 'Case' })).toContainText(/\d+ of \d+ used/);

  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3); // header + two attempts
  await expect(rows.nth(1)).toContainText('#1');
  await expect(rows.nth(1)).toContainText('Failed');
  await expect(rows.nth(2)).toContainText('#2');
  await expect(rows.nth(2)).toContainText('Accepted');

  expect(await axeViolations(page)).toEqual([]);

  await rows
    .nth(1)
    .getByRole('link', { name: /Open attempt 1/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`/processes/${first.processId}$`));
  await expect(page.getByRole('region', { name: 'Why it failed' })).toContainText('Chip could not be read');
});
