import { measureAmplification } from '../test-support/amplification';
import { postgresReachable } from '../test-support/databases';
import { formatLoadReport, runLoad } from '../test-support/load';
import { benchFullResult } from './full-result';
import { benchInitialJs } from './initial-js';
import type { BenchResult } from './lib';
import { benchLighthouse } from './lighthouse';
import { benchLinks } from './links';
import { benchList } from './list';
import { benchOutcomes } from './outcomes';

// `npm run bench`: every speed and load figure, each measured side by side with its baseline in one run.
// BENCH_ONLY=list,outcomes,… runs a subset; LOAD_SECONDS shortens the load run (default 300).

async function amplification(): Promise<BenchResult> {
  const r = await measureAmplification({ clients: 50, processes: 10, seconds: 10, windowMs: 2000 });
  return {
    name: 'Upstream amplification (50 clients polling 10 non-final processes for 10 s, 2 s window)',
    lines: [
      `reads served ${r.reads}; upstream Get process ${r.upstream} (bound ${r.bound}); naive pass-through would cost ${r.reads} → ${(r.reads / Math.max(1, r.upstream)).toFixed(0)}× fewer upstream calls`,
    ],
  };
}

async function load(): Promise<BenchResult> {
  const seconds = Number(process.env.LOAD_SECONDS ?? 300);
  const kind = (await postgresReachable()) ? 'postgres' : 'pglite';
  const r = await runLoad({ db: kind, seconds, reviewers: 50 });
  return { name: `Load on ${kind} with the sandbox upstream`, lines: formatLoadReport(r, seconds, 50) };
}

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  amplification,
  list: benchList,
  links: benchLinks,
  outcomes: benchOutcomes,
  'full-result': benchFullResult,
  'initial-js': benchInitialJs,
  lighthouse: benchLighthouse,
  load,
};

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const started = Date.now();
let failed = false;
for (const [name, run] of Object.entries(BENCHES)) {
  if (only && !only.includes(name)) continue;
  try {
    const r = await run();
    console.log(`\n${r.name}\n${r.lines.map((l) => `  ${l}`).join('\n')}`);
  } catch (err) {
    failed = true;
    console.error(`\n${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}
console.log(`\nbenchmarks finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
