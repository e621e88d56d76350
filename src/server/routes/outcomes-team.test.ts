import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomesResponseSchema, type OutcomesResponse } from '@domain/outcomes';
import { query } from '../db/client';
import { upsertProcess } from '../db/processes';
import { decisions } from '../db/schema';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { startTestServer, type TestClient, type TestServer } from '../../../test-support/test-server';

// Team figures by decision date, and countries in one spelling. The expected figures come from an independent
// computation in TypeScript over the seeded rows, with local days from Intl (not from SQL).

const DAY = 86_400_000;
const REVIEWERS = ['reviewer', 'alice', 'bob'];
const OUTCOMES = ['approve', 'reject', 'retry'] as const;

interface P {
  processId: string;
  provider: string;
  createdAt: Date;
  updatedAt: Date;
  country?: string;
}
interface D {
  processId: string;
  outcome: (typeof OUTCOMES)[number];
  actor: string;
  decidedAt: Date;
}

/** Cases created in February; decided weeks later, around Oslo's spring DST change (2026-03-29). */
function dataset() {
  const processes: P[] = [];
  const decided: D[] = [];
  let seed = 19;
  const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let i = 0; i < 60; i++) {
    const createdAt = new Date(Date.UTC(2026, 1, 1) + Math.floor(rnd() * 20 * DAY));
    const p: P = {
      processId: `old-${i}`,
      provider: ['readid', 'onfido', 'eid'][i % 3]!,
      createdAt,
      updatedAt: new Date(createdAt.getTime() + 3600_000),
    };
    processes.push(p);
    decided.push({
      processId: p.processId,
      outcome: OUTCOMES[i % 3]!,
      actor: REVIEWERS[i % 3]!,
      decidedAt: new Date(Date.UTC(2026, 2, 26) + Math.floor(rnd() * 6 * DAY)),
    });
  }
  // Decisions on each side of local midnight, before and after the change (+01:00 → +02:00).
  const edges = [
    '2026-03-28T22:59:59Z',
    '2026-03-28T23:00:00Z',
    '2026-03-29T21:59:59Z',
    '2026-03-29T22:00:00Z',
  ];
  for (const [i, iso] of edges.entries()) {
    const createdAt = new Date('2026-01-10T12:00:00Z');
    processes.push({ processId: `edge-${i}`, provider: 'readid', createdAt, updatedAt: createdAt });
    decided.push({ processId: `edge-${i}`, outcome: 'approve', actor: 'alice', decidedAt: new Date(iso) });
  }
  return { processes, decided };
}

const dayIn = (at: Date, tz: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);

function expectedTeam(
  data: ReturnType<typeof dataset>,
  q: { from: string; to: string; tz: string; provider?: string },
) {
  const byId = new Map(data.processes.map((p) => [p.processId, p]));
  const set = data.decided.filter((d) => {
    const day = dayIn(d.decidedAt, q.tz);
    return day >= q.from && day <= q.to && (!q.provider || byId.get(d.processId)!.provider === q.provider);
  });
  const count = (f: (d: D) => boolean) => set.filter(f).length;
  return {
    decisions: {
      total: set.length,
      approve: count((d) => d.outcome === 'approve'),
      reject: count((d) => d.outcome === 'reject'),
      retry: count((d) => d.outcome === 'retry'),
    },
    reviewers: Object.fromEntries(
      [...new Set(set.map((d) => d.actor))].map((r) => [r, count((d) => d.actor === r)]),
    ),
  };
}

describe.each(DB_KINDS)('team figures and countries on %s', (kind) => {
  let server: TestServer;
  let manager: TestClient;
  let skip = false;
  const data = dataset();

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    server = await startTestServer({ db: kind });
    const db = server.deps.database.db;
    for (const p of data.processes) {
      await upsertProcess(db, `d-${p.processId}`, {
        processId: p.processId,
        provider: p.provider,
        status: 'inconclusive',
        createdAt: p.createdAt.toISOString(),
        updatedAt: p.updatedAt.toISOString(),
      });
    }
    await db
      .insert(decisions)
      .values(data.decided.map((d) => ({ ...d, dossierId: `d-${d.processId}`, reasonCode: null })));
    manager = await server.login('manager');
  }, 180_000);
  afterAll(async () => server?.close());

  async function outcomes(params: string): Promise<OutcomesResponse> {
    const res = await manager.json<unknown>('GET', `/api/outcomes?${params}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return outcomesResponseSchema.parse(res.body);
  }

  it('counts decisions made in the period on cases created long before (basis=decided)', async (ctx) => {
    if (skip) return ctx.skip();
    const cases: Array<{ from: string; to: string; tz: string; provider?: string }> = [
      { from: '2026-03-26', to: '2026-03-31', tz: 'UTC' },
      { from: '2026-03-29', to: '2026-03-29', tz: 'Europe/Oslo' },
      { from: '2026-03-28', to: '2026-03-28', tz: 'Europe/Oslo' },
      { from: '2026-03-27', to: '2026-03-30', tz: 'Europe/Oslo', provider: 'onfido' },
    ];
    for (const q of cases) {
      const params = new URLSearchParams({ ...q, basis: 'decided' }).toString();
      const got = await outcomes(params);
      const want = expectedTeam(data, q);
      expect(got.period.basis).toBe('decided');
      expect(got.team.basis).toBe('decided');
      expect(got.team.decisions, params).toEqual(want.decisions);
      expect(Object.fromEntries(got.reviewers.map((r) => [r.reviewer, r.total])), params).toEqual(
        want.reviewers,
      );
      expect(got.timeToDecision.overall.count).toBe(want.decisions.total);
      // Verification figures still follow creation: nothing was created in late March.
      expect(got.total).toBe(0);
    }
    // Oslo's 29 March (a 23-hour day) holds the edges at 23:00Z on the 28th and 21:59:59Z on the 29th, not the others.
    const day29 = await outcomes('from=2026-03-29&to=2026-03-29&tz=Europe/Oslo&basis=decided');
    const edgeIds = new Set(['edge-1', 'edge-2']);
    expect(
      data.decided
        .filter((d) => edgeIds.has(d.processId))
        .every((d) => dayIn(d.decidedAt, 'Europe/Oslo') === '2026-03-29'),
    ).toBe(true);
    expect(day29.team.decisions.total).toBe(
      expectedTeam(data, { from: '2026-03-29', to: '2026-03-29', tz: 'Europe/Oslo' }).decisions.total,
    );
  });

  it('with basis=created (the default) the same period has no decisions: the cases are older', async (ctx) => {
    if (skip) return ctx.skip();
    const got = await outcomes('from=2026-03-26&to=2026-03-31&tz=UTC');
    expect(got.period.basis).toBe('created');
    expect(got.team.decisions.total).toBe(0);
    expect(got.reviewers).toEqual([]);
    const feb = await outcomes('from=2026-02-01&to=2026-02-28&tz=UTC');
    expect(feb.team.decisions.total).toBe(60);
    expect(feb.team.fourEyesReturns).toEqual({ count: 0, available: false });
  });

  it('exports the reviewers table by decision date too', async (ctx) => {
    if (skip) return ctx.skip();
    const q = { from: '2026-03-26', to: '2026-03-31', tz: 'UTC' };
    const res = await manager.get(
      `/api/outcomes/export?table=reviewers&basis=decided&${new URLSearchParams(q)}`,
    );
    expect(res.status).toBe(200);
    const [, ...rows] = parse(await res.text(), { bom: true }) as string[][];
    expect(Object.fromEntries(rows.map((r) => [r[0], Number(r[1])]))).toEqual(
      expectedTeam(data, q).reviewers,
    );
  });

  it('refuses an unknown basis with 400', async (ctx) => {
    if (skip) return ctx.skip();
    const res = await manager.json<{ error: { message: string } }>('GET', '/api/outcomes?basis=updated');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^basis/);
  });

  it('stores alpha-2 countries as alpha-3, so NO and NOR are one country, named in the CSV', async (ctx) => {
    if (skip) return ctx.skip();
    const db = server.deps.database.db;
    const at = '2027-02-01T10:00:00Z';
    const seed = async (
      processId: string,
      finalResult: Record<string, unknown>,
      providerSpecific?: unknown,
    ) =>
      upsertProcess(db, `d-${processId}`, {
        processId,
        provider: 'connect',
        status: 'accepted',
        createdAt: at,
        updatedAt: at,
        finalResult,
        ...(providerSpecific ? { providerSpecific } : {}),
      } as Parameters<typeof upsertProcess>[2]);
    await seed('c-alpha2', {}, { userInfo: { nin_issuing_country: 'NO' } });
    await seed('c-alpha3', { issuingCountry: 'NOR' });
    await seed('c-lower', { issuingCountry: 'se' });
    await seed('c-odd', { issuingCountry: 'XXA' });
    const got = await outcomes('from=2027-02-01&to=2027-02-01');
    expect(Object.fromEntries(got.rates.byCountry.map((r) => [r.country, r.total]))).toEqual({
      NOR: 2,
      SWE: 1,
      XXA: 1,
    });
    // The filter takes either spelling.
    expect((await outcomes('from=2027-02-01&to=2027-02-01&country=NO')).total).toBe(2);
    const csv = await (
      await manager.get('/api/outcomes/export?table=byCountry&from=2027-02-01&to=2027-02-01')
    ).text();
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows[0]!.slice(0, 2)).toEqual(['country', 'countryName']);
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual(
      expect.arrayContaining([
        ['NOR', 'Norway'],
        ['SWE', 'Sweden'],
        ['XXA', 'Not recognised (XXA)'],
      ]),
    );
  });

  it('the migration re-normalises rows indexed before it', async (ctx) => {
    if (skip) return ctx.skip();
    const db = server.deps.database.db;
    await upsertProcess(db, 'd-m', {
      processId: 'm-1',
      provider: 'connect',
      status: 'accepted',
      createdAt: '2027-03-01T10:00:00Z',
      updatedAt: '2027-03-01T10:00:00Z',
    });
    const set = async (id: string, c: string) => {
      await db.execute(sql`UPDATE processes SET document_country = ${c} WHERE process_id = ${id}`);
    };
    for (const [id, c] of [
      ['m-1', 'DK'],
      ['m-2', 'fin'],
      ['m-3', 'D<<'],
      ['m-4', 'XXA'],
    ] as const) {
      if (id !== 'm-1')
        await upsertProcess(db, 'd-m', {
          processId: id,
          provider: 'connect',
          status: 'accepted',
          createdAt: '2027-03-01T10:00:00Z',
          updatedAt: '2027-03-01T10:00:00Z',
        });
      await set(id, c);
    }
    const migration = readFileSync(
      new URL('../db/migrations/0010_outcomes_rollups.sql', import.meta.url),
      'utf8',
    );
    const first = migration.split('--> statement-breakpoint')[0]!;
    await db.execute(sql.raw(first));
    const rows = await query<{ process_id: string; document_country: string }>(
      db,
      sql`SELECT process_id, document_country FROM processes WHERE process_id LIKE 'm-%' ORDER BY process_id`,
    );
    expect(rows.map((r) => r.document_country)).toEqual(['DNK', 'FIN', 'DEU', 'XXA']);
  });
});
