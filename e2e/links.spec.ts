import type { APIRequestContext } from '@playwright/test';
import { expect, sandbox, storageStatePath, test } from './fixtures';

// Issue #17, linked identities: a person rejected as suspected fraud comes back with a new dossier. The reviewer sees
// the new case flagged in the queue, the warning at the top of the case and "Seen elsewhere", follows the link to the
// rejected case, and on its dossier reads what changed between that person's attempts.
test.use({ timezoneId: 'UTC', storageState: storageStatePath('reviewer') });

const shots = (name: string) => `test-results/screens/${name}.png`;

interface Created {
  dossierId: string;
  processId: string;
}

/** A process made final with a forced outcome, waited for until the desk has indexed it with that status. */
async function finalProcess(
  request: APIRequestContext,
  body: Record<string, unknown>,
  status: string,
): Promise<Created> {
  const created = await sandbox.post<Created>('/sandbox/processes', { ...body, stayPending: true });
  await sandbox.post(`/sandbox/processes/${created.processId}/advance`, { to: 'final' });
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/processes/${created.processId}`);
        return res.ok()
          ? ((await res.json()) as { process: { status: string } }).process.status
          : `HTTP ${res.status()}`;
      },
      { timeout: 30_000 },
    )
    .toBe(status);
  return created;
}

test('a reviewer sees the link to a case rejected as suspected fraud, follows it and reads the attempt diff', async ({
  page,
}) => {
  const request = page.request;
  // The person's first dossier: Onfido accepted the passport, then a chip check with ReadID found a cloned chip; the
  // desk rejected that attempt as suspected fraud (through the API the SPA uses).
  const first = await finalProcess(request, { scenario: 'onfido.clear' }, 'accepted');
  // The attempts are ordered by creation time, which the vendor gives in whole seconds: the second one a second later.
  await sandbox.post('/sandbox/clock/advance', { seconds: 1 });
  const fraud = await finalProcess(
    request,
    { dossierId: first.dossierId, scenario: 'readid.cloneFailed' },
    'inconclusive',
  );
  const { csrfToken } = (await (await request.get('/api/session')).json()) as { csrfToken: string };
  const rejected = await request.post(`/api/processes/${fraud.processId}/decisions`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { outcome: 'reject', reasonCode: 'suspected_fraud', note: '' },
  });
  expect(rejected.status(), await rejected.text()).toBe(201);
  expect(
    ((await rejected.json()) as { state: string }).state,
    'a reject with a reason is final at once',
  ).toBe('final');

  // The same person comes back in a new dossier, with the same passport; ReadID is inconclusive again.
  const back = await finalProcess(
    request,
    { personFrom: first.dossierId, scenario: 'readid.iproovFailed' },
    'inconclusive',
  );

  // The queue flags the new case; its filter (GET /api/cases?linked=rejected) finds it and not the unlinked ones.
  await page.goto('/review');
  const row = page.getByRole('row').filter({ has: page.locator(`a[href="/processes/${back.processId}"]`) });
  await expect(row).toContainText('Linked to a rejected case');
  await page.screenshot({ path: shots('links-queue-flag') });
  // The queue's filter keeps only the linked cases, and says so in the address.
  await page.getByRole('button', { name: '⚑ Linked to a rejected case' }).click();
  await expect(page).toHaveURL(/linked=rejected/);
  await expect(row).toBeVisible();
  const shown = page.getByRole('row').filter({ has: page.locator('a[href^="/processes/"]') });
  await expect(shown.filter({ hasNotText: 'Linked to a rejected case' })).toHaveCount(0);
  const linked = (await (await request.get('/api/cases?linked=rejected&limit=100')).json()) as {
    items: Array<{ dossierId: string }>;
  };
  const linkedDossiers = linked.items.map((i) => i.dossierId);
  expect(linkedDossiers).toContain(back.dossierId);
  const all = (await (await request.get('/api/cases?limit=100')).json()) as {
    items: Array<{ dossierId: string; linkedToRejected: boolean }>;
  };
  expect(
    all.items
      .filter((i) => i.linkedToRejected)
      .map((i) => i.dossierId)
      .sort(),
  ).toEqual([...linkedDossiers].sort());

  // The case: a warning at the top, and "Seen elsewhere" says how the dossiers are linked and what the desk decided.
  await row.locator(`a[href="/processes/${back.processId}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/processes/${back.processId}$`));
  const warning = page
    .getByRole('alert')
    .filter({ hasText: 'Linked to a case rejected as suspected fraud.' });
  // The passport carries the personal number too: both keys match.
  await expect(warning).toContainText(
    'Same document and national number as a process rejected in another dossier',
  );
  const seen = page.getByRole('region', { name: /Seen elsewhere/ });
  const fraudLink = seen.getByRole('listitem').filter({ hasText: 'Rejected as suspected fraud' });
  await expect(fraudLink).toContainText('Same document and national number');
  await expect(fraudLink).toContainText('Rejected · Suspected fraud');
  // The linked case's state in words, as the queue's tabs say it.
  await expect(fraudLink.getByRole('definition').filter({ hasText: /^Decided$/ })).toBeVisible();
  await page.screenshot({ path: shots('links-case-warning') });
  await seen.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots('links-seen-elsewhere') });

  // Following the warning leads to the rejected case, and from there to its dossier's attempts.
  await warning.getByRole('link', { name: 'Open the rejected case' }).click();
  await expect(page).toHaveURL(new RegExp(`/processes/${fraud.processId}$`));
  await page.getByRole('link', { name: `${first.dossierId.slice(0, 8)}…` }).click();
  await expect(page).toHaveURL(new RegExp(`/dossiers/${first.dossierId}$`));
  const diff = page.getByRole('region', { name: 'What changed between attempts' });
  await expect(diff).toContainText('Same document, same person, new provider.');
  const changes = diff.getByRole('table', { name: /Fields changed in attempt 2 against attempt 1/ });
  await expect(changes.getByRole('row', { name: /Provider/ })).toContainText('Onfido');
  await expect(changes.getByRole('row', { name: /Provider/ })).toContainText('ReadID');
  await expect(changes.getByRole('row', { name: /Document number/ })).toHaveCount(0);
  await diff.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots('links-attempt-diff') });
});
