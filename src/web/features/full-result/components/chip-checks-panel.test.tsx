import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import newer from '@domain/__fixtures__/readid-session.newer.json';
import sample from '@domain/__fixtures__/readid-session.sample.json';
import { ChipChecksPanel } from './chip-checks-panel';
import { expectVisible } from '@web/testing/expect-visible';

// ReadID marks nfcSession and iProovSession internal (contract §9): the panel shows what they hold as advisory and
// never warns because one is missing or holds values it does not know.

type Raw = Record<string, unknown>;

/** The Get process of the same session: chip values and an iProov that passed. */
const process = {
  processId: 'p-1',
  provider: 'readid',
  status: 'accepted',
  providerSpecific: {
    consolidatedIdentityData: { chipVerification: 'SUCCEEDED', chipCloneDetection: 'SUCCEEDED' },
    iproovSession: { attempts: 2, passed: true, finished: true, hasError: false },
  },
};

function session(change: (s: Raw) => void = () => {}): Raw {
  const s = structuredClone(newer) as Raw;
  change(s);
  return s;
}

const nfc = (s: Raw) => s.nfcSession as { verificationStatus: Raw; accessControlStatus: Raw };

afterEach(cleanup);

function expectNoWarnings() {
  expect(screen.queryByText('session.json and the process disagree')).toBeNull();
  expect(screen.queryByRole('note', { name: 'Advisory' })).toBeNull();
  expect(screen.queryByText('About this session.json')).toBeNull();
}

describe('ChipChecksPanel', () => {
  it('shows the newer session shape without a warning: iProov tokens, enrolment source, selfie verification, MRZ type', () => {
    render(<ChipChecksPanel session={newer} process={process} />);
    expectNoWarnings();
    const iProov = screen.getByText('iProov').closest('div')!;
    expect(iProov.textContent).toContain('enrolment Chip');
    expect(iProov.textContent).toContain('verify tokens not passed, passed');
    const selfie = screen.getByText('Selfie verification').closest('div')!;
    expect(selfie.textContent).toBe('Selfie verificationSUCCEEDED (VISUAL_AUTOMATIC, iProov)');
    expect(screen.getByText('Chip').closest('div')!.textContent).toContain('MRZ TD3');
    const verification = screen.getByRole('table', {
      name: /^Verification \(nfcSession\.verificationStatus/,
    });
    expect(within(verification).getAllByRole('row')).toHaveLength(6);
  });

  it.each([
    ['nfcSession absent', session((s) => delete s.nfcSession), 'nfcSession is not in this session.json'],
    ['nfcSession null', session((s) => (s.nfcSession = null)), 'nfcSession is not in this session.json'],
    [
      'nfcSession not an object',
      session((s) => (s.nfcSession = 'v2')),
      'nfcSession has a shape this desk does not read',
    ],
    [
      'iProovSession absent',
      session((s) => delete s.iProovSession),
      'iProovSession is not in this session.json',
    ],
    [
      'iProovSession not an object',
      session((s) => (s.iProovSession = [1, 2])),
      'iProovSession has a shape this desk does not read',
    ],
  ])('%s: says so quietly, with no inconsistency', (_name, s, text) => {
    render(<ChipChecksPanel session={s} process={process} />);
    expectNoWarnings();
    expectVisible(screen.getByText((_, el) => el?.tagName === 'LI' && el.textContent!.startsWith(text)));
    // The authoritative values are still shown.
    const derived = screen.getByRole('table', { name: 'What the checks add up to' });
    expect(within(derived).getByRole('row', { name: /^chipVerification/ }).textContent).toContain(
      'SUCCEEDED',
    );
  });

  it('hides the check tables without an nfcSession, and implies nothing', () => {
    render(<ChipChecksPanel session={session((s) => delete s.nfcSession)} process={process} />);
    expect(screen.queryByRole('table', { name: /^Verification/ })).toBeNull();
    const row = screen.getByRole('row', { name: /^chipVerification/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['—', 'SUCCEEDED', 'SUCCEEDED']);
  });

  it('marks unknown nfcSession and iProovSession values as not recognised, with no inconsistency', () => {
    const s = session((s) => {
      nfc(s).verificationStatus.DS = 'MAYBE';
      nfc(s).verificationStatus.EACCA = 'PRESENT_LATER';
      nfc(s).accessControlStatus.PACE = 7;
      s.iProovSession = { passed: 'perhaps', attempts: 'two', verifyToken: 'x' };
    });
    render(<ChipChecksPanel session={s} process={process} />);
    expectNoWarnings();
    const verification = screen.getByRole('table', { name: /^Verification/ });
    expect(within(verification).getByRole('row', { name: /^DS / }).textContent).toContain(
      'MAYBEnot recognised',
    );
    expect(within(verification).getByRole('row', { name: /^EACCA / }).textContent).toContain('Unknown');
    const access = screen.getByRole('table', { name: /^Access control/ });
    expect(within(access).getByRole('row', { name: /^PACE / }).textContent).toContain('7not recognised');
    expect(screen.getByRole('row', { name: /^chipVerification/ }).textContent).toContain('UNKNOWN');
  });

  it('shows what nfcSession implies against consolidatedIdentityData as advisory, not as a disagreement', () => {
    const s = session((s) => (nfc(s).verificationStatus.HT = 'PRESENT_FAILED'));
    render(<ChipChecksPanel session={s} process={process} />);
    expect(screen.queryByText('session.json and the process disagree')).toBeNull();
    const note = screen.getByRole('note', { name: 'Advisory' });
    expect(within(note).getByRole('listitem').textContent).toBe(
      "nfcSession implies chipVerification FAILED; session.json's consolidatedIdentityData says SUCCEEDED.",
    );
  });

  it('warns when consolidatedIdentityData and the process disagree, whatever the shape', () => {
    for (const s of [sample, newer]) {
      const failed = {
        ...process,
        providerSpecific: {
          ...process.providerSpecific,
          consolidatedIdentityData: { chipVerification: 'FAILED' },
        },
      };
      const { unmount } = render(<ChipChecksPanel session={s} process={failed} />);
      const banner = screen.getByRole('status');
      expect(banner.textContent).toContain('session.json and the process disagree');
      expect(within(banner).getByRole('listitem').textContent).toBe(
        'session.json says chipVerification SUCCEEDED but the process says FAILED.',
      );
      unmount();
    }
  });
});
