import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomesResponseSchema, RATE_STATUSES, type OutcomesResponse } from '@domain/outcomes';
import { FINAL_STATUSES, STATUSES } from '@domain/status';
import { query } from '../db/client';
import { upsertProcess } from '../db/processes';
import { decisions, retries } from '../db/schema';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { startTestServer, type TestClient, type TestServer } from '../../../test-support/test-server';
import { csvCell } from '../lib/csv';
import { prng } from '../../../test-support/prng';

// Every figure of GET /api/outcomes is checked against an independent computation in TypeScript over the rows the
// test seeded: local days come from Intl (not from SQL), percentiles from a plain implementation of percentile_cont.

// --- The seeded dataset -----------------------------------------------------------------------------------------

interface Row {
  processId: string;
  dossierId: string;
  provider: string;
  processType: string | null;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  country: string | null;
  failReason?: string;
  firstName: string;
  lastName: string;
}
interface DecisionSeed {
  processId: string;
  dossierId: string;
  outcome: 'approve' | 'reject' | 'retry';
  reasonCode: string | null;
  actor: string;
  decidedAt: Date;
}
interface RetrySeed {
  id: number;
  dossierId: string;
  sourceProcessId: string;
  processId: string | null;
  state: string;
  createdAt: Date;
}

const PROVIDER_TYPES: Record<string, Array<string | null>> = {
  readid: ['ready'],
  onfido: ['document', 'documentSelfie'],
  eid: ['unattended'],
  webid: ['videoid', null],
};
const COUNTRIES = ['NOR', 'SWE', 'DEU', null] as const;
const FAIL_REASONS = ['timeout', 'cameraAccessDenied', 'chipReadFailed', undefined] as const;
const REVIEWERS = ['reviewer', 'alice', 'bob'];
const REASON_CODES = ['verified_manually', 'document_invalid', 'suspected_fraud', null];
const MIN = 60_000;

function buildDataset() {
  const rng = prng(20260329);
  const rows: Row[] = [];
  const decisionRows: DecisionSeed[] = [];
  const retryRows: RetrySeed[] = [];
  let n = 0;
  const add = (r: Omit<Row, 'processId' | 'firstName' | 'lastName'>) => {
    const row = {
      ...r,
      processId: `p-${String(n).padStart(4, '0')}`,
      firstName: `Kari${n}`,
      lastName: `Nordmann${n}`,
    };
    n++;
    rows.push(row);
    return row;
  };
  const status = () =>
    rng.pick([
      'accepted',
      'accepted',
      'accepted',
      'inconclusive',
      'inconclusive',
      'rejected',
      'failed',
      'canceled',
      'pending',
      'processing',
    ]);

  // Dossiers in two windows that contain the 2026 DST changes in Europe/Oslo (29 March and 25 October).
  const windows = [
    { start: Date.UTC(2026, 2, 24), days: 12, dossiers: 70 },
    { start: Date.UTC(2026, 9, 21), days: 9, dossiers: 45 },
  ];
  let d = 0;
  for (const w of windows) {
    for (let i = 0; i < w.dossiers; i++) {
      const dossierId = `d-${d++}`;
      let at = w.start + Math.floor(rng.next() * w.days * 86_400_000);
      const attempts = rng.int(1, 3);
      for (let a = 0; a < attempts; a++) {
        const provider = rng.pick(Object.keys(PROVIDER_TYPES));
        const s = status();
        const took = rng.int(5, 3 * 3600) * 1000 + rng.int(0, 999);
        const row = add({
          dossierId,
          provider,
          processType: rng.pick(PROVIDER_TYPES[provider]!),
          status: s,
          createdAt: new Date(at),
          updatedAt: new Date(at + (FINAL_STATUSES.has(s) ? took : rng.int(0, 60) * 1000)),
          country: rng.pick(COUNTRIES),
          failReason: s === 'failed' ? rng.pick(FAIL_REASONS) : undefined,
        });
        if (s === 'inconclusive' && rng.next() < 0.7) {
          decisionRows.push({
            processId: row.processId,
            dossierId,
            outcome: rng.pick(['approve', 'approve', 'reject', 'retry'] as const),
            reasonCode: rng.pick(REASON_CODES),
            actor: rng.pick(REVIEWERS),
            decidedAt: new Date(row.updatedAt.getTime() + rng.int(1, 48 * 60) * MIN + rng.int(0, 999)),
          });
        }
        at += rng.int(10, 600) * MIN + rng.int(0, 59_999);
      }
    }
  }

  // Local-midnight edges around both DST changes (Europe/Oslo: +01:00 → +02:00 on 29 March, back on 25 October).
  const edges = [
    '2026-03-28T22:59:59.000Z', // 23:59:59 on the 28th
    '2026-03-28T23:00:00.000Z', // 00:00 on the 29th
    '2026-03-28T23:30:00.000Z', // 00:30 on the 29th
    '2026-03-29T21:59:59.000Z', // 23:59:59 on the 29th (now +02:00)
    '2026-03-29T22:00:00.000Z', // 00:00 on the 30th
    '2026-10-24T21:59:59.000Z', // 23:59:59 on the 24th (+02:00)
    '2026-10-24T22:00:00.000Z', // 00:00 on the 25th
    '2026-10-25T22:59:59.000Z', // 23:59:59 on the 25th (back to +01:00: a 25-hour day)
    '2026-10-25T23:00:00.000Z', // 00:00 on the 26th
  ];
  for (const [i, iso] of edges.entries()) {
    const at = Date.parse(iso);
    add({
      dossierId: `edge-${i}`,
      provider: 'readid',
      processType: 'ready',
      status: i % 2 ? 'accepted' : 'rejected',
      createdAt: new Date(at),
      updatedAt: new Date(at + 90_000),
      country: 'NOR',
    });
  }
  // A status Assure Desk does not know: counted as it is, never final.
  add({
    dossierId: 'odd',
    provider: 'onfido',
    processType: 'document',
    status: 'expired',
    createdAt: new Date(Date.UTC(2026, 2, 26, 12)),
    updatedAt: new Date(Date.UTC(2026, 2, 26, 13)),
    country: 'SWE',
  });

  // Retries started in Assure Desk: some point at the dossier's next process, one at a process not indexed yet.
  let retryId = 1;
  for (const row of rows.filter((r) => r.status === 'inconclusive')) {
    const next = rows
      .filter((r) => r.dossierId === row.dossierId && r.createdAt > row.createdAt)
      .sort((a, b) => +a.createdAt - +b.createdAt)[0];
    if (next && rng.next() < 0.5) {
      retryRows.push({
        id: retryId++,
        dossierId: row.dossierId,
        sourceProcessId: row.processId,
        processId: next.processId,
        state: 'created',
        createdAt: new Date(next.createdAt.getTime() - 1000),
      });
    } else if (!next && retryRows.every((r) => r.processId !== null)) {
      retryRows.push({
        id: retryId++,
        dossierId: row.dossierId,
        sourceProcessId: row.processId,
        processId: null,
        state: 'pending',
        createdAt: new Date(row.updatedAt.getTime() + MIN),
      });
    }
  }
  return { rows, decisionRows, retryRows };
}

// --- The independent computation --------------------------------------------------------------------------------

interface Q {
  from?: string;
  to?: string;
  tz?: string;
  bucket?: 'day' | 'week';
  provider?: string[];
  processType?: string;
  country?: string;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** The local calendar day of an instant in `tz`, from Intl's zone data (not from SQL). */
function localDay(at: Date, tz: string): string {
  let f = dayFormats.get(tz);
  if (!f)
    dayFormats.set(
      tz,
      (f = new Intl.DateTimeFormat('en-CA', {
        timeZone: tz,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      })),
    );
  return f.format(at);
}
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const monday = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const pos = p * (v.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo]! + (pos - lo) * (v[hi]! - v[lo]!);
}

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}
const withZeros = (counts: Record<string, number>) => ({
  ...Object.fromEntries(STATUSES.map((s) => [s, 0])),
  ...counts,
});

function expected(data: ReturnType<typeof buildDataset>, q: Q) {
  const tz = q.tz ?? 'UTC';
  const set = data.rows.filter((r) => {
    const day = localDay(r.createdAt, tz);
    return (
      (!q.from || day >= q.from) &&
      (!q.to || day <= q.to) &&
      (!q.provider?.length || q.provider.includes(r.provider)) &&
      (!q.processType || r.processType === q.processType) &&
      (!q.country || r.country === q.country)
    );
  });
  const ids = new Set(set.map((r) => r.processId));
  const byId = new Map(data.rows.map((r) => [r.processId, r]));

  const rate = (rows: Row[]) => {
    const final = rows.filter((r) => FINAL_STATUSES.has(r.status)).length;
    return {
      total: rows.length,
      final,
      counts: withZeros(
        countBy(
          rows.filter((r) => (STATUSES as readonly string[]).includes(r.status)),
          (r) => r.status,
        ),
      ),
      rates: Object.fromEntries(
        RATE_STATUSES.map((s) => [s, final ? rows.filter((r) => r.status === s).length / final : null]),
      ),
    };
  };
  const groups = <K extends string | null>(key: (r: Row) => K) => {
    const m = new Map<K, Row[]>();
    for (const r of set) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return m;
  };

  // Series: every local day (or Monday-first week) of the range, empty ones included.
  const days = set.map((r) => localDay(r.createdAt, tz)).sort();
  const first = q.from ?? days[0];
  const last = q.to ?? days[days.length - 1];
  const series: Array<{
    bucket: string;
    from: string;
    to: string;
    total: number;
    counts: Record<string, number>;
  }> = [];
  if (first && last) {
    const week = q.bucket === 'week';
    for (
      let b = week ? monday(first) : first;
      b <= (week ? monday(last) : last);
      b = addDays(b, week ? 7 : 1)
    ) {
      const end = addDays(b, week ? 6 : 0);
      const inBucket = set.filter((r) => {
        const day = localDay(r.createdAt, tz);
        return day >= b && day <= end;
      });
      series.push({
        bucket: b,
        from: q.from && q.from > b ? q.from : b,
        to: q.to && q.to < end ? q.to : end,
        total: inBucket.length,
        counts: withZeros(countBy(inBucket, (r) => r.status)),
      });
    }
  }

  const durations = (pairs: Array<{ provider: string; ms: number }>) => {
    const stats = (ms: number[]) => ({
      count: ms.length,
      p50Ms: percentileCont(ms, 0.5),
      p90Ms: percentileCont(ms, 0.9),
    });
    const providers = [...new Set(pairs.map((p) => p.provider))];
    return {
      overall: stats(pairs.map((p) => p.ms)),
      byProvider: Object.fromEntries(
        providers.map((pr) => [pr, stats(pairs.filter((p) => p.provider === pr).map((p) => p.ms))]),
      ),
    };
  };
  const setDecisions = data.decisionRows.filter((d) => ids.has(d.processId));

  // Retry funnel.
  const outcomes: Record<string, number> = {};
  let retried = 0;
  const inconclusive = set.filter((r) => r.status === 'inconclusive');
  for (const p of inconclusive) {
    const retry = data.retryRows
      .filter(
        (r) =>
          r.sourceProcessId === p.processId &&
          r.dossierId === p.dossierId &&
          ['pending', 'created'].includes(r.state),
      )
      .sort((a, b) => +a.createdAt - +b.createdAt || a.id - b.id)[0];
    let status: string | undefined;
    if (retry) status = (retry.processId && byId.get(retry.processId)?.status) || 'pending';
    else
      status = data.rows
        .filter((r) => r.dossierId === p.dossierId && r.createdAt > p.createdAt)
        .sort((a, b) => +a.createdAt - +b.createdAt)[0]?.status;
    if (status) {
      retried++;
      outcomes[status] = (outcomes[status] ?? 0) + 1;
    }
  }

  const reviewers = Object.entries(countBy(setDecisions, (d) => d.actor)).map(([reviewer, total]) => ({
    reviewer,
    total,
    approve: setDecisions.filter((d) => d.actor === reviewer && d.outcome === 'approve').length,
    reject: setDecisions.filter((d) => d.actor === reviewer && d.outcome === 'reject').length,
    retry: setDecisions.filter((d) => d.actor === reviewer && d.outcome === 'retry').length,
  }));

  return {
    total: set.length,
    totals: withZeros(countBy(set, (r) => r.status)),
    byProvider: Object.fromEntries(
      [...groups((r) => r.provider)].map(([p, rows]) => [p, withZeros(countBy(rows, (r) => r.status))]),
    ),
    rates: {
      overall: rate(set),
      byProvider: Object.fromEntries([...groups((r) => r.provider)].map(([p, rows]) => [p, rate(rows)])),
      byCountry: Object.fromEntries(
        [...groups((r) => r.country)].map(([c, rows]) => [String(c), rate(rows)]),
      ),
    },
    series,
    timeToFinal: durations(
      set
        .filter((r) => FINAL_STATUSES.has(r.status))
        .map((r) => ({ provider: r.provider, ms: +r.updatedAt - +r.createdAt })),
    ),
    timeToDecision: durations(
      setDecisions.map((d) => {
        const p = byId.get(d.processId)!;
        return { provider: p.provider, ms: +d.decidedAt - +p.updatedAt };
      }),
    ),
    retryFunnel: {
      inconclusive: inconclusive.length,
      retried,
      outcomes: withZeros(outcomes),
      successRate: retried ? (outcomes.accepted ?? 0) / retried : null,
    },
    reviewers,
    reasonCodes: countBy(
      setDecisions.filter((d) => d.reasonCode),
      (d) => d.reasonCode!,
    ),
    failReasons: countBy(
      set.filter((r) => r.status === 'failed'),
      (r) => r.failReason ?? '(none)',
    ),
  };
}

// --- Helpers ----------------------------------------------------------------------------------------------------

/** RFC 4180, with csv-parse. */
const parseCsv = (text: string): string[][] => parse(text, { bom: true }) as string[][];

const closeTo = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(b));

/**
 * Percentiles: exact (percentile_cont) from the full scan; from the rollups' histograms (8 buckets per doubling, the
 * README's stated precision) within one bucket, 2^(1/8) − 1 ≈ 9.05 % of the exact value.
 */
const ROLLUP_ZONES = ['UTC', 'Europe/Oslo'];
const percentileClose = (tz: string) => (a: number | null, b: number | null) =>
  !ROLLUP_ZONES.includes(tz) || a === null || b === null
    ? closeTo(a, b)
    : Math.abs(a - b) <= (2 ** (1 / 8) - 1) * Math.abs(b);

function toQuery(q: Q): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q))
    if (v !== undefined) p.set(k, Array.isArray(v) ? v.join(',') : String(v));
  return p.toString();
}

describe('CSV cells', () => {
  it('quotes fields (RFC 4180) and neutralises spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('O"Brien, Jr')).toBe('"O""Brien, Jr"');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    for (const f of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) expect(csvCell(f)).toBe(`'${f}`);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
  });
});

// --- The tests --------------------------------------------------------------------------------------------------

describe.each(DB_KINDS)('outcomes on %s', (kind) => {
  let server: TestServer;
  let manager: TestClient;
  let skip = false;
  const data = buildDataset();

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    server = await startTestServer({ db: kind });
    const db = server.deps.database.db;
    for (const r of data.rows) {
      await upsertProcess(db, r.dossierId, {
        processId: r.processId,
        provider: r.provider,
        status: r.status,
        ...(r.processType ? { processType: r.processType } : {}),
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
        ...(r.failReason ? { failReason: r.failReason } : {}),
        finalResult: {
          firstName: r.firstName,
          lastName: r.lastName,
          ...(r.country ? { issuingCountry: r.country } : {}),
        },
      });
    }
    if (data.decisionRows.length) await db.insert(decisions).values(data.decisionRows);
    for (const r of data.retryRows) {
      await db
        .insert(retries)
        .values({ ...r, idempotencyKey: `k-${r.id}`, actor: 'operator', provider: 'readid' });
    }
    manager = await server.login('manager');
  });
  afterAll(async () => server?.close());

  async function outcomes(q: Q): Promise<OutcomesResponse> {
    const res = await manager.json<unknown>('GET', `/api/outcomes?${toQuery(q)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return outcomesResponseSchema.parse(res.body);
  }

  function compare(got: OutcomesResponse, want: ReturnType<typeof expected>) {
    expect(got.total).toBe(want.total);
    expect(got.totals).toEqual(want.totals);
    expect(got.byProvider).toEqual(want.byProvider);

    const rateEqual = (
      g: OutcomesResponse['rates']['overall'],
      w: ReturnType<typeof expected>['rates']['overall'],
      label: string,
    ) => {
      expect({ total: g.total, final: g.final, counts: g.counts }, label).toEqual({
        total: w.total,
        final: w.final,
        counts: w.counts,
      });
      for (const s of RATE_STATUSES)
        expect(closeTo(g.rates[s], w.rates[s]!), `${label} ${s}: ${g.rates[s]} vs ${w.rates[s]}`).toBe(true);
    };
    rateEqual(got.rates.overall, want.rates.overall, 'overall');
    expect(got.rates.byProvider.map((r) => r.provider).sort()).toEqual(
      Object.keys(want.rates.byProvider).sort(),
    );
    for (const r of got.rates.byProvider) rateEqual(r, want.rates.byProvider[r.provider]!, r.provider);
    expect(got.rates.byCountry.map((r) => String(r.country)).sort()).toEqual(
      Object.keys(want.rates.byCountry).sort(),
    );
    for (const r of got.rates.byCountry)
      rateEqual(r, want.rates.byCountry[String(r.country)]!, String(r.country));

    expect(got.series).toEqual(want.series);

    const pctClose = percentileClose(got.period.tz);
    for (const [g, w] of [
      [got.timeToFinal, want.timeToFinal],
      [got.timeToDecision, want.timeToDecision],
    ] as const) {
      expect(g.overall.count).toBe(w.overall.count);
      expect(pctClose(g.overall.p50Ms, w.overall.p50Ms), `p50 ${g.overall.p50Ms} vs ${w.overall.p50Ms}`).toBe(
        true,
      );
      expect(pctClose(g.overall.p90Ms, w.overall.p90Ms), `p90 ${g.overall.p90Ms} vs ${w.overall.p90Ms}`).toBe(
        true,
      );
      expect(g.byProvider.map((p) => p.provider).sort()).toEqual(Object.keys(w.byProvider).sort());
      for (const p of g.byProvider) {
        const e = w.byProvider[p.provider]!;
        expect(p.count).toBe(e.count);
        expect(
          pctClose(p.p50Ms, e.p50Ms) && pctClose(p.p90Ms, e.p90Ms),
          `${p.provider}: ${p.p50Ms}/${p.p90Ms} vs ${e.p50Ms}/${e.p90Ms}`,
        ).toBe(true);
      }
    }

    expect({ ...got.retryFunnel, successRate: null }).toEqual({ ...want.retryFunnel, successRate: null });
    expect(closeTo(got.retryFunnel.successRate, want.retryFunnel.successRate)).toBe(true);

    expect([...got.reviewers].sort((a, b) => a.reviewer.localeCompare(b.reviewer))).toEqual(
      [...want.reviewers].sort((a, b) => a.reviewer.localeCompare(b.reviewer)),
    );
    expect(Object.fromEntries(got.reasons.reasonCodes.map((r) => [r.code, r.count]))).toEqual(
      want.reasonCodes,
    );
    expect(
      Object.fromEntries(got.reasons.failReasons.map((r) => [r.failReason ?? '(none)', r.count])),
    ).toEqual(want.failReasons);
  }

  it('answers every figure of all time as an independent computation does', async (ctx) => {
    if (skip) return ctx.skip();
    const got = await outcomes({});
    expect(got.period).toEqual({ from: null, to: null, tz: 'UTC', bucket: 'day', basis: 'created' });
    // The dataset is big enough for every part to say something.
    expect(got.total).toBe(data.rows.length);
    expect(got.totals.expired).toBe(1);
    expect(got.retryFunnel.retried).toBeGreaterThan(3);
    expect(got.retryFunnel.outcomes.pending).toBeGreaterThan(0);
    expect(got.timeToDecision.overall.count).toBeGreaterThan(5);
    expect(got.reviewers.length).toBe(3);
    compare(got, expected(data, {}));
  });

  it('buckets by local day across the spring DST change (Europe/Oslo, 2026-03-29)', async (ctx) => {
    if (skip) return ctx.skip();
    const q: Q = { from: '2026-03-27', to: '2026-03-31', tz: 'Europe/Oslo' };
    const got = await outcomes(q);
    compare(got, expected(data, q));
    // 2026-03-28T23:30:00Z is already the 29th in Oslo; 22:59:59Z is still the 28th.
    const utc = await outcomes({ from: '2026-03-27', to: '2026-03-31', tz: 'UTC' });
    const day = (r: OutcomesResponse, d: string) => r.series.find((b) => b.bucket === d)!.total;
    const edgesOn29Oslo = 3; // 23:00Z, 23:30Z on the 28th and 21:59:59Z on the 29th
    const edgesOn29Utc = 2; // 21:59:59Z and 22:00Z on the 29th
    const others29 = (tz: string) =>
      data.rows.filter((r) => !r.dossierId.startsWith('edge') && localDay(r.createdAt, tz) === '2026-03-29')
        .length;
    expect(day(got, '2026-03-29')).toBe(others29('Europe/Oslo') + edgesOn29Oslo);
    expect(day(utc, '2026-03-29')).toBe(others29('UTC') + edgesOn29Utc);
    expect(got.series.map((b) => b.bucket)).toEqual([
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
    ]);
  });

  it('buckets by local day and week across the autumn DST change (a 25-hour day)', async (ctx) => {
    if (skip) return ctx.skip();
    for (const q of [
      { from: '2026-10-22', to: '2026-10-28', tz: 'Europe/Oslo' },
      { from: '2026-10-20', to: '2026-10-31', tz: 'Europe/Oslo', bucket: 'week' },
      { tz: 'America/New_York', bucket: 'week' },
    ] satisfies Q[]) {
      compare(await outcomes(q), expected(data, q));
    }
    const week = await outcomes({ from: '2026-10-20', to: '2026-10-31', tz: 'Europe/Oslo', bucket: 'week' });
    // Weeks start on Monday; the first and last are clamped to the period for drill-down.
    expect(week.series.map((b) => [b.bucket, b.from, b.to])).toEqual([
      ['2026-10-19', '2026-10-20', '2026-10-25'],
      ['2026-10-26', '2026-10-26', '2026-10-31'],
    ]);
  });

  it('applies provider, process type and country filters to every figure', async (ctx) => {
    if (skip) return ctx.skip();
    for (const q of [
      { provider: ['onfido'] },
      { provider: ['readid', 'eid'], tz: 'Europe/Oslo', from: '2026-03-24', to: '2026-04-05' },
      { processType: 'document' },
      { country: 'NOR', bucket: 'week' },
    ] satisfies Q[]) {
      compare(await outcomes(q), expected(data, q));
    }
  });

  it('answers periods holding most of a month (read as the month less the days left out) as an independent computation does', async (ctx) => {
    if (skip) return ctx.skip();
    for (const q of [
      { from: '2026-03-03', to: '2026-04-28' },
      { from: '2026-03-02', to: '2026-03-30', tz: 'Europe/Oslo' },
      { from: '2026-10-02', to: '2026-10-31', tz: 'Europe/Oslo', bucket: 'week' },
      { from: '2026-03-05', to: '2026-05-29', provider: ['onfido'] },
    ] satisfies Q[]) {
      compare(await outcomes(q), expected(data, q));
    }
  });

  it('answers an empty period with zeros, empty buckets and no percentiles', async (ctx) => {
    if (skip) return ctx.skip();
    const q: Q = { from: '2025-01-01', to: '2025-01-03', tz: 'Europe/Oslo' };
    const got = await outcomes(q);
    compare(got, expected(data, q));
    expect(got.total).toBe(0);
    expect(Object.values(got.totals).every((n) => n === 0)).toBe(true);
    expect(got.byProvider).toEqual({});
    expect(got.series.map((b) => b.total)).toEqual([0, 0, 0]);
    expect(got.rates.overall.rates.accepted).toBeNull();
    expect(got.timeToFinal.overall).toEqual({ count: 0, p50Ms: null, p90Ms: null });
    expect(got.retryFunnel).toMatchObject({ inconclusive: 0, retried: 0, successRate: null });
  });

  it('carries no personal data', async (ctx) => {
    if (skip) return ctx.skip();
    const text = JSON.stringify(await outcomes({}));
    expect(text).not.toMatch(/Kari|Nordmann/);
  });

  it('refuses invalid parameters with 400 and a message naming the parameter', async (ctx) => {
    if (skip) return ctx.skip();
    for (const [params, field] of [
      ['tz=Mars/Olympus', 'tz'],
      ['tz=%2B01:00', 'tz'],
      ['from=2026-02-30', 'from'],
      ['from=yesterday', 'from'],
      ['from=2026-03-10&to=2026-03-01', 'from'],
      ['bucket=month', 'bucket'],
      ['provider=bad%20name', 'provider'],
    ]) {
      const res = await manager.json<{ error: { code: string; message: string } }>(
        'GET',
        `/api/outcomes?${params}`,
      );
      expect(res.status, params).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toMatch(new RegExp(`^${field}`));
    }
    const exp = await manager.json<{ error: { message: string } }>(
      'GET',
      '/api/outcomes/export?table=secrets',
    );
    expect(exp.status).toBe(400);
    expect(exp.body.error.message).toMatch(/^table/);
  });

  it('refuses roles without outcomes:read (403), the export included', async (ctx) => {
    if (skip) return ctx.skip();
    for (const role of ['reviewer', 'operator']) {
      const c = await server.login(role);
      expect((await c.get('/api/outcomes')).status).toBe(403);
      expect((await c.get('/api/outcomes/export?table=byProvider')).status).toBe(403);
    }
    expect((await server.client().get('/api/outcomes')).status).toBe(401);
    const admin = await server.login('admin');
    expect((await admin.get('/api/outcomes')).status).toBe(200);
  });

  it('exports the outcome tables as CSV that match the dashboard, and records the export', async (ctx) => {
    if (skip) return ctx.skip();
    const q: Q = { from: '2026-03-24', to: '2026-04-05', tz: 'Europe/Oslo' };
    const dash = await outcomes(q);
    const res = await manager.get(`/api/outcomes/export?table=byProvider&${toQuery(q)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="outcomes-byProvider-2026-03-24_2026-04-05\.csv"/,
    );
    const [header, ...rows] = parseCsv(await res.text());
    expect(header!.slice(0, 3)).toEqual(['provider', 'total', 'final']);
    expect(rows).toHaveLength(dash.rates.byProvider.length);
    for (const row of rows) {
      const r = dash.rates.byProvider.find((p) => p.provider === row[0])!;
      expect(Number(row[1])).toBe(r.total);
      expect(Number(row[header!.indexOf('accepted')])).toBe(r.counts.accepted);
    }

    const series = parseCsv(
      await (await manager.get(`/api/outcomes/export?table=series&${toQuery(q)}`)).text(),
    );
    expect(series.slice(1).map((r) => [r[0], Number(r[3])])).toEqual(
      dash.series.map((b) => [b.bucket, b.total]),
    );
    for (const table of ['byCountry', 'reviewers', 'reasons']) {
      const text = await (await manager.get(`/api/outcomes/export?table=${table}&${toQuery(q)}`)).text();
      expect(parseCsv(text).length, table).toBeGreaterThan(1);
    }

    const [entry] = await query<{
      actor: string;
      details: { table: string; rowCount: number; filters: { tz: string } };
    }>(
      server.deps.database.db,
      sql`SELECT actor, details FROM audit_events WHERE action = 'export.csv' AND details->>'table' = 'byProvider' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry).toMatchObject({
      actor: 'manager',
      details: { table: 'byProvider', rowCount: rows.length, filters: { tz: 'Europe/Oslo' } },
    });
  });

  it('exports the processes list as CSV: same rows as the list, names masked for a manager, audited', async (ctx) => {
    if (skip) return ctx.skip();
    const filters = 'status=inconclusive,accepted&provider=readid,onfido&from=2026-03-24&to=2026-04-02';
    const listed: Array<Record<string, string | null>> = [];
    let cursor: string | null = null;
    do {
      const page: {
        status: number;
        body: { items: Array<Record<string, string | null>>; nextCursor: string | null };
      } = await manager.json('GET', `/api/processes?${filters}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      listed.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(listed.length).toBeGreaterThan(10);

    const res = await manager.get(`/api/processes/export?${filters}`);
    // 404 here means /api/processes/:processId answered first: outcomesRoutes must be registered before processRoutes.
    expect(res.status, 'GET /api/processes/export must not be taken by /api/processes/:processId').toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(await res.text());
    expect(header).toEqual([
      'processId',
      'dossierId',
      'provider',
      'processType',
      'status',
      'createdAt',
      'updatedAt',
      'firstName',
      'lastName',
      'documentCountry',
      'documentCountryName',
    ]);
    expect(rows).toHaveLength(listed.length);
    expect(rows.map((r) => r[0])).toEqual(listed.map((i) => i.processId));
    for (const [i, row] of rows.entries()) {
      expect(row[7]).toBe(listed[i]!.firstName ?? '');
      expect(row[8]).toBe(listed[i]!.lastName ?? '');
      expect(row[7]).not.toMatch(/^Kari\d/);
    }

    const [entry] = await query<{
      details: { export: string; rowCount: number; filters: { status: string[] } };
    }>(
      server.deps.database.db,
      sql`SELECT details FROM audit_events WHERE action = 'export.csv' AND details->>'export' = 'processes' ORDER BY id DESC LIMIT 1`,
    );
    expect(entry!.details).toMatchObject({
      export: 'processes',
      rowCount: listed.length,
      filters: { status: ['inconclusive', 'accepted'] },
    });

    // Without filters: every process, over several internal pages.
    const all = parseCsv(await (await manager.get('/api/processes/export')).text());
    expect(all.length - 1).toBe(data.rows.length);
  });

  it('neutralises formulas and quotes names in the processes export (unmasked for an admin)', async (ctx) => {
    if (skip) return ctx.skip();
    await upsertProcess(server.deps.database.db, 'dossier-formula', {
      processId: 'p-formula',
      provider: 'onfido',
      status: 'accepted',
      createdAt: '2027-01-05T10:00:00Z',
      updatedAt: '2027-01-05T10:05:00Z',
      finalResult: { firstName: '=HYPERLINK("http://evil","x")', lastName: 'O"Brien, Jr' },
    });
    const admin = await server.login('admin');
    const rows = parseCsv(
      await (await admin.get('/api/processes/export?from=2027-01-05&to=2027-01-05')).text(),
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]![7]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(rows[1]![8]).toBe('O"Brien, Jr');
  });
});
