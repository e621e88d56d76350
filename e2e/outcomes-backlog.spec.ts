import { expect, login, test } from './fixtures';

// A manager sees the review backlog as it stands now on the Outcomes page, and follows a figure into the review
// queue with the matching filters. The figures are the API's, which the server tests check against the cases.

interface Backlog {
  waiting: number;
  overdue: number;
  oldestWaitingSince: string | null;
  byProvider: Record<string, { waiting: number; overdue: number }>;
}

test('a manager sees the backlog now and opens the waiting cases of one provider in the review queue', async ({
  page,
}) => {
  await login(page, 'manager');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outcomes' }).click();
  const card = page.getByRole('region', { name: 'Backlog now' });
  await expect(card).toBeVisible();

  const res = await page.request.get('/api/outcomes');
  expect(res.status()).toBe(200);
  const backlog = ((await res.json()) as { backlog: Backlog }).backlog;
  // The demo data has cases waiting for a reviewer, some for longer than the SLA (its cases span weeks).
  expect(backlog.waiting).toBeGreaterThan(0);
  expect(backlog.overdue).toBeGreaterThan(0);
  const figures = card.getByRole('list', { name: 'Backlog now' });
  await expect(
    figures.getByRole('link', { name: `Waiting: ${backlog.waiting}, open the review queue` }),
  ).toBeVisible();
  await expect(
    figures.getByRole('link', { name: `Overdue: ${backlog.overdue}, open the review queue` }),
  ).toBeVisible();

  const perProvider = card.getByRole('table', { name: 'Backlog per provider' });
  const [provider, counts] = Object.entries(backlog.byProvider).sort(
    ([, a], [, b]) => b.waiting - a.waiting,
  )[0]!;
  await card.screenshot({ path: 'test-results/outcomes-backlog-card.png' });
  await perProvider.getByRole('link', { name: `${counts.waiting} ${provider} cases waiting` }).click();
  await expect(page).toHaveURL(
    new RegExp(`/review\\?state=needs_review%2Cpending_second_review&provider=${provider}$`),
  );
  await expect(page.getByRole('heading', { name: 'Review queue', level: 1 })).toBeVisible();

  // The overdue figure opens the overdue cases, and the queue counts as many.
  await page.goBack();
  await figures.getByRole('link', { name: `Overdue: ${backlog.overdue}, open the review queue` }).click();
  await expect(page).toHaveURL(/\/review\?state=needs_review&overdue=1$/);
  await expect(page.getByText(new RegExp(`^\\d+ shown of ${backlog.overdue}$`))).toBeVisible();
});
