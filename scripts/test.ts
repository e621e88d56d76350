import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

// `npm test`: type-check, lint, unit and server tests (PGlite and PostgreSQL), then Playwright e2e in Debian's
// Chromium. Ends with one line, `N passed, N failed`, totalled over all suites (`, N flaky` when an e2e journey
// passed only on its retry: reported, not counted as passed).

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const results: Array<{ suite: string; passed: number; failed: number; skipped: number; flaky?: number }> = [];

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n▶ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function ensureChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.getuid?.() === 0) {
    console.log(`${CHROMIUM} is missing; installing Debian's chromium with apt…`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
    if (existsSync(CHROMIUM)) return true;
  }
  console.error(
    `\nThe e2e tests need Chromium at ${CHROMIUM}. Install it with \`sudo apt-get install chromium\` ` +
      '(or set CHROMIUM_PATH), then run `npm test` again.',
  );
  return false;
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

mkdirSync('test-results', { recursive: true });

// 1. Type-check and lint (ESLint, then Prettier's check of the formatting): one check each.
for (const [suite, commands] of [
  ['typecheck', [['tsc', '--noEmit']]],
  [
    'lint',
    [
      ['eslint', '.', '--max-warnings', '0'],
      ['prettier', '--check', '.', '--log-level', 'warn'],
    ],
  ],
] as const) {
  const ok = commands.map((args) => run('npx', [...args]) === 0).every(Boolean);
  results.push({ suite, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
}

// 2. Unit (domain, web) and server integration (PGlite and PostgreSQL) with Vitest.
rmSync('test-results/vitest.json', { force: true });
const vitestCode = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
]);
const v = readJson<{
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}>('test-results/vitest.json');
results.push({
  suite: 'vitest',
  passed: v?.numPassedTests ?? 0,
  failed: v ? v.numFailedTests + (vitestCode !== 0 && v.numFailedTests === 0 ? 1 : 0) : 1,
  skipped: (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0),
});

// 3. End-to-end in Chromium.
if (ensureChromium()) {
  rmSync('test-results/e2e.json', { force: true });
  const code = run('npx', ['playwright', 'test']);
  const e = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(
    'test-results/e2e.json',
  );
  results.push({
    suite: 'e2e',
    // A test that failed and then passed on its retry is flaky: reported as such, not counted as passed.
    passed: e?.stats.expected ?? 0,
    failed: e ? e.stats.unexpected + (code !== 0 && e.stats.unexpected === 0 ? 1 : 0) : 1,
    skipped: e?.stats.skipped ?? 0,
    flaky: e?.stats.flaky ?? 0,
  });
} else {
  results.push({ suite: 'e2e', passed: 0, failed: 1, skipped: 0 });
}

console.log('\nSummary');
const tail = (skipped: number, flaky: number) =>
  `${skipped ? `, ${skipped} skipped` : ''}${flaky ? `, ${flaky} flaky` : ''}`;
for (const r of results)
  console.log(
    `  ${r.suite.padEnd(10)} ${r.passed} passed, ${r.failed} failed${tail(r.skipped, r.flaky ?? 0)}`,
  );
const sum = (pick: (r: (typeof results)[number]) => number) => results.reduce((n, r) => n + pick(r), 0);
console.log(
  `${sum((r) => r.passed)} passed, ${sum((r) => r.failed)} failed${tail(
    sum((r) => r.skipped),
    sum((r) => r.flaky ?? 0),
  )}`,
);
process.exit(sum((r) => r.failed) > 0 ? 1 : 0);
