import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { withRevealed } from '../../lib/with-revealed';
import { IdentityComparison } from './identity-comparison';
import { buildProcess, detailFor } from './test-utils';
import { expectVisible } from '@web/testing/expect-visible';

afterEach(cleanup);

describe('IdentityComparison', () => {
  it('puts sources side by side and marks a mismatch in words', () => {
    const { process } = detailFor(
      buildProcess('signicatpaper', 'rejected', {
        features: { firstName: 'Ana', lastName: 'Silva' },
        mrz: { firstName: 'ANA', lastName: 'SILVER' },
      }),
    );
    render(<IdentityComparison process={process} />);
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Field', 'Printed text (features)', 'Machine-readable zone (mrz)', 'Comparison']);
    const lastName = within(table).getByRole('rowheader', { name: 'Last name' }).closest('tr')!;
    // Each source's value under its own column, then the verdict.
    expect(
      within(lastName)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Silva', 'SILVER', expect.stringMatching(/Mismatch$/)]);
    const firstName = within(table).getByRole('rowheader', { name: 'First name' }).closest('tr')!;
    expect(firstName.textContent).toContain('Same');
  });

  it('renders a name containing HTML as text', () => {
    const name = '<img src=x onerror=alert(1)>';
    const { process } = detailFor(
      buildProcess('webid', 'inconclusive', {
        identResponse: { result: 'mismatch', user: { firstName: name } },
      }),
    );
    const { container } = render(<IdentityComparison process={process} />);
    expect(container.querySelector('img')).toBeNull();
    expectVisible(screen.getByText(name));
  });

  it('shows masked values as masked and does not claim they match', () => {
    const shown = buildProcess(
      'webid',
      'inconclusive',
      { identResponse: { result: 'mismatch', user: { dateOfBirth: '•••' } } },
      { finalResult: { dateOfBirth: '•••' } },
    );
    const { process } = detailFor(shown);
    render(<IdentityComparison process={process} />);
    const row = screen.getByRole('rowheader', { name: 'Date of birth' }).closest('tr')!;
    expect(row.textContent).toContain('masked');
    expect(row.textContent).toContain('Masked, not compared');
  });

  it('shows a revealed identifier in place, formatted like the values around it, and compares it again', () => {
    const shown = buildProcess(
      'webid',
      'inconclusive',
      { identResponse: { result: 'mismatch', user: { firstName: 'Kari', dateOfBirth: '•••' } } },
      { finalResult: { firstName: 'Kari', dateOfBirth: '•••' } },
    );
    // The paths as the server's reveal answers them.
    const revealed = withRevealed(shown, [
      { path: 'providerSpecific.identResponse.user.dateOfBirth', value: '1980-02-03' },
      { path: 'finalResult.dateOfBirth', value: '1980-02-03' },
    ]);
    const { process } = detailFor(revealed);
    render(<IdentityComparison process={process} />);
    const row = screen.getByRole('rowheader', { name: 'Date of birth' }).closest('tr')!;
    expect(row.textContent).not.toContain('masked');
    expect(row.textContent).toContain('Same');
    const cells = within(row).getAllByText('1980-02-03');
    expect(cells).toHaveLength(2);
    // The same markup as an ordinary value of the table (so the same wrapping and font), not a path and a value.
    const ordinary = within(
      screen.getByRole('rowheader', { name: 'First name' }).closest('tr')!,
    ).getAllByText('Kari')[0]!;
    for (const cell of cells) expect(cell.className).toBe(ordinary.className);
    expect(row.textContent).not.toContain('providerSpecific');
  });
});
