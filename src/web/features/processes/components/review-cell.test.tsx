import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ListReview, ProcessListItem } from '@domain/api';
import { ReviewCell } from './process-table';

const row = (status: string, review: ListReview | null): ProcessListItem => ({
  processId: 'p-1',
  dossierId: 'd-1',
  provider: 'readid',
  processType: 'ready',
  status,
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:05:00Z',
  firstName: 'Ada',
  lastName: 'Lovelace',
  documentCountry: 'GBR',
  deletedUpstream: false,
  personalDataErased: false,
  masked: false,
  review,
});

afterEach(cleanup);

describe('the review column', () => {
  it('says who decided what', () => {
    render(<ReviewCell row={row('inconclusive', { decision: 'reject', decidedBy: 'alice', claimedBy: null })} />);
    expect(screen.getByText('Rejected').textContent).toBe('Rejected · alice');
  });

  it('says who holds an undecided case', () => {
    render(<ReviewCell row={row('inconclusive', { decision: null, decidedBy: null, claimedBy: 'bob' })} />);
    expect(screen.getByText('Claimed by bob')).toBeTruthy();
  });

  it('marks an inconclusive case nobody holds as awaiting review, and has nothing to say about others', () => {
    const none = { decision: null, decidedBy: null, claimedBy: null };
    const { container } = render(<ReviewCell row={row('inconclusive', none)} />);
    expect(container.textContent).toBe('Awaiting review');
    cleanup();
    const accepted = render(<ReviewCell row={row('accepted', none)} />);
    expect(accepted.container.textContent).toBe('—');
  });
});
