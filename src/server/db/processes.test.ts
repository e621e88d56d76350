import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processListQuerySchema } from '@domain/api';
import { createTestDatabase, DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { openDatabase, type Database } from './client';
import { claimRefresh, listProcesses, markProcessDeleted, findProcess, upsertProcess } from './processes';

const STATUSES = ['accepted', 'inconclusive', 'pending', 'rejected', 'failed'];
const q = (input: Record<string, unknown> = {}) => processListQuerySchema.parse(input);

describe.each(DB_KINDS)('process index on %s', (kind) => {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  let skip = false;

  beforeAll(async () => {
    if (kind === 'postgres') {
      if (!(await postgresReachable())) return void (skip = true);
      const t = await createTestDatabase();
      drop = t.drop;
      database = await openDatabase({ databaseUrl: t.url, dataDir: '' });
    } else {
      database = await openDatabase({ dataDir: 'memory://' });
    }
    // 25 processes, one per minute, several sharing a timestamp to exercise the id tie-break.
    for (let i = 0; i < 25; i++) {
      const at = new Date(Date.UTC(2026, 0, 10, 12, Math.floor(i / 2))).toISOString();
      await upsertProcess(database.db, `dossier-${i % 5}`, {
        processId: `p-${String(i).padStart(2, '0')}`,
        provider: i % 3 === 0 ? 'onfido' : 'readid',
        status: STATUSES[i % STATUSES.length]!,
        createdAt: at,
        updatedAt: at,
        finalResult: {
          firstName: i === 7 ? 'Zoë' : 'Maria',
          lastName: i === 7 ? "O'Brien 100%_" : `Person${i}`,
        },
      });
    }
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it('pages forward and back with keyset cursors, stable and without overlap', async (ctx) => {
    if (skip) return ctx.skip();
    const seen: string[] = [];
    let cursor: string | undefined;
    const pages: string[][] = [];
    do {
      const page = await listProcesses(database.db, q({ limit: 10, cursor }));
      pages.push(page.rows.map((r) => r.processId));
      seen.push(...page.rows.map((r) => r.processId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe('p-24');
    // Back from the third page gives exactly the second.
    const second = await listProcesses(database.db, q({ limit: 10 }));
    const third = await listProcesses(database.db, q({ limit: 10, cursor: second.nextCursor! }));
    const thirdPage = await listProcesses(database.db, q({ limit: 10, cursor: third.nextCursor! }));
    const back = await listProcesses(database.db, q({ limit: 10, cursor: thirdPage.prevCursor! }));
    expect(back.rows.map((r) => r.processId)).toEqual(pages[1]);
    const first = await listProcesses(database.db, q({ limit: 10, cursor: back.prevCursor! }));
    expect(first.rows.map((r) => r.processId)).toEqual(pages[0]);
    expect(first.prevCursor).toBeNull();
  });

  it('filters by several statuses and providers', async (ctx) => {
    if (skip) return ctx.skip();
    const page = await listProcesses(
      database.db,
      q({ status: ['pending', 'failed'], provider: ['readid'], limit: 50 }),
    );
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => ['pending', 'failed'].includes(r.status) && r.provider === 'readid')).toBe(
      true,
    );
  });

  it('searches names case-insensitively and treats SQL wildcards literally', async (ctx) => {
    if (skip) return ctx.skip();
    expect((await listProcesses(database.db, q({ q: 'o’brien' }))).rows).toHaveLength(0);
    expect((await listProcesses(database.db, q({ q: "O'BRIEN" }))).rows.map((r) => r.processId)).toEqual([
      'p-07',
    ]);
    expect((await listProcesses(database.db, q({ q: '100%_' }))).rows.map((r) => r.processId)).toEqual([
      'p-07',
    ]);
    expect((await listProcesses(database.db, q({ q: '%' }))).rows.map((r) => r.processId)).toEqual(['p-07']);
    expect((await listProcesses(database.db, q({ q: "'; DROP TABLE processes; --" }))).rows).toHaveLength(0);
  });

  it('bounds by creation date, inclusive whole days', async (ctx) => {
    if (skip) return ctx.skip();
    expect(
      (await listProcesses(database.db, q({ from: '2026-01-10', to: '2026-01-10', limit: 100 }))).rows,
    ).toHaveLength(25);
    expect((await listProcesses(database.db, q({ from: '2026-01-11', limit: 100 }))).rows).toHaveLength(0);
    expect((await listProcesses(database.db, q({ to: '2026-01-09', limit: 100 }))).rows).toHaveLength(0);
  });

  it('never lets an older non-final answer overwrite a final status', async (ctx) => {
    if (skip) return ctx.skip();
    await upsertProcess(database.db, 'd-x', {
      processId: 'final-1',
      provider: 'readid',
      status: 'accepted',
      createdAt: '2026-01-01T00:00:00Z',
    });
    const r = await upsertProcess(database.db, 'd-x', {
      processId: 'final-1',
      provider: 'readid',
      status: 'processing',
      createdAt: '2026-01-01T00:00:00Z',
    });
    expect(r.changed).toBe(false);
    expect((await findProcess(database.db, 'final-1'))!.status).toBe('accepted');
  });

  it('keeps a process that disappeared upstream, marked deleted', async (ctx) => {
    if (skip) return ctx.skip();
    await markProcessDeleted(database.db, 'p-03');
    const row = await findProcess(database.db, 'p-03');
    expect(row).toMatchObject({ deletedUpstream: true });
    expect(row!.deletedAt).toBeInstanceOf(Date);
  });

  it('lets one caller per freshness window claim an upstream refresh', async (ctx) => {
    if (skip) return ctx.skip();
    await upsertProcess(database.db, 'd-y', {
      processId: 'open-1',
      provider: 'readid',
      status: 'pending',
      createdAt: '2026-01-01T00:00:00Z',
    });
    const claim = () => claimRefresh(database.db, 'open-1', 60_000);
    // Synced just now: inside the window, nobody claims.
    expect(await claim()).toBe(false);
    // Synced two minutes ago (the timestamp set, not waited for): one of eight concurrent callers gets the claim.
    await database.db.execute(
      sql`UPDATE processes SET synced_at = synced_at - interval '2 minutes' WHERE process_id = 'open-1'`,
    );
    const claims = await Promise.all(Array.from({ length: 8 }, claim));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claim()).toBe(false);
  });
});

describe('date bounds in a time zone', () => {
  it('takes YYYY-MM-DD as whole local days, across a DST change', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      // 2026-03-29 is the spring-forward day in Europe/Oslo (UTC+1 → UTC+2).
      const at = (id: string, iso: string) =>
        upsertProcess(database.db, 'd', {
          processId: id,
          provider: 'readid',
          status: 'accepted',
          createdAt: iso,
          updatedAt: iso,
        });
      await at('before', '2026-03-28T22:59:00Z'); // 23:59 on the 28th in Oslo
      await at('first', '2026-03-28T23:00:00Z'); // 00:00 on the 29th
      await at('last', '2026-03-29T21:59:00Z'); // 23:59 on the 29th (now UTC+2)
      await at('after', '2026-03-29T22:00:00Z'); // 00:00 on the 30th
      const ids = async (input: Record<string, unknown>) =>
        (await listProcesses(database.db, q({ limit: 10, ...input }))).rows.map((r) => r.processId).sort();
      expect(await ids({ from: '2026-03-29', to: '2026-03-29', tz: 'Europe/Oslo' })).toEqual([
        'first',
        'last',
      ]);
      expect(await ids({ from: '2026-03-29', to: '2026-03-29' })).toEqual(['after', 'last']);
    } finally {
      await database.close();
    }
  });
});
