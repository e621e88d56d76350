import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CaseItem } from '@domain/cases';
import { parseCaseSearch, toCaseApiQuery, toCaseSearchParams } from '../lib/case-search';
import { CaseTable } from './case-table';
import { expectVisible } from '@web/testing/expect-visible';

const NOW = Date.parse('2026-12-04T12:00:00Z');

const item = (over: Partial<CaseItem>): CaseItem => ({
  dossierId: 'd-1',
  state: 'needs_review',
  processId: 'p-1',
  attemptNumber: 1,
  attempts: 1,
  provider: 'readid',
  providers: ['readid'],
  processType: 'ready',
  status: 'inconclusive',
  reason: 'iProov liveness not passed',
  reasonCode: 'iProovLiveness',
  firstName: 'ÅSA',
  lastName: 'SØRENSEN',
  documentCountry: 'NOR',
  masked: false,
  waitingSince: '2026-12-04T09:00:00Z',
  dueAt: '2026-12-05T09:00:00Z',
  overdue: false,
  assignee: null,
  claim: null,
  decision: null,
  linkedToRejected: false,
  ...over,
});

function Where() {
  return <output data-testid="where">{useLocation().pathname}</output>;
}

function show(items: CaseItem[], assign?: Parameters<typeof CaseTable>[0]['assign']) {
  return render(
    <MemoryRouter initialEntries={['/review']}>
      <Routes>
        <Route path="/review" element={<CaseTable items={items} now={NOW} assign={assign} />} />
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>,
  );
}

afterEach(cleanup);

describe('the case queue', () => {
  it('marks an overdue case with an icon and words, and says when the others are due', () => {
    show([
      item({
        dossierId: 'd-late',
        processId: 'p-late',
        dueAt: '2026-12-04T09:00:00Z',
        overdue: true,
        firstName: 'OLA',
        lastName: 'NORDMANN',
      }),
      item({ dossierId: 'd-ok', processId: 'p-ok' }),
    ]);
    const late = screen.getByRole('row', { name: 'OLA NORDMANN, overdue' });
    expectVisible(within(late).getByText(/Overdue 3 h/));
    expectVisible(within(screen.getByRole('row', { name: 'ÅSA SØRENSEN' })).getByText('in 21 h'));
  });

  it('shows one row per case with its attempts, reason and waiting time', () => {
    show([item({ attempts: 3, providers: ['readid', 'onfido'] })]);
    const row = screen.getByRole('row', { name: 'ÅSA SØRENSEN' });
    expect(within(row).getByRole('link', { name: '3 attempts' }).getAttribute('href')).toBe('/dossiers/d-1');
    expectVisible(within(row).getByText('iProov liveness not passed'));
    expectVisible(within(row).getByText('3 h'));
    expectVisible(within(row).getByText('+1'));
  });

  it('works from the keyboard at once: the first row is active, j moves down, Enter opens the attempt to review', () => {
    show([
      item({ dossierId: 'd-a', processId: 'p-a', firstName: 'A' }),
      item({ dossierId: 'd-b', processId: 'p-b', firstName: 'B' }),
    ]);
    const rows = screen.getAllByRole('row').slice(1);
    expect(document.activeElement).toBe(rows[0]);
    fireEvent.keyDown(document.activeElement!, { key: 'j' });
    expect(document.activeElement).toBe(rows[1]);
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(screen.getByTestId('where').textContent).toBe('/processes/p-b');
  });

  it('says who decided a case waiting for a second reviewer', () => {
    show([
      item({
        state: 'pending_second_review',
        decision: { outcome: 'approve', actor: 'alice', decidedAt: '2026-12-04T10:00:00Z', reasonCode: null },
      }),
    ]);
    expectVisible(screen.getByText('Approved by alice, needs a second reviewer'));
  });

  it('lets a manager assign a case to a reviewer', () => {
    const onAssign = vi.fn();
    show([item({})], { users: ['reviewer', 'reviewer2'], onAssign, pending: null });
    fireEvent.change(screen.getByRole('combobox', { name: 'Assign the case of ÅSA SØRENSEN' }), {
      target: { value: 'reviewer2' },
    });
    expect(onAssign).toHaveBeenCalledWith('d-1', 'reviewer2');
  });
});

describe('the queue’s URL', () => {
  it('defaults to cases that need review and keeps only what differs', () => {
    const s = parseCaseSearch(new URLSearchParams(''));
    expect(s.state).toEqual(['needs_review']);
    expect(toCaseSearchParams(s).toString()).toBe('');
  });

  it('reads the filters Outcomes links to, and asks the API for the same', () => {
    const s = parseCaseSearch(
      new URLSearchParams('state=needs_review&provider=onfido&overdue=1&assignee=me&reason=faceMatch'),
    );
    expect(s).toMatchObject({
      state: ['needs_review'],
      provider: ['onfido'],
      overdue: true,
      assignee: 'me',
      reason: 'faceMatch',
    });
    expect(toCaseApiQuery(s, 'c1').toString()).toBe(
      'state=needs_review&provider=onfido&reason=faceMatch&assignee=me&overdue=1&cursor=c1&limit=50',
    );
  });

  it('keeps the filter of cases linked to a rejected one', () => {
    const s = parseCaseSearch(new URLSearchParams('linked=rejected'));
    expect(s.linked).toBe(true);
    expect(toCaseSearchParams(s).toString()).toBe('linked=rejected');
    expect(toCaseApiQuery(s).get('linked')).toBe('rejected');
  });

  it('drops values a hand-edited link got wrong instead of breaking', () => {
    const s = parseCaseSearch(new URLSearchParams('state=bogus&assignee=<script>&country=%%%'));
    expect(s.state).toEqual(['needs_review']);
    expect(s.assignee).toBeUndefined();
    expect(s.country).toBeUndefined();
  });
});
