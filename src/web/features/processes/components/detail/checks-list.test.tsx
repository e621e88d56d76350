import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ChecksList } from './checks-list';
import { buildProcess, detailFor } from './test-utils';
import { expectVisible } from '@web/testing/expect-visible';

afterEach(cleanup);

describe('ChecksList', () => {
  it('shows each check with its result in words, its label, the vendor name and a detail', () => {
    const { explanation } = detailFor(
      buildProcess('readid', 'inconclusive', {
        consolidatedIdentityData: { chipVerification: 'SUCCEEDED', chipCloneDetection: 'FAILED' },
      }),
    );
    render(<ChecksList checks={explanation.checks} />);
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const clone = items.find((item) => item.textContent?.includes('chipCloneDetection'));
    expect(clone).toBeDefined();
    expectVisible(within(clone!).getByText('Failed'));
    expectVisible(within(clone!).getByText('Chip clone detection'));
    expectVisible(within(clone!).getByText(/may be a clone/));
  });

  it('keeps the raw value of a value it does not recognise visible', () => {
    const { explanation } = detailFor(
      buildProcess('readid', 'inconclusive', {
        consolidatedIdentityData: { chipVerification: 'MAYBE', chipCloneDetection: 'SUCCEEDED' },
      }),
    );
    render(<ChecksList checks={explanation.checks} />);
    const unknown = screen
      .getAllByRole('listitem')
      .find((item) => item.textContent?.includes('chipVerification'));
    expectVisible(within(unknown!).getByText('Unknown'));
    expect(unknown!.textContent).toContain('"MAYBE"');
  });

  it('folds passed checks away when there are many, keeping the ones that need attention in view', () => {
    const clear = {
      result: 'clear',
      imageIntegrity: 'clear',
      dataValidation: 'clear',
      dataComparison: 'clear',
    };
    const { explanation } = detailFor(
      buildProcess(
        'onfido',
        'inconclusive',
        {
          documentVerification: { ...clear, subResult: 'caution', visualAuthenticity: 'clear' },
          facialSimilarity: { result: 'clear', faceComparison: 'clear' },
        },
        { processType: 'documentSelfie' },
      ),
    );
    render(<ChecksList checks={explanation.checks} />);
    expect(screen.getByText('Document check (sub-result)').closest('details')).toBeNull();
    const summary = screen.getByText(/Show the \d+ passed checks/);
    expect(summary.closest('details')?.open).toBe(false);
    expectVisible(screen.getByText(/1 needs attention/));
  });
});
