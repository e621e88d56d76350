import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import JSZip from 'jszip';
import { Suspense } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import sample from '@domain/__fixtures__/readid-session.sample.json';
import type { ProcessDetailResponse } from '@domain/process-detail-api';
import type { Role } from '@domain/policy';
import { sessionQueries } from '@web/features/auth/api/session-queries';
import { readZip } from '../lib/zip-reader';
import { FullResultSection } from './full-result-section';
import { expectVisible } from '@web/testing/expect-visible';

// jsdom has no Worker: run the same reader on the main thread.
vi.mock('../lib/open-zip', () => ({
  prewarmZipWorker: () => {},
  openZipInWorker: (bytes: Uint8Array, opts: { onProgress?: Parameters<typeof readZip>[2] } = {}) =>
    readZip(bytes, undefined, opts.onProgress).then(
      (result) => ({ ok: true, bytes, result }),
      (error: unknown) => ({ ok: false, bytes, error }),
    ),
}));

const JPEG = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9,
]);

function detail(status: string, chipCloneDetection = 'SUCCEEDED', worksCase = true): ProcessDetailResponse {
  return {
    process: {
      processId: 'p-1',
      provider: 'readid',
      status,
      providerSpecific: {
        consolidatedIdentityData: { chipVerification: 'SUCCEEDED', chipCloneDetection },
        iproovSession: { passed: true, finished: true, hasError: false },
      },
    },
    dossierId: 'd-1',
    syncedAt: '2024-01-01T00:00:00Z',
    stale: false,
    deletedUpstream: false,
    personalDataErasedAt: null,
    masked: [],
    worksCase,
    explanation: {
      derivedStatus: status,
      upstreamStatus: status,
      rule: '',
      summary: '',
      checks: [],
      agreesWithUpstream: true,
      notices: [],
    },
    review: { claim: null, decision: null, retries: { used: 0, limit: 2 } },
  };
}

function renderSection(role: Role, d: ProcessDetailResponse) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(sessionQueries.current().queryKey, {
    user: { username: role, role },
    csrfToken: null,
    demo: true,
  });
  return render(
    <QueryClientProvider client={client}>
      <Suspense fallback={null}>
        <FullResultSection detail={d} />
      </Suspense>
    </QueryClientProvider>,
  );
}

async function zipBytes(files: Record<string, string | Uint8Array>) {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array' });
}

function serve(bytes: Uint8Array | { status: number; code: string; message: string }) {
  const fetchMock = vi.fn(async () =>
    bytes instanceof Uint8Array
      ? new Response(bytes as Uint8Array<ArrayBuffer>, {
          headers: { 'content-type': 'application/zip', 'content-length': String(bytes.length) },
        })
      : new Response(JSON.stringify({ error: { code: bytes.code, message: bytes.message } }), {
          status: bytes.status,
          headers: { 'content-type': 'application/json' },
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

describe('FullResultSection', () => {
  it('offers the full result to reviewers and admins on accepted, rejected and inconclusive processes only', () => {
    for (const [role, status, shown] of [
      ['reviewer', 'accepted', true],
      ['admin', 'inconclusive', true],
      ['reviewer', 'rejected', true],
      ['reviewer', 'failed', false],
      ['reviewer', 'processing', false],
      ['operator', 'accepted', false],
      ['manager', 'accepted', false],
    ] as const) {
      renderSection(role, detail(status));
      expect(screen.queryAllByRole('button', { name: 'Full result' }).length, `${role} on ${status}`).toBe(
        shown ? 1 : 0,
      );
      cleanup();
    }
  });

  it('asks whoever is not working the case for a reason, and sends it', async () => {
    const fetchMock = serve(await zipBytes({ 'session.json': JSON.stringify(sample) }));
    renderSection('admin', detail('accepted', 'SUCCEEDED', false));
    const button = screen.getByRole('button', { name: 'Full result' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Reason for opening'), { target: { value: 'Complaint 4711' } });
    fireEvent.click(button);
    const json = await screen.findByRole('region', { name: 'session.json' });
    expect(
      within(json)
        .getByRole('button', { name: /^nfcSession/ })
        .getAttribute('aria-expanded'),
    ).toBe('false');
    const sent = new URL(String((fetchMock.mock.calls[0] as unknown[])[0]), 'http://desk.test');
    expect([sent.pathname, sent.searchParams.get('reason')]).toEqual([
      '/api/processes/p-1/full-result',
      'Complaint 4711',
    ]);
  });

  it('downloads without caching, opens the zip and shows faces, chip checks, session.json and every file', async () => {
    const fetchMock = serve(
      await zipBytes({ 'session.json': JSON.stringify(sample), 'selfie.jpg': JPEG, 'portrait.jpg': JPEG }),
    );
    renderSection('reviewer', detail('accepted'));
    fireEvent.click(screen.getByRole('button', { name: 'Full result' }));

    // Each picture from its own object URL of the zip's bytes.
    const selfie = (await screen.findByRole('img', { name: 'selfie.jpg' })).getAttribute('src');
    const portrait = screen.getByRole('img', { name: 'portrait.jpg' }).getAttribute('src');
    expect([selfie, portrait]).toEqual([
      expect.stringMatching(/^blob:test\/\d+$/),
      expect.stringMatching(/^blob:test\/\d+$/),
    ]);
    expect(selfie).not.toBe(portrait);
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/processes/p-1/full-result',
      expect.objectContaining({ cache: 'no-store', credentials: 'same-origin' }),
    );
    // The chip check behind chipCloneDetection, in the panel that names session.json as its source.
    const chip = screen.getByRole('region', { name: 'Chip checks from session.json' });
    within(chip).getByRole('row', {
      name: /^EACCA Chip Authentication: .* Passed PRESENT_SUCCEEDED SUCCEEDED chipCloneDetection$/,
    });
    expectVisible(screen.getByLabelText('Search session.json'));
    for (const name of ['session.json', 'selfie.jpg', 'portrait.jpg'])
      expect((screen.getByRole('button', { name: `Download ${name}` }) as HTMLButtonElement).disabled).toBe(
        false,
      );
    expect(screen.queryByText('session.json and the process disagree')).toBeNull();

    // Closing drops the zip and revokes every object URL made for it.
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('img', { name: 'selfie.jpg' })).toBeNull();
    const created = vi.mocked(URL.createObjectURL).mock.results.map((r) => r.value as string);
    const revoked = vi.mocked(URL.revokeObjectURL).mock.calls.map(([url]) => url);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(revoked)).toEqual(new Set(created));
  });

  it('warns when session.json and the process disagree', async () => {
    serve(await zipBytes({ 'session.json': JSON.stringify(sample) }));
    renderSection('reviewer', detail('accepted', 'FAILED'));
    fireEvent.click(screen.getByRole('button', { name: 'Full result' }));
    expectVisible(await screen.findByText('session.json and the process disagree'));
    expectVisible(
      screen.getByText('session.json says chipCloneDetection SUCCEEDED but the process says FAILED.'),
    );
  });

  it('shows the corrupt-zip message in place and still offers the bytes as received', async () => {
    const bytes = await zipBytes({ 'session.json': JSON.stringify(sample), 'selfie.jpg': JPEG });
    serve(bytes.slice(0, bytes.length >> 1));
    renderSection('reviewer', detail('accepted'));
    fireEvent.click(screen.getByRole('button', { name: 'Full result' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/The zip is corrupt or truncated/);
    expect((screen.getByRole('button', { name: 'Try again' }) as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByRole('button', { name: 'Download zip' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows invalid JSON and undecodable pictures in place', async () => {
    serve(
      await zipBytes({ 'session.json': '{"nfcSession":', 'selfie.jpg': 'not a jpeg', 'portrait.jpg': JPEG }),
    );
    renderSection('reviewer', detail('accepted'));
    fireEvent.click(screen.getByRole('button', { name: 'Full result' }));
    const invalid = await screen.findByRole('alert');
    expect(invalid.textContent).toMatch(/^Invalid JSONsession\.json is not valid JSON \(/);
    expect(screen.getAllByText(/selfie\.jpg could not be decoded as an image/).length).toBeGreaterThan(0);
    expect((await screen.findByRole('img', { name: 'portrait.jpg' })).getAttribute('src')).toMatch(
      /^blob:test\/\d+$/,
    );
  });

  it("shows the server's message when the full result is gone upstream", async () => {
    serve({
      status: 404,
      code: 'not_found',
      message: 'Assure no longer holds this full result (deleted upstream).',
    });
    renderSection('reviewer', detail('accepted'));
    fireEvent.click(screen.getByRole('button', { name: 'Full result' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /The full result is gone.*deleted upstream/,
    );
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});
