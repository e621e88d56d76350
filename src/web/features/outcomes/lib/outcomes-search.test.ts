import { describe, expect, it } from 'vitest';
import { drill, processesHref } from './drill-down';
import { parseOutcomesSearch, toApiQuery, toOutcomesParams, withBound } from './outcomes-search';

const at = new Date('2026-03-29T00:30:00Z'); // already the 29th in Oslo, still the 28th in New York

describe('outcomes view state in the URL', () => {
  it('defaults to the last 30 days and keeps only what differs in the URL', () => {
    const s = parseOutcomesSearch(new URLSearchParams(''));
    expect(s.period).toBe('30d');
    expect(toOutcomesParams(s).toString()).toBe('');
    expect(
      toOutcomesParams({
        ...s,
        period: 'custom',
        from: '2026-03-01',
        to: '2026-03-10',
        provider: ['readid', 'eid'],
      }).toString(),
    ).toBe('period=custom&from=2026-03-01&to=2026-03-10&provider=readid%2Ceid');
  });

  it('drops invalid values instead of breaking a shared link', () => {
    const s = parseOutcomesSearch(
      new URLSearchParams('period=year&from=2026-02-30&bucket=month&tz=Mars/Base&provider=ok,bad%20one'),
    );
    expect(s).toMatchObject({
      period: '30d',
      from: undefined,
      bucket: undefined,
      tz: undefined,
      provider: [],
    });
  });

  it('resolves presets to local days in the time zone, by day up to a month and by week beyond', () => {
    const oslo = (period: string) =>
      toApiQuery(parseOutcomesSearch(new URLSearchParams(`period=${period}&tz=Europe/Oslo`)), at);
    expect(oslo('7d')).toMatchObject({
      from: '2026-03-23',
      to: '2026-03-29',
      tz: 'Europe/Oslo',
      bucket: 'day',
    });
    expect(oslo('month')).toMatchObject({ from: '2026-03-01', to: '2026-03-29' });
    expect(oslo('90d')).toMatchObject({ from: '2025-12-30', to: '2026-03-29', bucket: 'week' });
    expect(oslo('all')).toMatchObject({ from: undefined, to: undefined, bucket: 'week' });
    const ny = toApiQuery(parseOutcomesSearch(new URLSearchParams('period=7d&tz=America/New_York')), at);
    expect(ny).toMatchObject({ from: '2026-03-22', to: '2026-03-28' });
  });

  it('moving one bound makes the period custom and keeps the other where it was', () => {
    const preset = parseOutcomesSearch(new URLSearchParams('period=7d&tz=Europe/Oslo'));
    expect(withBound(preset, { to: '2026-03-27' }, at)).toEqual({
      period: 'custom',
      from: '2026-03-23',
      to: '2026-03-27',
    });
    const custom = parseOutcomesSearch(new URLSearchParams('period=custom&from=2026-01-01&to=2026-02-01'));
    expect(withBound(custom, { from: '2026-01-15' }, at)).toEqual({
      period: 'custom',
      from: '2026-01-15',
      to: '2026-02-01',
    });
    expect(withBound(custom, { to: undefined }, at)).toEqual({
      period: 'custom',
      from: '2026-01-01',
      to: undefined,
    });
  });
});

describe('drill-down links', () => {
  it('write the processes list format: status=a,b&provider=x&processType=&from=&to=', () => {
    expect(
      processesHref({
        status: ['accepted', 'rejected'],
        provider: ['readid'],
        processType: 'ready',
        from: '2026-03-29',
        to: '2026-03-29',
      }),
    ).toBe(
      '/processes?status=accepted%2Crejected&provider=readid&processType=ready&from=2026-03-29&to=2026-03-29',
    );
    expect(processesHref({})).toBe('/processes');
  });

  it('carry the dashboard filters and narrow them', () => {
    const q = toApiQuery(
      parseOutcomesSearch(
        new URLSearchParams(
          'period=custom&from=2026-03-01&to=2026-03-31&provider=onfido&processType=document&tz=UTC',
        ),
      ),
    );
    expect(drill(q, { status: ['failed'] })).toBe(
      '/processes?status=failed&provider=onfido&processType=document&from=2026-03-01&to=2026-03-31',
    );
    expect(drill(q, { status: ['accepted'], from: '2026-03-23', to: '2026-03-29' })).toBe(
      '/processes?status=accepted&provider=onfido&processType=document&from=2026-03-23&to=2026-03-29',
    );
  });
});
