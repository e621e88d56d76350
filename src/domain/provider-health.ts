import { z } from 'zod/mini';

// The provider-health sentinel: per provider and process type, the share of bad outcomes (inconclusive or failed)
// among the processes that became final in a recent window, tested against the same provider's own trailing
// baseline. Pure functions and schemas, shared by the server (which computes and stores the verdicts on a schedule)
// and the SPA (which shows them and says how they were reached).
//
// The test, in words the UI repeats: a one-sided exact binomial test. Under "nothing changed", the number of bad
// outcomes among the window's n final processes is Binomial(n, p0), where p0 is the upper end of the 95 % Wilson
// score interval of the baseline's bad share — a baseline measured on few processes is given the benefit of the
// doubt instead of a precise-looking rate. A baseline of fewer than `minWindow` final processes is too thin to say
// anything and counts as no baseline (p0 = 50 %): otherwise one good process in the baseline (Wilson upper bound of
// 0 of 1: 79 %) would make a total outage harder to see than no baseline at all (issue #19: 25 of 25 failing against
// a baseline of 1 bad in 3 only reached `watch`). The p-value is P(X ≥ observed). Alert when p < 0.001, watch when
// p < 0.01; both also need at least `minWindow` final processes in the window and a bad share at least 5 points
// above the baseline's, so a large provider does not alert on a difference nobody would act on. Small numbers cannot
// cry wolf: with 20 processes and a 20 % baseline, it takes 11 bad outcomes to alert.

export const HEALTH_STATES = ['ok', 'watch', 'alert'] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

export interface SentinelSettings {
  /** The recent window, in minutes (default 120). */
  windowMinutes: number;
  /** The trailing baseline before the window, in days (default 14). */
  baselineDays: number;
  /** Fewest final processes in the window before any verdict but ok (default 20). */
  minWindow: number;
}

export const DEFAULT_SENTINEL: SentinelSettings = { windowMinutes: 120, baselineDays: 14, minWindow: 20 };
export const ALERT_P = 0.001;
export const WATCH_P = 0.01;
/** The window's bad share must exceed the baseline's by at least this much (5 percentage points). */
export const MIN_EXCESS = 0.05;
/** p0 when there is no baseline at all: only a clear majority of bad outcomes can then stand out. */
export const NO_BASELINE_P0 = 0.5;

export const TEST_DESCRIPTION =
  'One-sided exact binomial test of the window’s inconclusive + failed share against the upper end of the ' +
  'baseline’s 95 % Wilson interval: alert at p < 0.001, watch at p < 0.01, with at least the minimum number of ' +
  'final processes and a share at least 5 points above the baseline. A baseline with fewer final processes than ' +
  'that minimum counts as none: then only a share well above 50 % stands out.';

// --- Statistics ---------------------------------------------------------------------------------------------------

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error below 1e-13). */
export function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X ≥ k) for X ~ Binomial(n, p): the one-sided p-value of observing k or more. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const logPmf = (i: number) =>
    lnGamma(n + 1) - lnGamma(i + 1) - lnGamma(n - i + 1) + i * Math.log(p) + (n - i) * Math.log1p(-p);
  let term = Math.exp(logPmf(k));
  let sum = term;
  const ratio = p / (1 - p);
  for (let i = k; i < n; i++) {
    term *= ((n - i) / (i + 1)) * ratio;
    sum += term;
    if (term < sum * 1e-16) break;
  }
  return Math.min(1, sum);
}

/** The Wilson score interval of k successes in n trials (z = 1.96: 95 %); null when n = 0. */
export function wilson(k: number, n: number, z = 1.96): [number, number] | null {
  if (n <= 0) return null;
  const phat = k / n;
  const z2 = z * z;
  const centre = (phat + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((phat * (1 - phat)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface WindowCounts {
  total: number;
  inconclusive: number;
  failed: number;
  upstreamErrors: number;
}
export interface BaselineCounts {
  total: number;
  inconclusive: number;
  failed: number;
}

export interface Assessment {
  state: HealthState;
  pValue: number | null;
  windowRate: number | null;
  baselineRate: number | null;
  windowInterval: [number, number] | null;
  baselineInterval: [number, number] | null;
  /** p0 of the test: the upper end of the baseline's interval (NO_BASELINE_P0 without a baseline). */
  expectedRate: number;
  note: string;
}

/** The verdict for one provider and process type. */
export function assess(
  window: WindowCounts,
  baseline: BaselineCounts,
  settings: SentinelSettings = DEFAULT_SENTINEL,
): Assessment {
  const bad = window.inconclusive + window.failed;
  const baseBad = baseline.inconclusive + baseline.failed;
  const windowInterval = wilson(bad, window.total);
  const baselineInterval = wilson(baseBad, baseline.total);
  const windowRate = window.total ? bad / window.total : null;
  const baselineRate = baseline.total ? baseBad / baseline.total : null;
  // A thin baseline (fewer than minWindow processes) counts as none: see the note at the top.
  const thin = baseline.total < settings.minWindow;
  const expectedRate = baselineInterval && !thin ? baselineInterval[1] : NO_BASELINE_P0;
  const base = { windowRate, baselineRate, windowInterval, baselineInterval, expectedRate };
  if (window.total < settings.minWindow) {
    return {
      ...base,
      state: 'ok',
      pValue: null,
      note: `${window.total} final process${window.total === 1 ? '' : 'es'} in the window: fewer than ${settings.minWindow}, too few to judge.`,
    };
  }
  const pValue = binomialUpperTail(bad, window.total, expectedRate);
  const excess = (windowRate ?? 0) - (thin ? expectedRate : (baselineRate ?? expectedRate));
  const significant = (p: number) => pValue < p && excess >= MIN_EXCESS;
  const state: HealthState = significant(ALERT_P) ? 'alert' : significant(WATCH_P) ? 'watch' : 'ok';
  const pct = (v: number | null) => (v == null ? '—' : `${(v * 100).toFixed(0)} %`);
  const note =
    state === 'ok'
      ? `${pct(windowRate)} inconclusive or failed, in line with the baseline (${pct(baselineRate)}).`
      : `${pct(windowRate)} inconclusive or failed against ${pct(baselineRate)} in the baseline (p = ${formatP(pValue)}).`;
  const thinNote =
    thin && baseline.total > 0
      ? ` The baseline's ${baseline.total} final process${baseline.total === 1 ? ' is' : 'es are'} too few to compare with: judged as if there were none (50 %).`
      : '';
  return { ...base, state, pValue, note: note + thinNote };
}

export function formatP(p: number): string {
  if (p < 0.0001) return '< 0.0001';
  return p < 0.01 ? p.toFixed(4) : p.toFixed(2);
}

export interface ReasonGrowth {
  failReason: string | null;
  window: number;
  baseline: number;
  /** Share of the window's / baseline's final processes that failed with this reason. */
  windowShare: number;
  baselineShare: number;
}

/** The fail reasons whose share of final processes grew the most from the baseline to the window (at most 3). */
export function grownReasons(
  windowReasons: ReadonlyMap<string | null, number>,
  windowTotal: number,
  baselineReasons: ReadonlyMap<string | null, number>,
  baselineTotal: number,
): ReasonGrowth[] {
  if (windowTotal === 0) return [];
  const keys = new Set([...windowReasons.keys()]);
  return [...keys]
    .map((failReason) => {
      const w = windowReasons.get(failReason) ?? 0;
      const b = baselineReasons.get(failReason) ?? 0;
      return {
        failReason,
        window: w,
        baseline: b,
        windowShare: w / windowTotal,
        baselineShare: baselineTotal ? b / baselineTotal : 0,
      };
    })
    .filter((r) => r.window > 0 && r.windowShare > r.baselineShare)
    .sort(
      (a, b) =>
        b.windowShare - b.baselineShare - (a.windowShare - a.baselineShare) ||
        (a.failReason ?? '').localeCompare(b.failReason ?? ''),
    )
    .slice(0, 3);
}

/**
 * Providers an operator could retry with instead: others with recent traffic and no row on watch or alert,
 * the lowest bad share first.
 */
export function healthyAlternatives(
  rows: ReadonlyArray<{
    provider: string;
    state: HealthState;
    window: WindowCounts;
    baseline: BaselineCounts;
  }>,
  provider: string,
): string[] {
  const byProvider = new Map<string, { bad: number; total: number; unhealthy: boolean }>();
  for (const r of rows) {
    const e = byProvider.get(r.provider) ?? { bad: 0, total: 0, unhealthy: false };
    e.bad += r.window.inconclusive + r.window.failed;
    e.total += r.window.total + r.baseline.total;
    e.unhealthy ||= r.state !== 'ok';
    byProvider.set(r.provider, e);
  }
  return [...byProvider]
    .filter(([p, e]) => p !== provider && !e.unhealthy && e.total > 0)
    .sort(
      ([a, x], [b, y]) => x.bad / Math.max(1, x.total) - y.bad / Math.max(1, y.total) || a.localeCompare(b),
    )
    .map(([p]) => p);
}

// --- GET /api/provider-health ---------------------------------------------------------------------------------------

const count = z.number().check(z.int(), z.nonnegative());
const share = z.number().check(z.gte(0), z.lte(1));
const interval = z.nullable(z.tuple([share, share]));

export const providerHealthSchema = z.object({
  provider: z.string(),
  /** null for processes without a process type. */
  processType: z.nullable(z.string()),
  window: z.object({ total: count, inconclusive: count, failed: count, upstreamErrors: count }),
  baseline: z.object({ total: count, inconclusive: count, failed: count }),
  state: z.enum(HEALTH_STATES),
  /** Fail reasons whose share grew the most from the baseline to the window. */
  reasons: z.array(
    z.object({
      failReason: z.nullable(z.string()),
      window: count,
      baseline: count,
      windowShare: share,
      baselineShare: share,
    }),
  ),
  /** When the current alert episode began (it ends when the state is ok again); null otherwise. */
  alertSince: z.nullable(z.string()),
  test: z.object({
    pValue: z.nullable(z.number().check(z.gte(0), z.lte(1))),
    windowRate: z.nullable(share),
    baselineRate: z.nullable(share),
    expectedRate: share,
    windowInterval: interval,
    baselineInterval: interval,
    note: z.string(),
  }),
  /** Providers healthy right now, to retry with instead (only for rows on watch or alert). */
  alternatives: z.array(z.string()),
});
export type ProviderHealth = z.infer<typeof providerHealthSchema>;

export const providerHealthResponseSchema = z.object({
  /** When the sentinel last ran; null before its first run. */
  computedAt: z.nullable(z.string()),
  settings: z.object({ windowMinutes: count, baselineDays: count, minWindow: count, test: z.string() }),
  providers: z.array(providerHealthSchema),
});
export type ProviderHealthResponse = z.infer<typeof providerHealthResponseSchema>;
