// Test helpers for the detail components: a detail answer built with the real explanation engine, and rendering
// inside a memory router (the components link to other routes).
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { processDetailResponseSchema, type ProcessDetailResponse } from '@domain/process-detail-api';
import { explainProcess } from '@domain/explain';

export { buildProcess } from '@domain/explain/__fixtures__/build';

/** The server's answer for a process, parsed with the real schema; `shown` is what the role sees (masked). */
export function detailFor(
  process: Record<string, unknown>,
  options: {
    shown?: Record<string, unknown>;
    masked?: string[];
    stale?: boolean;
    deletedUpstream?: boolean;
    personalDataErasedAt?: string | null;
  } = {},
): ProcessDetailResponse {
  return processDetailResponseSchema.parse({
    process: options.shown ?? process,
    dossierId: 'd0551e70-0000-4000-8000-000000000001',
    syncedAt: '2024-05-02T10:05:01Z',
    stale: options.stale ?? false,
    deletedUpstream: options.deletedUpstream ?? false,
    personalDataErasedAt: options.personalDataErasedAt ?? null,
    masked: options.masked ?? [],
    explanation: explainProcess(process),
    review: { claim: null, decision: null, retries: { used: 0, limit: 2 } },
  });
}

export function renderInRouter(ui: ReactElement) {
  return render(<MemoryRouter>{ui}</MemoryRouter>);
}
