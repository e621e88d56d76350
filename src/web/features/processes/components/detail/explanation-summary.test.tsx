import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ExplanationSummary } from './explanation-summary';
import { buildProcess, detailFor } from './test-utils';
import { expectVisible } from '@web/testing/expect-visible';

afterEach(cleanup);

const chip = (chipVerification: string, chipCloneDetection: string) => ({
  consolidatedIdentityData: { chipVerification, chipCloneDetection },
});

describe('ExplanationSummary', () => {
  it('says in one sentence why a ReadID process is inconclusive, with the rule behind it', () => {
    const { explanation, process } = detailFor(
      buildProcess('readid', 'inconclusive', chip('SUCCEEDED', 'FAILED')),
    );
    render(<ExplanationSummary explanation={explanation} status={process.status} />);
    // The sentence and the rule sit in the card titled with the status.
    const card = screen.getByRole('region', { name: 'Why it is inconclusive' });
    expect(within(card).getByRole('heading', { level: 2 }).textContent).toBe('Why it is inconclusive');
    expectVisible(within(card).getByText(/clone detection failed/));
    expectVisible(within(card).getByText(/chipCloneDetection FAILED → inconclusive/));
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('warns prominently when the upstream status disagrees with the documented rule', () => {
    const { explanation, process } = detailFor(
      buildProcess('readid', 'accepted', chip('SUCCEEDED', 'FAILED')),
    );
    render(<ExplanationSummary explanation={explanation} status={process.status} />);
    const warning = screen.getByRole('note');
    expect(warning.textContent).toContain('disagrees');
    expect(warning.textContent).toContain('Accepted');
    expect(warning.textContent).toContain('Inconclusive');
  });

  it('explains a known fail reason and shows an unknown one verbatim', () => {
    const known = detailFor(buildProcess('onfido', 'failed', undefined, { failReason: 'timeout' }));
    const { unmount } = render(<ExplanationSummary explanation={known.explanation} status="failed" />);
    expectVisible(screen.getByText('Timed out'));
    expectVisible(screen.getByText('timeout'));
    unmount();

    const unknown = detailFor(buildProcess('onfido', 'failed', undefined, { failReason: 'batteryEmpty' }));
    render(<ExplanationSummary explanation={unknown.explanation} status="failed" />);
    expectVisible(screen.getByText('batteryEmpty'));
    expectVisible(screen.getByText(/not recognised by Assure Desk; shown as received/));
  });

  it('says what a running process is waiting for', () => {
    const { explanation } = detailFor(buildProcess('readid', 'pending'));
    render(<ExplanationSummary explanation={explanation} status="pending" />);
    expectVisible(
      within(screen.getByRole('region', { name: 'What it is waiting for' })).getByText(
        /scan the document chip/,
      ),
    );
  });
});
