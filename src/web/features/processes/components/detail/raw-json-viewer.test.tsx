import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RawJsonViewer } from './raw-json-viewer';
import { expectVisible } from '@web/testing/expect-visible';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('RawJsonViewer', () => {
  it('is collapsed by default and copies the JSON', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const value = { processId: 'p-1', provider: 'readid', status: 'accepted' };
    render(<RawJsonViewer value={value} masked={['documentNumber']} />);
    expect(screen.getByText('Get process response as last seen').closest('details')?.open).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Copy JSON' }));
    expectVisible(await screen.findByText('Copied'));
    expect(writeText).toHaveBeenCalledWith(JSON.stringify(value, null, 2));
    // Opened, it names the fields kept back.
    fireEvent.click(screen.getByText('Get process response as last seen'));
    expectVisible(screen.getByText('documentNumber'));
  });

  it('says so when copying fails', async () => {
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: vi.fn().mockRejectedValue(new Error('denied')) },
    });
    render(<RawJsonViewer value={{ a: 1 }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy JSON' }));
    expectVisible(await screen.findByText(/Copy failed/));
  });
});
