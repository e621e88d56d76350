import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import JSZip from 'jszip';
import { StrictMode, Suspense } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProcessDetailResponse } from '@domain/process-detail-api';
import type { Role } from '@domain/policy';
import { sessionQueries } from '@web/features/auth/api/session-queries';
import { readZip } from '../lib/zip-reader';
import { EvidenceSection } from './evidence-section';
import { FullResultProvider } from './full-result-provider';
import { FullResultSection } from './full-result-section';
import { expectVisible } from '@web/testing/expect-visible';

// jsdom has no Worker: run the same reader on the main thread.
vi.mock('../lib/open-zip', () => ({
  prewarmZipWorker: () => {},
  openZipInWorker: (bytes: Uint8Array) =>
    readZip(bytes).then(
      (result) => ({ ok: true, bytes, result }),
      (error: unknown) => ({ ok: false, bytes, error }),
    ),
}));

const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
]);

type Check = ProcessDetailResponse['explanation']['checks'][number];
const check = (name: string, label: string, result: Check['result']): Check => ({
  name,
  label,
  result,
  detail: `${label} detail`,
});

function detail(provider: string, worksCase: boolean, checks: Check[] = []): ProcessDetailResponse {
  return {
    process: { processId: 'p-1', provider, status: 'inconclusive', providerSpecific: {} },
    dossierId: 'd-1',
    syncedAt: '2024-01-01T00:00:00Z',
    stale: false,
    deletedUpstream: false,
    personalDataErasedAt: null,
    masked: [],
    worksCase,
    explanation: {
      derivedStatus: 'inconclusive',
      upstreamStatus: 'inconclusive',
      rule: '',
      summary: '',
      checks,
      agreesWithUpstream: true,
      notices: [],
    },
    review: { claim: null, decision: null, retries: { used: 0, limit: 2 } },
  };
}

function page(d: ProcessDetailResponse) {
  return (
    <FullResultProvider key={d.process.processId} detail={d}>
      <EvidenceSection detail={d} />
      <FullResultSection detail={d} />
    </FullResultProvider>
  );
}

function renderPage(role: Role, d: ProcessDetailResponse) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(sessionQueries.current().queryKey, {
    user: { username: role, role },
    csrfToken: null,
    demo: true,
  });
  const wrap = (ui: ProcessDetailResponse) => (
    <StrictMode>
      <QueryClientProvider client={client}>
        <Suspense fallback={null}>{page(ui)}</Suspense>
      </QueryClientProvider>
    </StrictMode>
  );
  const result = render(wrap(d));
  return { ...result, rerenderWith: (next: ProcessDetailResponse) => result.rerender(wrap(next)) };
}

async function zipBytes(files: Record<string, string | Uint8Array>) {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array' });
}

function serve(bytes: Uint8Array) {
  const fetchMock = vi.fn(
    async () =>
      new Response(bytes as Uint8Array<ArrayBuffer>, {
        headers: { 'content-type': 'application/zip', 'content-length': String(bytes.length) },
      }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

beforeEach(() => {
  let n = 0;
  vi.stubGlobal(
    'URL',
    Object.assign(URL, { createObjectURL: vi.fn(() => `blob:test/${++n}`), revokeObjectURL: vi.fn() }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const readidChecks = [
  check('chipVerification', 'Chip verification', 'passed'),
  check('chipCloneDetection', 'Chip clone detection', 'passed'),
  check('iproovLiveness', 'iProov liveness', 'failed'),
  check('documentExpiry', 'Document expiry', 'consider'),
];

describe('EvidenceSection', () => {
  it('shows the person working the case the selfie and chip portrait at once, with the picture checks, downloading once', async () => {
    const fetchMock = serve(
      await zipBytes({ 'session.json': '{}', 'portrait.jpg': JPEG, 'selfie.jpg': JPEG }),
    );
    const view = renderPage('reviewer', detail('readid', true, readidChecks));

    const evidence = await screen.findByRole('region', { name: 'Evidence' });
    const selfie = await within(evidence).findByRole('img', { name: 'selfie.jpg' });
    // The selfie first, then what it is compared with.
    const figures = within(evidence).getAllByRole('figure');
    expect(figures.map((f) => f.textContent)).toEqual([
      expect.stringContaining('Selfie (iProov)'),
      expect.stringContaining('Chip portrait'),
    ]);
    // Both pictures are shown from the downloaded zip (object URLs of its bytes).
    expect(selfie.getAttribute('src')).toMatch(/^blob:test\/\d+$/);
    const portrait = within(evidence).getByRole('application', { name: /^portrait\.jpg/ });
    expect(within(portrait).getByRole('img', { name: 'portrait.jpg' }).getAttribute('src')).toMatch(
      /^blob:test\/\d+$/,
    );

    // Liveness and clone detection next to the pictures; checks about something else are not.
    const checks = within(evidence).getByRole('list', { name: 'Checks on the pictures' });
    expect(
      within(checks)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringMatching(/Passed.*Chip clone detection/),
      expect.stringMatching(/Failed.*iProov liveness/),
    ]);

    // The full result below shares the zip: its contents, no second copy of the pictures.
    expect(screen.getAllByRole('img', { name: 'selfie.jpg' })).toHaveLength(1);
    expectVisible(screen.getByText('The pictures are shown under Evidence at the top of the page.'));

    // A refetched process (a new object, same case) does not download again: one download, one audit event.
    view.rerenderWith(detail('readid', true, [...readidChecks]));
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(String((fetchMock.mock.calls[0] as unknown[])[0])).toBe('/api/processes/p-1/full-result');
  });

  it('puts an Onfido selfie next to the document front, the back after them', async () => {
    serve(await zipBytes({ 'onfido.json': '{}', 'back.jpg': JPEG, 'front.jpg': JPEG, 'selfie.jpg': JPEG }));
    renderPage(
      'reviewer',
      detail('onfido', true, [check('facialSimilarity.result', 'Face check (overall)', 'consider')]),
    );
    const evidence = await screen.findByRole('region', { name: 'Evidence' });
    await within(evidence).findByRole('img', { name: 'selfie.jpg' });
    expect(
      within(evidence)
        .getAllByRole('img')
        .map((img) => img.getAttribute('alt')),
    ).toEqual(['selfie.jpg', 'front.jpg', 'back.jpg']);
    expect(within(evidence).getByRole('list', { name: 'Checks on the pictures' }).textContent).toContain(
      'Consider',
    );
  });

  it('asks anyone not working the case for a reason before downloading, and sends it', async () => {
    const fetchMock = serve(await zipBytes({ 'selfie.jpg': JPEG, 'portrait.jpg': JPEG }));
    renderPage('admin', detail('readid', false, readidChecks));
    const card = screen.getByRole('region', { name: 'Evidence' });
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(within(card).queryByRole('img')).toBeNull();

    const open = within(card).getByRole('button', { name: 'Open evidence' });
    expect((open as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(card).getByLabelText('Why you open the evidence'), {
      target: { value: 'Complaint 4711' },
    });
    fireEvent.click(open);
    expect((await screen.findByRole('img', { name: 'selfie.jpg' })).getAttribute('src')).toMatch(
      /^blob:test\/\d+$/,
    );
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const sent = new URL(String((fetchMock.mock.calls[0] as unknown[])[0]), 'http://desk.test');
    expect([sent.pathname, sent.searchParams.get('reason')]).toEqual([
      '/api/processes/p-1/full-result',
      'Complaint 4711',
    ]);
  });

  it('shows nothing to roles without the full result', () => {
    const fetchMock = serve(new Uint8Array());
    renderPage('operator', detail('readid', true, readidChecks));
    expect(screen.queryByRole('region', { name: 'Evidence' })).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
