import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LinkItem } from '@domain/links-api';
import { AttemptDiff } from './attempt-diff';
import { FraudLinkWarning, SeenElsewhere } from './seen-elsewhere';
import { expectVisible } from '@web/testing/expect-visible';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const link = (over: Partial<LinkItem>): LinkItem => ({
  processId: 'p-other',
  dossierId: 'd-other-123456',
  matchedOn: ['document'],
  provider: 'readid',
  processType: 'nfc',
  status: 'inconclusive',
  caseState: null,
  decision: null,
  reasonCode: null,
  rejectedAsFraud: false,
  createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  name: 'Ion Bălănescu',
  personalDataErased: false,
  ...over,
});

function serve(items: LinkItem[]) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) =>
      path === '/api/processes/p-1/links'
        ? json({ items })
        : path === '/api/reason-codes'
          ? json({
              items: [
                {
                  code: 'suspected_fraud',
                  label: 'Suspected fraud',
                  active: true,
                  outcome: 'reject',
                  position: 1,
                },
              ],
            })
          : json({ error: { code: 'not_found', message: 'no' } }, 404),
    ),
  );
}

function wrap(children: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>{children}</MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('SeenElsewhere', () => {
  it('lists each linked dossier with the key in words, its status, the desk decision and a way to it', async () => {
    serve([
      link({ decision: 'reject', reasonCode: 'suspected_fraud', rejectedAsFraud: true }),
      link({ processId: 'p-2', matchedOn: ['person'], name: null, status: 'accepted' }),
    ]);
    wrap(<SeenElsewhere processId="p-1" renderStatus={(s) => <span>status {s}</span>} />);
    const items = await screen.findAllByRole('listitem');
    expect(items).toHaveLength(2);
    expectVisible(within(items[0]!).getByText('Same document'));
    expectVisible(within(items[0]!).getByText('Rejected as suspected fraud'));
    expectVisible(await within(items[0]!).findByText('Rejected · Suspected fraud'));
    expectVisible(within(items[0]!).getByText('Ion Bălănescu'));
    expect(within(items[0]!).getByRole('link', { name: 'Open linked process' }).getAttribute('href')).toBe(
      '/processes/p-other',
    );
    expectVisible(within(items[1]!).getByText('Same person, different document'));
    expect(within(items[1]!).queryByText('Name')).toBeNull();
    expectVisible(within(items[1]!).getByText('Not decided'));
  });

  it('says so when nothing links', async () => {
    serve([]);
    wrap(<SeenElsewhere processId="p-1" renderStatus={(s) => s} />);
    expectVisible(
      await screen.findByText('No other dossier shares this document, person or national number.'),
    );
  });
});

describe('FraudLinkWarning', () => {
  it('warns at the top of a case linked to one rejected as suspected fraud, with the way to it', async () => {
    serve([link({ decision: 'reject', reasonCode: 'suspected_fraud', rejectedAsFraud: true })]);
    wrap(<FraudLinkWarning processId="p-1" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Linked to a case rejected as suspected fraud.');
    expect(alert.textContent).not.toContain('suspected_fraud');
    expect(within(alert).getByRole('link', { name: 'Open the rejected case' }).getAttribute('href')).toBe(
      '/processes/p-other',
    );
  });

  it('stays away when no link was rejected as fraud', async () => {
    serve([link({ decision: 'reject', reasonCode: 'document_invalid' })]);
    wrap(
      <>
        <FraudLinkWarning processId="p-1" />
        <SeenElsewhere processId="p-1" renderStatus={(s) => s} />
      </>,
    );
    // Once the links are in (shown by the panel from the same query), there is still no warning. A code without a
    // label is spelt out.
    expectVisible(await screen.findByText('Rejected · document invalid'));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('AttemptDiff', () => {
  it('puts the sentence first and shows only what changed', () => {
    wrap(
      <AttemptDiff
        order={
          new Map([
            ['a', 1],
            ['b', 2],
          ])
        }
        changes={[
          {
            processId: 'b',
            previousProcessId: 'a',
            summary: 'Same document, same person, new provider.',
            changed: [{ field: 'provider', from: 'readid', to: 'onfido' }],
          },
        ]}
      />,
    );
    expectVisible(screen.getByText('Same document, same person, new provider.'));
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.textContent).toContain('Provider');
    expect(rows[1]!.textContent).toContain('ReadID');
    expectVisible(screen.getByText('9 other fields unchanged or not read in both attempts.'));
    expect(screen.queryByText(/Device: not known/)).toBeNull();
  });

  it('shows a ReadID device change, and says when a device is not known until the full result is opened', () => {
    wrap(
      <AttemptDiff
        order={
          new Map([
            ['a', 1],
            ['b', 2],
            ['c', 3],
          ])
        }
        changes={[
          {
            processId: 'b',
            previousProcessId: 'a',
            summary: 'Same document, same person, new device.',
            changed: [
              { field: 'device', from: 'Apple iPhone, iOS 17.4', to: 'Nordlys NL-5 Pro, Android 14' },
            ],
          },
          {
            processId: 'c',
            previousProcessId: 'b',
            summary: 'Same document, same person: a repeat attempt.',
            changed: [],
            deviceUnknown: true,
          },
        ]}
      />,
    );
    const row = within(
      screen.getByRole('table', { name: 'Fields changed in attempt 2 against attempt 1' }),
    ).getByRole('row', { name: /Device/ });
    expect(within(row).getByText('Apple iPhone, iOS 17.4').tagName).toBe('DEL');
    expect(within(row).getByText('Nordlys NL-5 Pro, Android 14').tagName).toBe('INS');
    const third = screen.getByRole('heading', { name: /Attempt #3/ }).closest('li')!;
    expectVisible(
      within(third).getByText('Device: not known until the full results of both attempts are opened.'),
    );
    expect(screen.getAllByText(/Device: not known/)).toHaveLength(1);
  });
});
