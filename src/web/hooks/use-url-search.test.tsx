import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { BrowserRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { useUrlSearch } from './use-url-search';

type S = { from?: string; to?: string };
const parse = (p: URLSearchParams): S => ({ from: p.get('from') ?? undefined, to: p.get('to') ?? undefined });
const serialize = (s: S) =>
  new URLSearchParams(Object.entries(s).filter((e): e is [string, string] => typeof e[1] === 'string'));

function Period() {
  const { search, update } = useUrlSearch(parse, serialize);
  return (
    <>
      <output>{`${search.from ?? '-'}..${search.to ?? '-'}`}</output>
      {/* Two changes before React renders again: what a quick From-then-To, or a late debounced search, does. */}
      <button onClick={() => (update({ from: '2026-10-01' }), update({ to: '2026-10-31' }))}>both</button>
    </>
  );
}

afterEach(cleanup);

describe('state in the URL', () => {
  it('keeps both of two changes made before the next render', () => {
    window.history.replaceState(null, '', '/outcomes');
    render(
      <BrowserRouter>
        <Period />
      </BrowserRouter>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'both' }));
    expect(window.location.search).toBe('?from=2026-10-01&to=2026-10-31');
    expect(screen.getByRole('status').textContent).toBe('2026-10-01..2026-10-31');
  });
});
