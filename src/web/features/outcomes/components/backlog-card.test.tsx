import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { backlogSchema, type Backlog, type BacklogTrend } from '@domain/outcomes';
import { BacklogCard } from './backlog-card';
import { expectVisible } from '@web/testing/expect-visible';

// The "Backlog now" card: each figure opens the review queue with the filters that select exactly those cases.

const NOW = Date.parse('2026-12-04T12:00:00Z');

const backlog: Backlog = backlogSchema.parse({
  waiting: 7,
  overdue: 3,
  oldestWaitingSince: '2026-12-01T09:30:00.000Z',
  byProvider: { readid: { waiting: 5, overdue: 3 }, onfido: { waiting: 2, overdue: 0 } },
  slaHours: 8,
  pendingSecondReview: 1,
  assigned: 2,
  unassigned: 5,
  byReason: [
    { reason: 'chipCloneDetection', label: 'Chip clone detection failed', waiting: 4, overdue: 2 },
    { reason: null, label: null, waiting: 3, overdue: 1 },
  ],
});

afterEach(cleanup);

const renderCard = (b: Backlog & { trend?: BacklogTrend }) =>
  render(
    <MemoryRouter>
      <BacklogCard backlog={b} now={NOW} />
    </MemoryRouter>,
  );

const href = (name: string | RegExp) => screen.getByRole('link', { name }).getAttribute('href');

describe('BacklogCard', () => {
  it('shows waiting, overdue, oldest waiting and unassigned, each opening the matching queue', () => {
    renderCard(backlog);
    const figures = screen.getByRole('list', { name: 'Backlog now' });
    expect(
      within(figures)
        .getAllByRole('listitem')
        .map((li) => li.firstChild?.textContent),
    ).toEqual(['Waiting', 'Overdue', 'Oldest waiting', 'Unassigned']);
    expect(href('Waiting: 7, open the review queue')).toBe(
      '/review?state=needs_review%2Cpending_second_review',
    );
    expect(href('Overdue: 3, open the review queue')).toBe('/review?state=needs_review&overdue=1');
    // 1 Dec 09:30 → 4 Dec 12:00 is 3 days and 2.5 hours.
    expect(href('Oldest waiting: 3 d 2 h, open the review queue')).toBe(
      '/review?state=needs_review%2Cpending_second_review',
    );
    expect(href('Unassigned: 5, open the review queue')).toBe(
      '/review?state=needs_review%2Cpending_second_review&assignee=unassigned',
    );
    expectVisible(screen.getByText('1 of them pending a second review'));
    expectVisible(screen.getByText('waiting longer than the 8 h review SLA'));
  });

  it('per provider: waiting and overdue open the queue of that provider; zero is not a link', () => {
    renderCard(backlog);
    const table = screen.getByRole('table', { name: 'Backlog per provider' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['ReadID53', 'Onfido20']);
    expect(href('3 readid cases overdue')).toBe('/review?state=needs_review&provider=readid&overdue=1');
    expect(href('5 readid cases waiting')).toBe(
      '/review?state=needs_review%2Cpending_second_review&provider=readid',
    );
    expect(href('2 onfido cases waiting')).toBe(
      '/review?state=needs_review%2Cpending_second_review&provider=onfido',
    );
    expect(within(rows[1]!).getAllByRole('link')).toHaveLength(1);
  });

  it('per reason: a named reason opens the queue filtered by it; cases without one are counted, not linked', () => {
    renderCard(backlog);
    const table = screen.getByRole('table', { name: 'Backlog per reason' });
    expect(href('2 cases overdue: Chip clone detection failed')).toBe(
      '/review?state=needs_review&reason=chipCloneDetection&overdue=1',
    );
    const none = within(table).getByRole('row', { name: /^No failed check recorded/ });
    expect(none.textContent).toBe('No failed check recorded31');
    expect(within(none).queryAllByRole('link')).toHaveLength(0);
  });

  it('says that nothing waits, without links', () => {
    renderCard(
      backlogSchema.parse({
        waiting: 0,
        overdue: 0,
        oldestWaitingSince: null,
        byProvider: {},
        slaHours: 24,
        pendingSecondReview: 0,
        assigned: 0,
        unassigned: 0,
        byReason: [],
      }),
    );
    expect(screen.queryAllByRole('link')).toHaveLength(0);
    expectVisible(screen.getByText('nothing waits'));
    expect(screen.getAllByText('Nothing waits for a reviewer.')).toHaveLength(2);
  });

  it('shows the trend over the period: first and last recorded day, and the days without a record', () => {
    renderCard({
      ...backlog,
      trend: [
        { day: '2026-12-01', waiting: 4, overdue: 1 },
        { day: '2026-12-02', waiting: null, overdue: null },
        { day: '2026-12-03', waiting: 6, overdue: 2 },
        { day: '2026-12-04', waiting: 7, overdue: 3 },
      ],
    });
    const trend = screen.getByRole('figure', { name: 'Backlog per day over the period' });
    expectVisible(
      within(trend).getByText(
        /^Waiting: 4 \(.+\) → 7 \(.+\)\. Overdue: 1 → 3\. 1 day without a record \(.*\)\.$/,
      ),
    );
    // The lines have their key.
    expectVisible(within(trend).getByText('Waiting'));
  });

  it('says when only one day is recorded, and when none is', () => {
    renderCard({ ...backlog, trend: [{ day: '2026-12-04', waiting: 7, overdue: 3 }] });
    expectVisible(screen.getByText(/^Only one day recorded so far \(.+\): 7 waiting, 3 overdue\.$/));
    // No lines, so no key to read them by.
    expect(within(screen.getByRole('figure')).queryByText('Waiting')).toBeNull();
    cleanup();
    renderCard({ ...backlog, trend: [{ day: '2020-01-01', waiting: null, overdue: null }] });
    expectVisible(screen.getByText(/No record of the backlog in this period\./));
  });
});
