import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import sample from '@domain/__fixtures__/readid-session.sample.json';
import { formatPath, searchJson } from '../lib/json-search';
import { JsonViewer } from './json-viewer';
import { expectVisible } from '@web/testing/expect-visible';

afterEach(cleanup);

const tree = () => screen.getByRole('list', { name: 'session.json contents' });

describe('JsonViewer', () => {
  it('renders only the first level until a node is opened', () => {
    render(<JsonViewer name="session.json" value={sample} />);
    expect(
      within(tree())
        .getByRole('button', { name: /^nfcSession/ })
        .getAttribute('aria-expanded'),
    ).toBe('false');
    expect(within(tree()).queryByText('verificationStatus')).toBeNull();

    fireEvent.click(within(tree()).getByRole('button', { name: /^nfcSession/ }));
    expect(
      within(tree())
        .getByRole('button', { name: /^nfcSession/ })
        .getAttribute('aria-expanded'),
    ).toBe('true');
    expect(
      within(tree())
        .getByRole('button', { name: /^verificationStatus/ })
        .getAttribute('aria-expanded'),
    ).toBe('false');
    // Still lazy one level further down.
    expect(within(tree()).queryByText('SIGNATURE_CHECKED', { exact: false })).toBeNull();
  });

  it('search opens the way to matches in keys and values and highlights them', () => {
    render(<JsonViewer name="session.json" value={sample} />);
    fireEvent.change(screen.getByLabelText('Search session.json'), {
      target: { value: 'chipCloneDetection' },
    });
    const marks = tree().querySelectorAll('mark');
    expect(marks.length).toBe(3); // chipCloneDetection, …Source, …SourceName
    expect([...marks].every((m) => m.textContent === 'chipCloneDetection')).toBe(true);
    expectVisible(screen.getByText(/1 of 3 matches/));

    fireEvent.change(screen.getByLabelText('Search session.json'), { target: { value: 'all_hashes' } });
    const value = [...tree().querySelectorAll('mark')].map((m) => m.textContent);
    expect(value).toEqual(['ALL_HASHES']);
  });

  it('says when nothing matches', () => {
    render(<JsonViewer name="session.json" value={sample} />);
    fireEvent.change(screen.getByLabelText('Search session.json'), { target: { value: 'no such thing' } });
    expectVisible(screen.getByText('No matches'));
  });

  it('copies a value and its path', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<JsonViewer name="session.json" value={sample} />);
    fireEvent.change(screen.getByLabelText('Search session.json'), { target: { value: 'HTReason' } });
    await act(async () => {
      fireEvent.click(
        screen.getByRole('button', { name: 'Copy value of nfcSession.verificationStatus.HTReason' }),
      );
    });
    expect(writeText).toHaveBeenLastCalledWith('ALL_HASHES_MATCH');
    await act(async () => {
      fireEvent.click(
        screen.getByRole('button', { name: 'Copy path nfcSession.verificationStatus.HTReason' }),
      );
    });
    expect(writeText).toHaveBeenLastCalledWith('nfcSession.verificationStatus.HTReason');
  });

  it('pages long arrays but still shows a match far down', () => {
    const value = { items: Array.from({ length: 5000 }, (_, i) => ({ n: i })) };
    render(<JsonViewer name="big.json" value={value} />);
    fireEvent.change(screen.getByLabelText('Search big.json'), { target: { value: '4321' } });
    const list = screen.getByRole('list', { name: 'big.json contents' });
    expect(list.querySelectorAll('mark')).toHaveLength(1);
    // Far fewer rows than items: the first page plus the path to the match.
    expect(list.querySelectorAll('li').length).toBeLessThan(400);
    const rows = list.querySelectorAll('li').length;
    fireEvent.click(screen.getByRole('button', { name: /Show 200 more of 4,800 remaining in items/ }));
    expect(list.querySelectorAll('li').length).toBe(rows + 200);
    screen.getByRole('button', { name: /Show 200 more of 4,600 remaining in items/ });
  }, 20_000); // 5,000 items rendered in jsdom
});

describe('json paths', () => {
  it('formats paths as they would be written in code', () => {
    expect(formatPath(['nfcSession', 'verificationStatus', 'DS'])).toBe('nfcSession.verificationStatus.DS');
    expect(formatPath(['documentContent', 'datagroupNumbers', 0])).toBe(
      'documentContent.datagroupNumbers[0]',
    );
    expect(formatPath(['odd key', 'x'])).toBe('["odd key"].x');
  });

  it('finds keys and values in display order and stops at the limit', () => {
    const found = searchJson({ a: 'x1', b: [{ x2: 1 }], c: 'nothing' }, 'X', 10).matches.map((m) =>
      formatPath(m.path),
    );
    expect(found).toEqual(['a', 'b[0].x2']);
    expect(searchJson({ a: 'x', b: 'x', c: 'x' }, 'x', 2).truncated).toBe(true);
  });
});
