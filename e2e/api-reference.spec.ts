import { expect, storageStatePath, test } from './fixtures';

// The integrators' reference (issue #21): the admin screen lists every route with its permission, from the
// OpenAPI document the server generates from the route contracts, and offers the document itself.
test.use({ storageState: storageStatePath('admin') });

test('an administrator finds the API routes and their permissions, and downloads openapi.json', async ({
  page,
}) => {
  await page.goto('/admin');
  const card = page.getByRole('region', { name: 'API' });
  await card.getByText('Show the routes').click();
  const links = card.getByRole('row').filter({ hasText: '/api/processes/{processId}/links' });
  await expect(links).toHaveCount(1);
  await expect(links.getByRole('cell').nth(2)).toHaveText('processes:read');
  await expect(
    card
      .getByRole('row')
      .filter({ hasText: '/api/processes/{processId}/full-result' })
      .getByRole('cell')
      .nth(2),
  ).toHaveText('fullResult:read');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('link', { name: 'openapi.json' }).click(),
  ]);
  const doc = JSON.parse(
    await (
      await download.createReadStream()
    )
      .toArray()
      .then((chunks) => Buffer.concat(chunks).toString('utf8')),
  ) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toContain('/api/cases');
});
