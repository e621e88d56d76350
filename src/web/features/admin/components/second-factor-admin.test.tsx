import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SecondFactorAdmin } from './second-factor-admin';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function serve() {
  let settings = { requiredRoles: ['reviewer', 'admin'], stepUpMinutes: 0 };
  const fetchMock = vi.fn(async (path: string, init?: RequestInit) => {
    if (path === '/api/settings/mfa' && init?.method === 'PUT') {
      settings = { ...settings, ...(JSON.parse(String(init.body)) as object) };
      return json(settings);
    }
    if (path === '/api/settings/mfa') return json(settings);
    if (path === '/api/users')
      return json({
        items: [
          { id: 7, username: 'rita', role: 'reviewer', active: true, createdAt: '2026-01-01T00:00:00.000Z' },
        ],
      });
    if (path === '/api/users/7/mfa' && init?.method === 'DELETE') return new Response(null, { status: 204 });
    return json({ error: { code: 'not_found', message: 'No such API route.' } }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('second-factor administration', () => {
  it('shows the roles that need a second factor and saves a change; resets one user after confirmation', async () => {
    const fetchMock = serve();
    vi.stubGlobal('confirm', () => true);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <SecondFactorAdmin />
      </QueryClientProvider>,
    );
    const operator = screen.getByRole('checkbox', { name: /Operator/ });
    await waitFor(() =>
      expect(screen.getByRole('checkbox', { name: /Administrator/ })).toHaveProperty('checked', true),
    );
    expect(operator).toHaveProperty('checked', false);
    await waitFor(() => expect(operator).toHaveProperty('disabled', false));
    fireEvent.click(operator);
    await waitFor(() =>
      expect(screen.getByRole('checkbox', { name: /Operator/ })).toHaveProperty('checked', true),
    );
    const put = fetchMock.mock.calls.find(([p, init]) => p === '/api/settings/mfa' && init?.method === 'PUT');
    expect(JSON.parse(String(put![1]!.body))).toEqual({ requiredRoles: ['reviewer', 'operator', 'admin'] });

    const stepUp = screen.getByLabelText(/sign-in of the last N minutes/);
    expect(stepUp).toHaveProperty('value', '0');
    fireEvent.change(stepUp, { target: { value: '15' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Save' })[0]!);
    await waitFor(() =>
      expect(
        fetchMock.mock.calls.some(
          ([p, init]) => p === '/api/settings/mfa' && init?.body === JSON.stringify({ stepUpMinutes: 15 }),
        ),
      ).toBe(true),
    );

    await screen.findByRole('option', { name: 'rita' });
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      expect.stringContaining('set it up again'),
    );
    expect(
      fetchMock.mock.calls.some(([p, init]) => p === '/api/users/7/mfa' && init?.method === 'DELETE'),
    ).toBe(true);
  });
});
