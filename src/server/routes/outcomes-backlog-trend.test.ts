import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomesResponseSchema, type BacklogTrend } from '@domain/outcomes';
import { snapshotBacklog } from '../db/backlog';
import { refreshCase } from '../db/cases';
import { upsertProcess } from '../db/processes';
import { decisions, settings } from '../db/schema';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { startTestServer, type TestClient, type TestServer } from '../../../test-support/test-server';

// GET /api/outcomes → backlog.trend: the backlog per local day of the period, from the snapshots the scheduled job
// takes (here taken at chosen times). Expected values are counted by the test from the cases it made wait and the
// times it chose: per local day (Intl) the last snapshot of the day, today's point the backlog now.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SLA_HOURS = 8;
const TZ = 'Europe/Oslo';

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const localDay = (t: number) => dayFormat.format(new Date(t));
/** Local midnight of the day `t` falls in, `days` later (found by stepping back from noon; DST-safe enough here). */
function localMidnight(t: number, days = 0): number {
  const target = localDay(t + days * DAY);
  let m = Date.parse(`${target}T00:00:00Z`) - 3 * HOUR;
  while (localDay(m) !== target) m += 15 * 60_000;
  return m;
}

interface Waiting {
  dossierId: string;
  since: number;
  decidedAt?: number;
}

describe.each(DB_KINDS)('the backlog trend on %s', (kind) => {
  let server: TestServer;
  let manager: TestClient;
  let skip = false;
  const cases: Waiting[] = [];
  const snapshots: number[] = [];
  const now = Date.now();

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    server = await startTestServer({ db: kind });
    const db = server.deps.database.db;
    await db
      .insert(settings)
      .values({ key: 'reviewSlaHours', value: SLA_HOURS })
      .onConflictDoUpdate({ target: settings.key, set: { value: SLA_HOURS } });

    const wait = async (since: number) => {
      const c = { dossierId: `trend-${cases.length}`, since };
      const at = new Date(since).toISOString();
      await upsertProcess(db, c.dossierId, {
        processId: `${c.dossierId}-p`,
        provider: 'readid',
        status: 'inconclusive',
        createdAt: at,
        updatedAt: at,
      });
      cases.push(c);
    };
    const snapshot = async (at: number) => {
      await snapshotBacklog(db, new Date(at));
      snapshots.push(at);
    };

    // Four days ago: two cases start waiting; snapshots at 09:00 and at 23:30 local (the later one is the day's).
    const d4 = localMidnight(now, -4);
    await wait(d4 + 8 * HOUR);
    await wait(d4 + 8.5 * HOUR);
    await snapshot(d4 + 9 * HOUR);
    await wait(d4 + 20 * HOUR);
    await snapshot(d4 + 23.5 * HOUR);
    // Three days ago: one more waits, one is decided; snapshot in the afternoon (the first two are overdue by then).
    const d3 = localMidnight(now, -3);
    await wait(d3 + 10 * HOUR);
    const decided = cases[0]!;
    await db.insert(decisions).values({
      processId: `${decided.dossierId}-p`,
      dossierId: decided.dossierId,
      outcome: 'approve',
      actor: 'reviewer',
      decidedAt: new Date(d3 + 11 * HOUR),
    });
    await refreshCase(db, decided.dossierId);
    decided.decidedAt = d3 + 11 * HOUR;
    await snapshot(d3 + 15 * HOUR);
    // Two days ago: no snapshot (the job did not run): a gap, not a zero. Yesterday: a snapshot at 12:00.
    await snapshot(localMidnight(now, -1) + 12 * HOUR);
    // An older snapshot retried in the same hour slot does not overwrite the newer one.
    await snapshotBacklog(db, new Date(localMidnight(now, -1) + 11.5 * HOUR));
    manager = await server.login('manager');
  }, 120_000);
  afterAll(async () => server?.close());

  /** At `at`: cases waiting (started, not decided) and those overdue (waiting since more than the SLA). */
  function backlogAt(at: number) {
    const waiting = cases.filter((c) => c.since <= at && !(c.decidedAt !== undefined && c.decidedAt <= at));
    return {
      waiting: waiting.length,
      overdue: waiting.filter((c) => c.since + SLA_HOURS * HOUR < at).length,
    };
  }

  function expected(fromDay: number, days: number): BacklogTrend {
    return Array.from({ length: days }, (_, i) => {
      const start = localMidnight(fromDay, i);
      const day = localDay(start);
      if (day === localDay(now)) return { day, ...backlogAt(Date.now()) };
      const last = snapshots.filter((t) => localDay(t) === day).sort((a, b) => b - a)[0];
      return last === undefined ? { day, waiting: null, overdue: null } : { day, ...backlogAt(last) };
    });
  }

  async function trend(params: string): Promise<BacklogTrend> {
    const res = await manager.json<unknown>('GET', `/api/outcomes?tz=${encodeURIComponent(TZ)}&${params}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return outcomesResponseSchema.parse(res.body).backlog.trend;
  }

  it('gives each local day of the period the last snapshot of that day, a gap where none was taken, and today the backlog now', async (ctx) => {
    if (skip) return ctx.skip();
    const from = localMidnight(now, -6);
    const got = await trend(`from=${localDay(from)}&to=${localDay(now)}`);
    const want = expected(from, 7);
    expect(got).toEqual(want);
    // The dataset shows what it claims: a gap, a decided case leaving the backlog, overdue cases, a late snapshot.
    expect(want.map((p) => p.waiting)).toEqual([null, null, 3, 3, null, 3, 3]);
    expect(want[3]!.overdue).toBeGreaterThan(0);
  });

  it('stops at today, starts at the first snapshot when the period is open, and follows the time zone', async (ctx) => {
    if (skip) return ctx.skip();
    const future = await trend(
      `from=${localDay(localMidnight(now, -1))}&to=${localDay(localMidnight(now, 30))}`,
    );
    expect(future.map((p) => p.day)).toEqual([localDay(localMidnight(now, -1)), localDay(now)]);
    const open = await trend('');
    expect(open).toEqual(expected(localMidnight(now, -4), 5));
    // In UTC, 23:30 in Oslo (21:30 or 22:30 UTC) is still the same day, but 09:00 Oslo is not the day's last.
    const res = await manager.json<unknown>(
      'GET',
      `/api/outcomes?tz=UTC&from=${localDay(localMidnight(now, -4))}&to=${localDay(localMidnight(now, -4))}`,
    );
    expect(outcomesResponseSchema.parse(res.body).backlog.trend).toEqual([
      { day: localDay(localMidnight(now, -4)), ...backlogAt(snapshots[1]!) },
    ]);
  });

  it('shows gaps, not zeros, for days before the snapshots began', async (ctx) => {
    if (skip) return ctx.skip();
    expect(await trend('from=2020-01-01&to=2020-01-03')).toEqual(
      ['2020-01-01', '2020-01-02', '2020-01-03'].map((day) => ({ day, waiting: null, overdue: null })),
    );
  });
});
