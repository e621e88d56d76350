import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssureProcess } from '@domain/process';
import { FINAL_STATUSES } from '@domain/status';
import { createTestDatabase, DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { openDatabase, query, type Database } from './client';
import { addRollupZone, histogramPercentile, rebuildOutcomeRollups } from './outcome-rollups';
import { upsertProcess } from './processes';
import { erasePersonalDataBatch } from './retention';
import { decisions, processes, retries } from './schema';
import { prng } from '../../../test-support/prng';

// The rollups (migration 0017) are compared, row for row, with an independent computation in TypeScript over what the
// test wrote: local days from Intl, the retry rule and the histogram buckets written out here. After inserts, status
// changes (non-final → final), decisions, retries, a deletion and retention's erasure; then the rebuild must give the
// same table.

const ZONES = ['UTC', 'Europe/Oslo'];

interface P {
  processId: string;
  dossierId: string;
  provider: string;
  processType: string | null;
  status: string;
  createdAt: number;
  updatedAt: number;
  country: string | null;
  failReason?: string;
}
interface D {
  processId: string;
  dossierId: string;
  outcome: string;
  reasonCode: string | null;
  actor: string;
  decidedAt: number;
}
interface R {
  id: number;
  dossierId: string;
  sourceProcessId: string;
  processId: string | null;
  state: string;
  createdAt: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function localDay(at: number, tz: string): string {
  let f = formats.get(tz);
  if (!f)
    formats.set(
      tz,
      (f = new Intl.DateTimeFormat('en-CA', {
        timeZone: tz,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      })),
    );
  return f.format(new Date(at));
}
/** 8 buckets per doubling of milliseconds; -1 under 1 ms (the README's histogram). */
const bucket = (ms: number) => (ms < 1 ? -1 : Math.floor(8 * Math.log2(ms)));

/** What the rollups must hold: key → n, zero counts left out. */
function expected(ps: P[], ds: D[], rs: R[], zones = ZONES): Map<string, number> {
  const out = new Map<string, number>();
  const add = (
    at: number,
    measure: string,
    p: P,
    key: string | null,
    final: boolean | null,
    who: [string, string, string | null] | null,
  ) => {
    for (const zone of zones) {
      const day = localDay(at, zone);
      for (const [grain, d] of [
        ['day', day],
        ['month', `${day.slice(0, 7)}-01`],
      ] as const) {
        const k = JSON.stringify([
          zone,
          grain,
          d,
          measure,
          p.provider,
          p.processType,
          p.country,
          key,
          final,
          ...(who ?? [null, null, null]),
        ]);
        out.set(k, (out.get(k) ?? 0) + 1);
      }
    }
  };
  const byId = new Map(ps.map((p) => [p.processId, p]));
  for (const p of ps) {
    const final = FINAL_STATUSES.has(p.status);
    add(p.createdAt, 'status', p, p.status, final, null);
    add(
      p.createdAt,
      'total',
      { ...p, provider: '', processType: null, country: null },
      p.status,
      final,
      null,
    );
    // The histograms and decisions also by provider only (migration 0019).
    const byProvider = { ...p, processType: null, country: null };
    if (final) {
      add(p.createdAt, 'ttf', p, String(bucket(p.updatedAt - p.createdAt)), null, null);
      add(p.createdAt, 'ttf_p', byProvider, String(bucket(p.updatedAt - p.createdAt)), null, null);
    }
    if (p.status === 'failed') add(p.createdAt, 'fail', p, p.failReason ?? null, null, null);
    if (p.status === 'inconclusive') {
      const started = rs
        .filter(
          (r) =>
            r.sourceProcessId === p.processId &&
            r.dossierId === p.dossierId &&
            (r.state === 'pending' || r.state === 'created'),
        )
        .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id)[0];
      const later = ps
        .filter((n) => n.dossierId === p.dossierId && n.createdAt > p.createdAt)
        .sort((a, b) => a.createdAt - b.createdAt || (a.processId < b.processId ? -1 : 1))[0];
      const retry = started
        ? (started.processId && byId.get(started.processId)?.status) || 'pending'
        : later?.status;
      if (retry) add(p.createdAt, 'retry', p, retry, null, null);
    }
  }
  for (const d of ds) {
    const p = byId.get(d.processId);
    if (!p) continue;
    for (const [basis, at] of [
      ['created', p.createdAt],
      ['decided', d.decidedAt],
    ] as const) {
      const byProvider = { ...p, processType: null, country: null };
      add(at, `decision:${basis}`, p, null, null, [d.actor, d.outcome, d.reasonCode]);
      add(at, `decision_p:${basis}`, byProvider, null, null, [d.actor, d.outcome, d.reasonCode]);
      if (p.status === 'inconclusive') {
        add(at, `ttd:${basis}`, p, String(bucket(d.decidedAt - p.updatedAt)), null, null);
        add(at, `ttd_p:${basis}`, byProvider, String(bucket(d.decidedAt - p.updatedAt)), null, null);
      }
    }
  }
  return out;
}

async function stored(db: Database['db']): Promise<Map<string, number>> {
  const rows = await query<Record<string, string | number | boolean | null>>(
    db,
    sql`SELECT zone, grain, to_char(day, 'YYYY-MM-DD') AS day, measure, provider, process_type, country, key, final, actor,
      outcome, reason_code, n FROM outcome_rollups WHERE n <> 0`,
  );
  return new Map(
    rows.map((r) => [
      JSON.stringify([
        r.zone,
        r.grain,
        r.day,
        r.measure,
        r.provider,
        r.process_type,
        r.country,
        r.key,
        r.final,
        r.actor,
        r.outcome,
        r.reason_code,
      ]),
      Number(r.n),
    ]),
  );
}

const asAssure = (p: P): AssureProcess => ({
  processId: p.processId,
  provider: p.provider,
  status: p.status,
  ...(p.processType ? { processType: p.processType } : {}),
  createdAt: new Date(p.createdAt).toISOString(),
  updatedAt: new Date(p.updatedAt).toISOString(),
  ...(p.failReason ? { failReason: p.failReason } : {}),
  finalResult: {
    firstName: 'Kari',
    lastName: 'Nordmann',
    ...(p.country ? { issuingCountry: p.country } : {}),
  },
});

function dataset() {
  const rng = prng(190017);
  const ps: P[] = [];
  const ds: D[] = [];
  const rs: R[] = [];
  // Around the spring DST change in Europe/Oslo and across a month end, so day and month rows differ by zone.
  const start = Date.UTC(2026, 2, 26, 20);
  for (let i = 0; i < 60; i++) {
    const dossierId = `d-${i}`;
    let at = start + rng.int(0, 7 * 24 * 60) * 60_000 + rng.int(0, 59_999);
    for (let a = rng.int(1, 3); a > 0; a--) {
      const status = rng.pick([
        'accepted',
        'inconclusive',
        'inconclusive',
        'rejected',
        'failed',
        'pending',
        'processing',
      ]);
      const final = FINAL_STATUSES.has(status);
      const p: P = {
        processId: `p-${ps.length}`,
        dossierId,
        provider: rng.pick(['readid', 'onfido', 'eid']),
        processType: rng.pick(['ready', 'document', null]),
        status,
        createdAt: at,
        updatedAt: at + (final ? rng.int(3, 20_000) * 1000 + rng.int(1, 999) : 0),
        country: rng.pick(['NOR', 'SWE', null]),
        ...(status === 'failed' ? { failReason: rng.pick(['timeout', 'chipReadFailed']) } : {}),
      };
      ps.push(p);
      if (status === 'inconclusive' && rng.next() < 0.6)
        ds.push({
          processId: p.processId,
          dossierId,
          outcome: rng.pick(['approve', 'reject', 'retry']),
          reasonCode: rng.pick(['verified_manually', null]),
          actor: rng.pick(['alice', 'bob']),
          decidedAt: p.updatedAt + rng.int(1, 3 * 24 * 60) * 60_000 + 7,
        });
      at += rng.int(5, 24 * 60) * 60_000 + rng.int(0, 59_999);
    }
  }
  return { ps, ds, rs };
}

describe.each(DB_KINDS)('outcome rollups on %s', (kind) => {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  let skip = false;
  const { ps, ds, rs } = dataset();

  beforeAll(async () => {
    if (kind === 'postgres') {
      if (!(await postgresReachable())) return void (skip = true);
      const t = await createTestDatabase();
      drop = t.drop;
      database = await openDatabase({ databaseUrl: t.url, dataDir: '' });
    } else {
      database = await openDatabase({ dataDir: 'memory://' });
    }
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it('equal an independent computation after every kind of write, and the rebuild gives the same rows', async (ctx) => {
    if (skip) return ctx.skip();
    const db = database.db;

    // Indexing, as syncs do, one process at a time; then decisions and retries as the desk writes them.
    for (const p of ps) await upsertProcess(db, p.dossierId, asAssure(p));
    await db.insert(decisions).values(ds.map((d) => ({ ...d, decidedAt: new Date(d.decidedAt) })));
    let nextRetry = 1;
    for (const p of ps.filter((x) => x.status === 'inconclusive').slice(0, 6)) {
      const target = ps.find((n) => n.dossierId === p.dossierId && n.createdAt > p.createdAt);
      rs.push({
        id: nextRetry++,
        dossierId: p.dossierId,
        sourceProcessId: p.processId,
        processId: target?.processId ?? null,
        state: target ? 'created' : 'pending',
        createdAt: p.updatedAt + 60_000,
      });
    }
    for (const r of rs)
      await db.insert(retries).values({
        ...r,
        createdAt: new Date(r.createdAt),
        idempotencyKey: `k-${r.id}`,
        actor: 'operator',
        provider: 'readid',
      });
    expect(await stored(db)).toEqual(expected(ps, ds, rs));

    // Non-final processes end (a later answer): one becomes inconclusive, which a retry or a later attempt may follow.
    const running = ps.filter((p) => !FINAL_STATUSES.has(p.status));
    expect(running.length).toBeGreaterThan(3);
    for (const [i, p] of running.entries()) {
      p.status = i % 2 ? 'accepted' : 'inconclusive';
      p.updatedAt = p.createdAt + (i + 2) * 61_013;
      await upsertProcess(db, p.dossierId, asAssure(p));
    }
    // A retry whose process is indexed later; a new attempt in a dossier with an inconclusive one.
    const pendingRetry = rs.find((r) => r.processId === null);
    if (pendingRetry) {
      const source = ps.find((p) => p.processId === pendingRetry.sourceProcessId)!;
      const created: P = {
        ...source,
        processId: `p-${ps.length}`,
        status: 'accepted',
        createdAt: source.updatedAt + 120_000,
        updatedAt: source.updatedAt + 300_000,
      };
      ps.push(created);
      pendingRetry.processId = created.processId;
      pendingRetry.state = 'created';
      await upsertProcess(db, created.dossierId, asAssure(created));
      await db
        .update(retries)
        .set({ processId: created.processId, state: 'created' })
        .where(eq(retries.id, pendingRetry.id));
    }
    // A decision withdrawn, a process deleted (with its decision), a status nobody knows.
    const withdrawn = ds.pop()!;
    await db.delete(decisions).where(eq(decisions.processId, withdrawn.processId));
    const gone = ps.find((p) => p.status === 'accepted' && !ds.some((d) => d.processId === p.processId))!;
    ps.splice(ps.indexOf(gone), 1);
    await db.delete(processes).where(eq(processes.processId, gone.processId));
    const odd = ps.find((p) => p.status === 'rejected')!;
    odd.status = 'expired';
    await db
      .update(processes)
      .set({ status: 'expired', isFinal: false })
      .where(eq(processes.processId, odd.processId));
    expect(await stored(db)).toEqual(expected(ps, ds, rs));

    // Retention's erasure of names changes no figure.
    const before = await stored(db);
    expect(await erasePersonalDataBatch(db, new Date('2030-01-01'), 1000)).toBeGreaterThan(0);
    expect(await stored(db)).toEqual(before);

    await rebuildOutcomeRollups(db);
    expect(await stored(db)).toEqual(expected(ps, ds, rs));

    // A zone added later (a half-hour offset) is built at once and kept from then on.
    expect(await addRollupZone(db, 'Asia/Kolkata')).toBe(true);
    expect(await addRollupZone(db, 'Asia/Kolkata')).toBe(false);
    const late: P = {
      ...ps[0]!,
      processId: 'p-late',
      dossierId: 'd-late',
      createdAt: Date.UTC(2026, 2, 31, 18, 29),
      updatedAt: Date.UTC(2026, 2, 31, 18, 45),
    };
    ps.push(late);
    await upsertProcess(db, late.dossierId, asAssure(late));
    expect(await stored(db)).toEqual(expected(ps, ds, rs, [...ZONES, 'Asia/Kolkata']));
  });
});

describe('histogram percentiles', () => {
  it('stay within one bucket (2^(1/8) − 1) of percentile_cont, also between far-apart samples', () => {
    const rng = prng(7);
    for (let t = 0; t < 200; t++) {
      const xs = Array.from({ length: rng.int(1, 40) }, () => Math.exp(rng.next() * 20) + 1).sort(
        (a, b) => a - b,
      );
      const counts = new Map<number, number>();
      for (const x of xs) counts.set(bucket(x), (counts.get(bucket(x)) ?? 0) + 1);
      const hist = [...counts].map(([b, n]) => ({ bucket: b, n }));
      for (const p of [0.5, 0.9]) {
        const rank = p * (xs.length - 1);
        const lo = xs[Math.floor(rank)]!;
        const exact = lo + (rank - Math.floor(rank)) * (xs[Math.ceil(rank)]! - lo);
        expect(Math.abs(histogramPercentile(hist, p)! - exact)).toBeLessThanOrEqual(
          (2 ** (1 / 8) - 1) * exact,
        );
      }
    }
    expect(histogramPercentile([], 0.5)).toBeNull();
  });
});
