import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { axeViolations } from './axe';
import { expect, sandbox, signInWithPassword, storageStatePath, test } from './fixtures';

// Issue 14, the case page: evidence first, a decision panel that stays in view, decisions that cannot go wrong. Keyboard
// only, as the README's "Keys" list documents it.

interface Created {
  dossierId: string;
  processId: string;
}

/** An inconclusive ReadID case whose iProov liveness failed: the selfie and the chip portrait are in its full result. */
async function iproovFailedCase(page: Page): Promise<Created> {
  const created = await sandbox.post<Created>('/sandbox/processes', {
    scenario: 'readid.iproovFailed',
    stayPending: true,
  });
  await sandbox.post(`/sandbox/processes/${created.processId}/advance`, { to: 'final' });
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`/api/processes/${created.processId}`);
        return res.ok()
          ? ((await res.json()) as { process: { status: string } }).process.status
          : `HTTP ${res.status()}`;
      },
      { timeout: 30_000 },
    )
    .toBe('inconclusive');
  return created;
}

async function csrf(request: APIRequestContext): Promise<Record<string, string>> {
  const session = (await (await request.get('/api/session')).json()) as { csrfToken: string };
  return { 'x-csrf-token': session.csrfToken };
}

const processPath = (processId: string) => new RegExp(`/processes/${processId}$`);

/** Claim with c, see the faces without scrolling, reject with r + a reason digit + Enter + Enter, then n. */
async function decideByKeyboard(page: Page, processId: string) {
  await expect(page).toHaveURL(processPath(processId));
  const review = page.getByRole('region', { name: 'Review', exact: true });
  await expect(review.getByRole('button', { name: 'Claim case' })).toBeVisible();
  await page.keyboard.press('c');
  await expect(review.getByText('You are working on this case')).toBeVisible();

  // The selfie and the chip portrait load by themselves, side by side, entirely on screen, with the liveness check.
  const evidence = page.getByRole('region', { name: 'Evidence' });
  const selfie = evidence.getByRole('img', { name: 'selfie.jpg' });
  const portrait = evidence.getByRole('img', { name: 'portrait.jpg' });
  await expect(selfie).toBeVisible({ timeout: 20_000 });
  await expect(selfie).toBeInViewport({ ratio: 1 });
  await expect(portrait).toBeInViewport({ ratio: 1 });
  const [a, b] = [(await selfie.boundingBox())!, (await portrait.boundingBox())!];
  expect(Math.abs(a.y - b.y)).toBeLessThan(2);
  expect(Math.round(a.width)).toBe(Math.round(b.width));
  await expect(evidence.getByRole('list', { name: 'Checks on the pictures' })).toContainText(
    'iProov liveness',
  );
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  // The evidence and the sticky decision column pass axe (the rest of the page has its own checks).
  const ours = (await axeViolations(page)).filter((v) =>
    v.nodes.some((n) => /ev-|fr-|detail-aside|review/.test(n.target.join(' '))),
  );
  expect(ours).toEqual([]);

  await page.keyboard.press('r');
  const reasons = review.getByRole('radiogroup', { name: 'Reason (required)' });
  await expect(reasons).toBeVisible();
  await page.keyboard.press('2');
  await expect(reasons.getByRole('radio').nth(1)).toBeChecked();
  await expect(review).toBeInViewport();
  await page.keyboard.press('Enter');
  const confirm = review.getByRole('button', { name: 'Confirm reject' });
  await expect(confirm).toBeFocused();
  await expect(confirm).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(review.getByText(/Decision: Reject/)).toBeVisible();

  await expect(review.getByRole('link', { name: /Next case/ })).toBeVisible();
  await page.keyboard.press('n');
  await expect(page).not.toHaveURL(processPath(processId));
  await expect(page).toHaveURL(/\/processes\/[^/]+$/);
  await expect(page.getByRole('region', { name: 'Review', exact: true })).toBeVisible();
}

test.describe('a reviewer at the keyboard', () => {
  test.use({ storageState: storageStatePath('reviewer') });

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 1024, height: 768 },
  ]) {
    test(`opens a case from the queue, claims, compares the faces and rejects with keys only at ${viewport.width}×${viewport.height}`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      const { processId } = await iproovFailedCase(page);

      // The queue opens with its first row active: Enter opens that case.
      await page.goto('/review');
      const firstRow = page.getByRole('table').getByRole('row').nth(1);
      await expect(firstRow).toBeFocused();
      await expect(firstRow).toHaveAttribute('data-process-id', /.+/);
      const firstId = (await firstRow.getAttribute('data-process-id'))!;
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(processPath(firstId));

      // The case made for this test (the queue's first case may hold no pictures), opened by its address.
      await page.goto(`/processes/${processId}`);
      await decideByKeyboard(page, processId);
    });
  }

  test('below 1024 px the decision panel is a bar at the bottom of the screen, wherever the page is scrolled', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 900, height: 800 });
    const { processId } = await iproovFailedCase(page);
    await page.goto(`/processes/${processId}`);
    const review = page.getByRole('region', { name: 'Review', exact: true });
    await expect(review.getByRole('button', { name: 'Claim case' })).toBeVisible();
    for (const at of [0, 0.5]) {
      await page.evaluate(
        (share) => window.scrollTo(0, (document.documentElement.scrollHeight - window.innerHeight) * share),
        at,
      );
      await expect(review).toBeInViewport();
      const box = (await review.boundingBox())!;
      expect(Math.round(box.y + box.height)).toBeLessThanOrEqual(800);
      expect(box.y).toBeGreaterThan(300);
    }
    await page.keyboard.press('c');
    await expect(review.getByText('You are working on this case')).toBeInViewport();
  });

  test('sees a revealed identifier in place in the identity table, without overflow', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    const { processId } = await iproovFailedCase(page);
    await page.goto(`/processes/${processId}`);
    const identity = page.getByRole('region', { name: 'Identity data by source' });
    const row = identity.getByRole('row', { name: /^Document number/ });
    await expect(row).toContainText('masked');

    const review = page.getByRole('region', { name: 'Review', exact: true });
    await review.getByText('Reveal a masked field…').click();
    await review.getByLabel('Field').selectOption({ label: 'Document number' });
    await review.getByLabel('Reason for revealing').fill('Customer called about the document');
    await review.getByRole('button', { name: 'Reveal' }).click();
    await expect(review.getByRole('status').filter({ hasText: 'shown in place' })).toBeVisible();

    await expect(row).not.toContainText('masked');
    await expect(row).toContainText(/[A-Z0-9]{6,}/);
    // Nothing sticks out of the identity card.
    const overflow = await identity.evaluate((card) => {
      const box = card.getBoundingClientRect();
      return [...card.querySelectorAll('td, th')].filter(
        (cell) => cell.getBoundingClientRect().right > box.right + 1,
      ).length;
    });
    expect(overflow).toBe(0);
  });
});

async function signIn(browser: Browser, username: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // A reviewer: the second factor is enrolled and answered as the user would (issue #20).
  await signInWithPassword(page, username, password);
  return page;
}

test('with four-eyes on, a second reviewer confirms an approval despite failed liveness; its author cannot', async ({
  browser,
}) => {
  // The administrator turns four-eyes on for such approvals and adds a second reviewer.
  const admin = await browser.newContext({ storageState: storageStatePath('admin') });
  const adminHeaders = await csrf(admin.request);
  const settings = await admin.request.put('/api/settings', {
    headers: adminHeaders,
    data: { fourEyes: { approveFailedChecks: true } },
  });
  expect(settings.status(), await settings.text()).toBe(200);
  const password = 'second-pair-of-eyes';
  const created = await admin.request.post('/api/users', {
    headers: adminHeaders,
    data: { username: 'reviewer-b', role: 'reviewer', password },
  });
  expect([201, 409], await created.text()).toContain(created.status());
  await admin.close();

  // Reviewer A approves, acknowledging that she compared the pictures herself.
  const a = await browser.newContext({
    storageState: storageStatePath('reviewer'),
    viewport: { width: 1440, height: 900 },
  });
  const pageA = await a.newPage();
  const { processId } = await iproovFailedCase(pageA);
  await pageA.goto(`/processes/${processId}`);
  const reviewA = pageA.getByRole('region', { name: 'Review', exact: true });
  await expect(reviewA.getByRole('button', { name: 'Claim case' })).toBeVisible();
  await pageA.keyboard.press('c');
  await expect(reviewA.getByText('You are working on this case')).toBeVisible();
  await pageA.keyboard.press('a');
  await expect(reviewA.getByRole('group', { name: 'Failed checks' })).toContainText('iProov liveness');
  await reviewA.getByLabel('I compared the selfie with the document portrait myself').check();
  await reviewA.getByRole('button', { name: /Review decision/ }).click();
  await reviewA.getByRole('button', { name: 'Confirm approve' }).click();
  await expect(reviewA).toContainText('Pending second review: Approve');
  await expect(
    reviewA.getByText('A second reviewer must confirm your decision before it counts.'),
  ).toBeVisible();
  await expect(reviewA.getByRole('button', { name: 'Confirm decision' })).toHaveCount(0);

  // The API refuses A's own confirmation too.
  const detail = (await (await pageA.request.get(`/api/processes/${processId}`)).json()) as {
    review: { decision: { id: number; state: string } };
  };
  expect(detail.review.decision.state).toBe('pending_second_review');
  const own = await pageA.request.post(
    `/api/processes/${processId}/decisions/${detail.review.decision.id}/confirm`,
    {
      headers: await csrf(pageA.request),
      data: {},
    },
  );
  expect(own.status()).toBe(403);

  // Reviewer B confirms it: then it is final, and the timeline says who did what.
  const pageB = await signIn(browser, 'reviewer-b', password);
  await pageB.goto(`/processes/${processId}`);
  const reviewB = pageB.getByRole('region', { name: 'Review', exact: true });
  await expect(reviewB).toContainText('four-eyes asks you to check it');
  await reviewB.getByRole('button', { name: 'Confirm decision' }).click();
  await expect(reviewB).toContainText('Decision: Approve');
  const after = (await (await pageB.request.get(`/api/processes/${processId}`)).json()) as {
    review: { decision: { state: string } };
  };
  expect(after.review.decision.state).toBe('final');
  await a.close();
  await pageB.context().close();
});
