import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ExplanationSummary } from './explanation-summary';
import { buildProcess, detailFor } from './test-utils';

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
    expect(screen.getByRole('heading', { level: 2, name: 'Why it is inconclusive' })).toBeTruthy();
    expect(screen.getByText(/clone detection failed/)).toBeTruthy();
    expect(screen.getByText(/chipCloneDetection FAILED → inconclusive/)).toBeTruthy();
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
    expect(screen.getByText('Timed out')).toBeTruthy();
    expect(screen.getByText('timeout')).toBeTruthy();
    unmount();

    const unknown = detailFor(buildProcess('onfido', 'failed', undefined, { failReason: 'batteryEmpty' }));
    render(<ExplanationSummary explanation={unknown.explanation} status="failed" />);
    expect(screen.getByText('batteryEmpty')).toBeTruthy();
    expect(screen.getByText(/not recognised by Assure Desk; shown as received/)).toBeTruthy();
  });

  it('says what a running process is waiting for', () => {
    const { explanation } = detailFor(buildProcess('readid', 'pending'));
    render(<ExplanationSummary explanation={explanation} status="pending" />);
    expect(screen.getByRole('heading', { name: 'What it is waiting for' })).toBeTruthy();
    expect(screen.getByText(/scan the document chip/)).toBeTruthy();
  });
});
