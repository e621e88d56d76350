import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { processDetailResponseSchema, type ProcessDetailResponse } from '@domain/process-detail-api';
import type { DossierCase } from '@domain/cases';
import { explainProcess } from '@domain/explain';
import { buildProcess } from '@domain/explain/__fixtures__/build';
import { RetryPanel } from './retry-panel';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function detailFor(process: Record<string, unknown>): ProcessDetailResponse {
  return processDetailResponseSchema.parse({
    process,
    dossierId: 'd0551e70-0000-4000-8000-000000000001',
    syncedAt: '2026-12-04T10:05:01Z',
    stale: false,
    deletedUpstream: false,
    personalDataErasedAt: null,
    masked: [],
    explanation: explainProcess(process),
    review: { claim: null, decision: null, retries: { used: 0, limit: 2 } },
  });
}

const kase = (over: Partial<DossierCase>): DossierCase => ({
  dossierId: 'd0551e70-0000-4000-8000-000000000001',
  state: 'needs_review',
  processId: 'p-1',
  attemptNumber: 1,
  attempts: 1,
  provider: 'readid',
  providers: ['readid'],
  processType: 'ready',
  status: 'inconclusive',
  reason: null,
  reasonCode: null,
  firstName: null,
  lastName: null,
  documentCountry: null,
  masked: false,
  waitingSince: null,
  dueAt: null,
  overdue: false,
  assignee: null,
  claim: null,
  decision: null,
  linkedToRejected: false,
  retries: { used: 0, limit: 2 },
  captureLink: null,
  ...over,
});

function show(detail: ProcessDetailResponse) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <RetryPanel detail={detail} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('an end-user retry', () => {
  it('asks for a confirmation naming provider, type and the retries left, and starts nothing before it', async () => {
    const fetch = vi.fn(async () => json({ processId: 'p-new', url: 'https://capture.example.test/x' }));
    vi.stubGlobal('fetch', fetch);
    show({ ...detailFor(buildProcess('readid', 'inconclusive')), case: kase({}) });
    fireEvent.change(screen.getByLabelText('Provider'), { target: { value: 'onfido' } });
    // Switching provider picks its strongest type.
    expect((screen.getByLabelText('Type') as HTMLSelectElement).value).toBe('documentSelfie');
    fireEvent.click(screen.getByRole('button', { name: 'Start retry…' }));
    expect(fetch).not.toHaveBeenCalled();
    const confirm = screen.getByRole('group', { name: 'Confirm the retry' });
    expect(confirm.textContent).toContain('Start a retry with Onfido documentSelfie for this person?');
    expect(confirm.textContent).toContain('1 of 2 retries will be left');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm retry' }));
    expect(await screen.findByLabelText('Link for the end-user')).toHaveProperty(
      'value',
      'https://capture.example.test/x',
    );
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('offers no retry for a person already verified by a later attempt', () => {
    show({
      ...detailFor(buildProcess('readid', 'inconclusive')),
      case: kase({ state: 'resolved_by_retry', processId: 'p-2', attemptNumber: 2, attempts: 2 }),
    });
    expect(screen.queryByRole('button', { name: /Start retry/ })).toBeNull();
    expect(screen.getByRole('note').textContent).toBe(
      'This person is already verified by attempt #2: no retry is needed.',
    );
  });

  it('shows the running retry’s link again after a reload, until that attempt is final', () => {
    const captureLink = {
      processId: 'p-run',
      provider: 'onfido',
      processType: 'documentSelfie',
      url: 'https://capture.example.test/again',
      startedBy: 'operator',
      startedAt: '2026-12-04T10:00:00Z',
    };
    show({
      ...detailFor(buildProcess('readid', 'inconclusive')),
      case: kase({ state: 'awaiting_end_user', captureLink }),
    });
    expect(screen.getByLabelText('Link for the end-user')).toHaveProperty(
      'value',
      'https://capture.example.test/again',
    );
    expect(screen.getByRole('link', { name: 'open the new attempt' }).getAttribute('href')).toBe(
      '/processes/p-run',
    );
  });
});
