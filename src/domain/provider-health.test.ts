import { describe, expect, it } from 'vitest';
import {
  assess,
  binomialUpperTail,
  DEFAULT_SENTINEL,
  grownReasons,
  healthyAlternatives,
  lnGamma,
  wilson,
  type BaselineCounts,
  type WindowCounts,
} from './provider-health';

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

/** n final processes with independent chances of being inconclusive and failed. */
function draw(next: () => number, n: number, pInconclusive: number, pFailed: number) {
  let inconclusive = 0;
  let failed = 0;
  for (let i = 0; i < n; i++) {
    const u = next();
    if (u < pInconclusive) inconclusive++;
    else if (u < pInconclusive + pFailed) failed++;
  }
  return { total: n, inconclusive, failed };
}

describe('statistics', () => {
  it('lnGamma matches factorials', () => {
    expect(Math.exp(lnGamma(6))).toBeCloseTo(120, 8);
    expect(lnGamma(101)).toBeCloseTo(363.73937555556347, 8);
  });

  it('binomialUpperTail matches exact sums', () => {
    // P(X ≥ 3), n = 5, p = 0.5: (10 + 5 + 1) / 32
    expect(binomialUpperTail(3, 5, 0.5)).toBeCloseTo(0.5, 12);
    // P(X ≥ 11), n = 20, p = 0.2: 0.000563… (scipy.stats.binom.sf(10, 20, 0.2))
    expect(binomialUpperTail(11, 20, 0.2)).toBeCloseTo(0.0005639, 6);
    expect(binomialUpperTail(0, 20, 0.2)).toBe(1);
    expect(binomialUpperTail(21, 20, 0.2)).toBe(0);
    // Large n stays finite and sensible.
    const p = binomialUpperTail(5200, 20000, 0.25);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(0.001);
  });

  it('wilson gives the textbook interval', () => {
    // 8 of 20, z = 1.96: [0.2188, 0.6134]
    const [lo, hi] = wilson(8, 20)!;
    expect(lo).toBeCloseTo(0.2188, 3);
    expect(hi).toBeCloseTo(0.6134, 3);
    expect(wilson(0, 0)).toBeNull();
  });
});

describe('assess', () => {
  const baseline: BaselineCounts = { total: 3000, inconclusive: 450, failed: 300 }; // 25 % bad
  const win = (total: number, inconclusive: number, failed: number): WindowCounts => ({
    total,
    inconclusive,
    failed,
    upstreamErrors: 0,
  });

  it('raises alert on an outage: most of the window failing', () => {
    const a = assess(win(30, 3, 20), baseline);
    expect(a.state).toBe('alert');
    expect(a.pValue!).toBeLessThan(0.001);
  });

  it('does not judge fewer than the minimum number of processes, however bad', () => {
    expect(
      assess(win(DEFAULT_SENTINEL.minWindow - 1, 0, DEFAULT_SENTINEL.minWindow - 1), baseline).state,
    ).toBe('ok');
  });

  it('needs a clear majority of bad outcomes when there is no baseline yet', () => {
    const none = { total: 0, inconclusive: 0, failed: 0 };
    expect(assess(win(40, 10, 12), none).state).toBe('ok');
    expect(assess(win(40, 10, 28), none).state).toBe('alert');
  });

  it('judges a thin baseline as no baseline, so it never hides an outage that no baseline would show', () => {
    // The e2e world of issue #19: Onfido (document) had 3 final processes in its baseline, 1 of them failed. Against
    // the upper end of that baseline's Wilson interval (79 %), 25 of 25 failing gave p = 0.79^25 ≈ 0.003: only watch.
    const thin = { total: 3, inconclusive: 0, failed: 1 };
    const outage = assess(win(25, 0, 25), thin);
    expect(outage.state).toBe('alert');
    expect(outage.expectedRate).toBe(0.5);
    expect(outage.pValue!).toBeCloseTo(0.5 ** 25, 12);
    expect(outage.note).toContain('too few to compare with');
    // One good process in the baseline is no reason to look away either.
    expect(assess(win(25, 0, 25), { total: 1, inconclusive: 0, failed: 0 }).state).toBe('alert');
    // …and a thin baseline still does not cry wolf on a window with a minority of bad outcomes.
    expect(assess(win(40, 10, 12), thin).state).toBe('ok');
    // From minWindow processes on, the baseline's own interval is used.
    const enough = { total: DEFAULT_SENTINEL.minWindow, inconclusive: 2, failed: 2 };
    expect(assess(win(25, 0, 25), enough).expectedRate).toBeLessThan(0.5);
  });

  it('does not alert on a tiny difference at a large provider', () => {
    const big = { total: 200_000, inconclusive: 30_000, failed: 20_000 };
    // 26.5 % against 25 %: "significant" with n = 20,000, but below the 5-point floor.
    expect(assess(win(20_000, 3300, 2000), big).state).toBe('ok');
  });

  it('stays ok on normal noise: false alarms over 4,000 random seeds', () => {
    let alerts = 0;
    let watches = 0;
    const runs = 4000;
    for (let seed = 1; seed <= runs; seed++) {
      const next = rng(seed);
      // Providers of all sizes and bad shares, the window drawn from the same process as the baseline.
      const pInc = 0.02 + next() * 0.3;
      const pFail = 0.01 + next() * 0.2;
      const baseN = Math.floor(50 + next() * 5000);
      const winN = Math.floor(20 + next() * 400);
      const b = draw(next, baseN, pInc, pFail);
      const w = draw(next, winN, pInc, pFail);
      const state = assess({ ...w, upstreamErrors: 0 }, b).state;
      if (state === 'alert') alerts++;
      if (state === 'watch') watches++;
    }
    // The nominal rates are 0.1 % and 1 %; the baseline's upper bound makes them conservative.
    expect(alerts / runs).toBeLessThanOrEqual(0.001);
    expect(watches / runs).toBeLessThanOrEqual(0.01);
  });

  it('detects an outage over random seeds: a provider failing half its processes', () => {
    let missed = 0;
    for (let seed = 1; seed <= 500; seed++) {
      const next = rng(seed * 7919);
      const b = draw(next, 2000, 0.1, 0.05);
      const w = draw(next, 40, 0.1, 0.5);
      if (assess({ ...w, upstreamErrors: 0 }, b).state !== 'alert') missed++;
    }
    expect(missed / 500).toBeLessThan(0.02);
  });
});

describe('grownReasons and alternatives', () => {
  it('lists the fail reasons whose share grew the most', () => {
    const got = grownReasons(
      new Map<string | null, number>([
        ['technicalError', 12],
        ['timeout', 2],
        ['userAborted', 1],
      ]),
      30,
      new Map<string | null, number>([
        ['technicalError', 10],
        ['timeout', 200],
        ['userAborted', 30],
      ]),
      1000,
    );
    // timeout fell (20 % → 7 %): not listed; userAborted barely grew (3 % → 3.3 %).
    expect(got.map((r) => r.failReason)).toEqual(['technicalError', 'userAborted']);
    expect(got[0]).toMatchObject({ window: 12, baseline: 10, windowShare: 0.4, baselineShare: 0.01 });
  });

  it('suggests healthy providers with traffic, the lowest bad share first', () => {
    const row = (provider: string, state: 'ok' | 'watch' | 'alert', bad: number, total: number) => ({
      provider,
      state,
      window: { total, inconclusive: bad, failed: 0, upstreamErrors: 0 },
      baseline: { total: 0, inconclusive: 0, failed: 0 },
    });
    const rows = [
      row('onfido', 'alert', 20, 30),
      row('readid', 'ok', 5, 100),
      row('eid', 'ok', 1, 100),
      row('webid', 'watch', 10, 40),
      row('connect', 'ok', 0, 0),
    ];
    expect(healthyAlternatives(rows, 'onfido')).toEqual(['eid', 'readid']);
  });
});
