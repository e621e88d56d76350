import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ListReview, ProcessListItem } from '@domain/api';
import { CaseVerdict, ReviewCell } from './process-table';
import { expectVisible } from '@web/testing/expect-visible';

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
    render(
      <ReviewCell row={row('inconclusive', { decision: 'reject', decidedBy: 'alice', claimedBy: null })} />,
    );
    expect(screen.getByText('Rejected').textContent).toBe('Rejected · alice');
  });

  it('says who holds an undecided case', () => {
    render(<ReviewCell row={row('inconclusive', { decision: null, decidedBy: null, claimedBy: 'bob' })} />);
    expectVisible(screen.getByText('Claimed by bob'));
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

describe('the desk’s verdict next to Assure’s status', () => {
  const none = { decision: null, decidedBy: null, claimedBy: null };
  it('says an inconclusive attempt was verified by a later one', () => {
    const { container } = render(
      <CaseVerdict
        row={{
          ...row('inconclusive', none),
          caseState: 'resolved_by_retry',
          caseVerdict: 'verified by attempt #2',
        }}
      />,
    );
    expect(container.textContent).toBe(' → verified by attempt #2');
  });

  it('says a reviewer approved an inconclusive attempt', () => {
    const { container } = render(
      <CaseVerdict
        row={{ ...row('inconclusive', none), caseState: 'decided', caseVerdict: 'Approved by reviewer' }}
      />,
    );
    expect(container.textContent).toBe(' → Approved by reviewer');
  });

  it('adds nothing to an attempt still waiting for review, or to one that is not inconclusive', () => {
    const waiting = render(
      <CaseVerdict
        row={{ ...row('inconclusive', none), caseState: 'needs_review', caseVerdict: 'Needs review' }}
      />,
    );
    expect(waiting.container.textContent).toBe('');
    cleanup();
    const failed = render(
      <CaseVerdict
        row={{ ...row('failed', none), caseState: 'decided', caseVerdict: 'Approved by reviewer' }}
      />,
    );
    expect(failed.container.textContent).toBe('');
  });

  it('does not call a rejected retry "awaiting review" because its dossier’s inconclusive attempt is', () => {
    const { container } = render(
      <ReviewCell
        row={{ ...row('rejected', none), caseState: 'needs_review', caseVerdict: 'Needs review' }}
      />,
    );
    expect(container.textContent).toBe('—');
  });

  it('no longer calls an inconclusive attempt "awaiting review" once its case is resolved by a retry', () => {
    const { container } = render(
      <ReviewCell
        row={{
          ...row('inconclusive', none),
          caseState: 'resolved_by_retry',
          caseVerdict: 'verified by attempt #2',
        }}
      />,
    );
    expect(container.textContent).toBe('—');
  });
});
