import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { query } from '../src/server/db/client';
import type { DbKind } from './databases';
import { startTestStack } from './stack';
import type { TestClient } from './test-server';

export interface LoadOptions {
  db: DbKind;
  seconds: number;
  reviewers: number;
  /** Pause between one simulated reviewer's requests (a person polling, not a flood). */
  thinkMs?: number;
  freshnessWindowMs?: number;
}

export interface LoadReport {
  requests: number;
  errors: number;
  errorSamples: string[];
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  maxRssMb: number;
  decisionsAcknowledged: number;
  decisionsStored: number;
  retriesAcknowledged: number;
  retriesStored: number;
  auditChainOk: boolean;
  upstreamGetProcess: number;
  openProcesses: number;
  upstreamPerOpenProcessPerWindow: number;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

/**
 * Simulated reviewers polling lists and details, plus a steady stream of decisions and retries, against the real
 * server and the sandbox upstream. Afterwards everything acknowledged is counted in the database.
 */
export async function runLoad(opts: LoadOptions): Promise<LoadReport> {
  const window = opts.freshnessWindowMs ?? 2000;
  const stack = await startTestStack({
    db: opts.db,
    sandbox: { dossiers: 60, live: true, arrivalEveryS: 2 },
    env: { FRESHNESS_WINDOW_MS: String(window), SYNC_INTERVAL_S: '5', POLL_NON_FINAL_S: '30' },
    startSync: true,
  });
  try {
    const { sandbox, server } = stack;
    // Cases to decide and dossiers to retry, one per action, so the retry limit never refuses them.
    const cases = Array.from({ length: Math.max(20, opts.seconds * 2) }, () => {
      const c = sandbox.control.createProcess({
        provider: 'readid',
        scenario: 'readid.cloneFailed',
        stayPending: true,
      });
      sandbox.control.advance(c.processId, 'final');
      return c;
    });
    await server.deps.sync.discover();
    const sync = server.deps.sync;
    for (const c of cases) await sync.refresh(c.dossierId, c.processId);

    const reviewers: TestClient[] = [];
    for (let i = 0; i < opts.reviewers; i++) reviewers.push(await server.login('reviewer'));
    const operator = await server.login('operator');

    const latencies: number[] = [];
    const errorSamples: string[] = [];
    let errors = 0;
    let decisionsAcknowledged = 0;
    let retriesAcknowledged = 0;
    let maxRss = process.memoryUsage().rss;
    const timed = async (
      client: TestClient,
      method: string,
      path: string,
      body?: unknown,
      headers?: Record<string, string>,
    ) => {
      const t = performance.now();
      const res = await client.request(method, path, body, { headers });
      const text = await res.text();
      latencies.push(performance.now() - t);
      if (res.status >= 400) {
        errors++;
        if (errorSamples.length < 5)
          errorSamples.push(`${method} ${path} → ${res.status} ${text.slice(0, 120)}`);
      }
      return { status: res.status, text };
    };

    sandbox.control.resetStats();
    const end = Date.now() + opts.seconds * 1000;
    let next = 0;
    const sampler = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 250);
    const think = () => new Promise((r) => setTimeout(r, opts.thinkMs ?? 250));
    const worker = async (client: TestClient, i: number) => {
      let ids: string[] = [];
      for (let n = 0; Date.now() < end; n++) {
        if (n % 3 === 0) {
          const filter = [
            '',
            '&status=inconclusive',
            '&status=pending,processing',
            '&provider=readid',
            '&q=an',
          ][n % 5];
          const r = await timed(client, 'GET', `/api/processes?limit=50${filter}`);
          if (r.status === 200)
            ids = (JSON.parse(r.text) as { items: Array<{ processId: string }> }).items.map(
              (x) => x.processId,
            );
        } else if (ids.length) {
          await timed(client, 'GET', `/api/processes/${ids[(n + i) % ids.length]}`);
        }
        // Every reviewer decides a case now and then.
        if (n % 20 === 19 && next < cases.length) {
          const c = cases[next++]!;
          const r = await timed(client, 'POST', `/api/processes/${c.processId}/decisions`, {
            outcome: 'reject',
            reasonCode: 'suspected_fraud',
            note: `load ${i}`,
          });
          if (r.status === 201) decisionsAcknowledged++;
        }
        await think();
      }
    };
    const retrier = async () => {
      let k = cases.length - 1;
      while (Date.now() < end && k >= next) {
        const c = cases[k--]!;
        const r = await timed(
          operator,
          'POST',
          `/api/dossiers/${c.dossierId}/retries`,
          {},
          { 'idempotency-key': `load-${randomUUID()}` },
        );
        if (r.status === 201) retriesAcknowledged++;
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    const started = performance.now();
    await Promise.all([...reviewers.map(worker), retrier()]);
    const elapsed = (performance.now() - started) / 1000;
    clearInterval(sampler);

    const db = server.deps.database.db;
    const [{ decisions }] = (await query<{ decisions: number }>(
      db,
      sql`SELECT count(*)::int AS decisions FROM decisions`,
    )) as [{ decisions: number }];
    const [{ retries }] = (await query<{ retries: number }>(
      db,
      sql`SELECT count(*)::int AS retries FROM retries WHERE state = 'created'`,
    )) as [{ retries: number }];
    const [{ open }] = (await query<{ open: number }>(
      db,
      sql`SELECT count(*)::int AS open FROM processes WHERE NOT is_final`,
    )) as [{ open: number }];
    const { verifyAuditChain } = await import('../src/server/audit/audit');
    const chain = await verifyAuditChain(db);
    const upstream = sandbox.control.stats().requests.getProcess;
    const sorted = [...latencies].sort((a, b) => a - b);
    const windows = Math.max(1, (opts.seconds * 1000) / window);
    return {
      requests: latencies.length,
      errors,
      errorSamples,
      throughput: latencies.length / elapsed,
      p50: pct(sorted, 50),
      p95: pct(sorted, 95),
      p99: pct(sorted, 99),
      maxRssMb: Math.round(maxRss / 1048576),
      decisionsAcknowledged,
      decisionsStored: decisions,
      retriesAcknowledged,
      retriesStored: retries,
      auditChainOk: chain.ok,
      upstreamGetProcess: upstream,
      openProcesses: open,
      upstreamPerOpenProcessPerWindow: open ? upstream / open / windows : 0,
    };
  } finally {
    await stack.close();
  }
}

export function formatLoadReport(r: LoadReport, seconds: number, reviewers: number): string[] {
  return [
    `${reviewers} reviewers for ${seconds} s: ${r.requests} requests, ${r.throughput.toFixed(1)} req/s, errors ${r.errors}`,
    `latency p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms; peak RSS ${r.maxRssMb} MB (server, sandbox and clients in one process)`,
    `decisions acknowledged ${r.decisionsAcknowledged} / stored ${r.decisionsStored}; retries acknowledged ${r.retriesAcknowledged} / stored ${r.retriesStored}; audit chain ${r.auditChainOk ? 'intact' : 'BROKEN'}`,
    `upstream Get process: ${r.upstreamGetProcess} for ${r.openProcesses} non-final processes → ${r.upstreamPerOpenProcessPerWindow.toFixed(2)} per process per freshness window`,
  ];
}
