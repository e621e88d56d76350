// Small helpers shared by the benchmarks: timing, percentiles, formatting.

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    median: percentile(s, 50),
  };
}

/** Median wall time of `fn` over `runs` runs after `warmup` unmeasured ones, in ms. */
export async function medianMs(fn: () => Promise<unknown>, runs = 15, warmup = 3): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return summarize(times).median;
}

/** Medians of `fns`, each run once per round in turn (so that load from elsewhere falls on all alike). */
export async function mediansSideBySide(
  fns: Array<() => Promise<unknown>>,
  runs: number,
  warmup = 10,
): Promise<number[]> {
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < warmup + runs; i++) {
    for (const [j, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      if (i >= warmup) times[j]!.push(performance.now() - t);
    }
  }
  return times.map((t) => summarize(t).median);
}

export const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

export interface BenchResult {
  name: string;
  lines: string[];
}

/** Debian's Chromium as this machine runs it (no sandbox as root, no network of its own). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
