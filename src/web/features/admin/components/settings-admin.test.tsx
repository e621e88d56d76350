import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsAdmin } from './settings-admin';
import { expectVisible } from '@web/testing/expect-visible';

const LABEL = 'Erase personal data N days after a process is final (0 = keep)';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The settings API at the HTTP level; the retention PUT answers `put` (by default: stores and echoes the body). */
function serve(
  opts: { days?: number; put?: (body: { personalDataRetentionDays: number }) => Response } = {},
) {
  let days = opts.days ?? 0;
  const fetchMock = vi.fn(async (path: string, init?: RequestInit) => {
    if (path === '/api/settings') return json({ retryLimit: 2 });
    if (path === '/api/reason-codes') return json({ items: [] });
    if (path === '/api/settings/retention' && init?.method === 'PUT') {
      const body = JSON.parse(String(init.body)) as { personalDataRetentionDays: number };
      if (opts.put) return opts.put(body);
      days = body.personalDataRetentionDays;
      return json(body);
    }
    if (path === '/api/settings/retention') return json({ personalDataRetentionDays: days });
    return json({ error: { code: 'not_found', message: 'No such API route.' } }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function renderSettings() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SettingsAdmin />
    </QueryClientProvider>,
  );
}

const retentionPuts = (fetchMock: ReturnType<typeof serve>) =>
  fetchMock.mock.calls
    .filter(([path, init]) => path === '/api/settings/retention' && init?.method === 'PUT')
    .map(([, init]) => JSON.parse(String(init!.body)));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SettingsAdmin: personal-data retention', () => {
  it('shows the saved setting and saves a new number of days', async () => {
    const fetchMock = serve({ days: 0 });
    renderSettings();
    const input = screen.getByLabelText<HTMLInputElement>(LABEL);
    await waitFor(() => expect(input.value).toBe('0'));
    expectVisible(screen.getByText(/Now: personal data is kept indefinitely\./));

    fireEvent.change(input, { target: { value: '30' } });
    const form = input.closest('form')!;
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await within(form).findByRole('status')).toHaveProperty('textContent', 'Saved.');
    expect(retentionPuts(fetchMock)).toEqual([{ personalDataRetentionDays: 30 }]);
    expectVisible(await screen.findByText(/Now: erased 30 days after a process is final\./));
    expect(input.value).toBe('30');
  });

  it("shows the server's refusal and saves nothing when the field is empty", async () => {
    const fetchMock = serve({
      days: 90,
      put: () => json({ error: { code: 'forbidden', message: 'Your role does not allow this.' } }, 403),
    });
    renderSettings();
    const input = screen.getByLabelText<HTMLInputElement>(LABEL);
    await waitFor(() => expect(input.value).toBe('90'));
    const save = within(input.closest('form')!).getByRole('button', { name: 'Save' });

    fireEvent.change(input, { target: { value: '' } });
    fireEvent.click(save);
    expect(retentionPuts(fetchMock)).toEqual([]);

    fireEvent.change(input, { target: { value: '7' } });
    fireEvent.click(save);
    expectVisible(await screen.findByText('Your role does not allow this.'));
    expect(retentionPuts(fetchMock)).toEqual([{ personalDataRetentionDays: 7 }]);
    expectVisible(screen.getByText(/Now: erased 90 days after a process is final\./));
  });
});
