import { describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH, parseListSearch, toApiQuery, toSearchParams } from './list-search';

const parse = (qs: string) => parseListSearch(new URLSearchParams(qs));

describe('processes list URL state', () => {
  it('has defaults for an empty URL: all statuses, newest first, first page', () => {
    expect(parse('')).toEqual({ status: [], caseState: [], provider: [], sort: '-created' });
    expect(toSearchParams(DEFAULT_SEARCH).toString()).toBe('');
  });

  it('reads the desk’s case state, so “Needs review” means cases waiting for a verdict', () => {
    const s = parse('caseState=needs_review,bogus');
    expect(s.caseState).toEqual(['needs_review']);
    expect(toSearchParams(s).toString()).toBe('caseState=needs_review');
  });

  it('reads several statuses and providers', () => {
    const s = parse(
      'status=pending,processing&provider=readid,onfido&processType=ready&q=maria&from=2026-01-01&to=2026-02-01&sort=-updated',
    );
    expect(s).toMatchObject({
      status: ['pending', 'processing'],
      provider: ['readid', 'onfido'],
      processType: 'ready',
      q: 'maria',
      from: '2026-01-01',
      to: '2026-02-01',
      sort: '-updated',
    });
  });

  it('drops invalid values and keeps the defaults instead of failing', () => {
    const s = parse('status=accepted,bogus&sort=sideways&from=yesterday&to=2026-13-45&provider=<script>');
    expect(s.status).toEqual(['accepted']);
    expect(s.sort).toBe('-created');
    expect(s.from).toBeUndefined();
    expect(s.to).toBeUndefined();
    expect(s.provider).toEqual([]);
  });

  it('keeps a country and the time zone of a drill-down, and drops an invalid zone', () => {
    expect(parse('country=NOR&tz=Europe/Oslo&from=2026-03-29')).toMatchObject({
      country: 'NOR',
      tz: 'Europe/Oslo',
      from: '2026-03-29',
    });
    expect(parse('tz=Mars/Base').tz).toBeUndefined();
  });

  it('round-trips every field through the URL', () => {
    const s = parse(
      'status=inconclusive&provider=readid&q=santos&country=SWE&from=2026-01-01&tz=Europe/Oslo&sort=created&cursor=abc',
    );
    expect(parse(toSearchParams(s).toString())).toEqual(s);
  });

  it('always sends the sort and page size to the API', () => {
    const q = toApiQuery(DEFAULT_SEARCH, 25);
    expect(q.get('sort')).toBe('-created');
    expect(q.get('limit')).toBe('25');
  });
});
