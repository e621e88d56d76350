import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseListResponse } from '@domain/cases';
import { buildProcess, iproov, readIdData } from '@domain/explain/__fixtures__/build';
import { outcomesResponseSchema, type Backlog } from '@domain/outcomes';
import { backlogNow } from '../db/backlog';
import { assignCase, refreshCase } from '../db/cases';
import { upsertProcess } from '../db/processes';
import { query } from '../db/client';
import { decisions, settings, users } from '../db/schema';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { startTestServer, type TestClient, type TestServer } from '../../../test-support/test-server';

// GET /api/outcomes → backlog: the cases waiting for a reviewer now. The expected figures come from an independent
// computation over the seeded dossiers: each dossier is built as a known kind of case, and the test says for each kind
// whether it waits, since when, for which provider and why — without the desk's case rules or SQL.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const SLA_HOURS = 8;
const PROVIDERS = ['readid', 'onfido', 'eid'] as const;

type Kind =
  /** One inconclusive attempt, no decision: waits from its update. */
  | 'waiting'
  /** A decision waiting for a second reviewer: waits from the decision, never overdue (the queue gives it no due time). */
  | 'pendingSecond'
  /** Inconclusive weeks ago, decided (approve or reject) today: a decision on an old case, no longer waiting. */
  | 'decidedOld'
  /** The reviewer asked for a retry and none came yet: waiting for the end-user, not the desk. */
  | 'retryAsked'
  /** Accepted at once. */
  | 'accepted'
  /** Inconclusive, then a rejected retry with another provider: still waits, about the inconclusive attempt. */
  | 'retriedRejected'
  /** Inconclusive, then an accepted retry: resolved. */
  | 'retriedAccepted';

interface Seeded {
  dossierId: string;
  kind: Kind;
  provider: string;
  /** When the inconclusive attempt was last updated (or the pending decision made). */
  since: Date;
  reason: string | null;
  assigned: boolean;
}

/** The reason the seeded inconclusive attempt carries, and the Assure payload that gives it. */
const REASONS = [
  { reason: 'chipCloneDetection', providerSpecific: () => readIdData('SUCCEEDED', 'FAILED') },
  {
    reason: 'iproovLiveness',
    providerSpecific: () => readIdData('SUCCEEDED', 'SUCCEEDED', iproov({ passed: false })),
  },
] as const;

function expected(seeded: Seeded[], sla: number, now: number): Backlog {
  const waiting = seeded.filter((s) => ['waiting', 'pendingSecond', 'retriedRejected'].includes(s.kind));
  const isOverdue = (s: Seeded) => s.kind !== 'pendingSecond' && s.since.getTime() + sla * HOUR < now;
  const byProvider: Backlog['byProvider'] = {};
  for (const s of waiting) {
    const p = (byProvider[s.provider] ??= { waiting: 0, overdue: 0 });
    p.waiting += 1;
    if (isOverdue(s)) p.overdue += 1;
  }
  const reasons = new Map<string | null, { waiting: number; overdue: number }>();
  for (const s of waiting) {
    const r = reasons.get(s.reason) ?? { waiting: 0, overdue: 0 };
    r.waiting += 1;
    if (isOverdue(s)) r.overdue += 1;
    reasons.set(s.reason, r);
  }
  const labels: Record<string, string> = {
    chipCloneDetection: 'Chip clone detection failed',
    iproovLiveness: 'iProov liveness failed',
  };
  const oldest = Math.min(...waiting.map((s) => s.since.getTime()));
  return {
    waiting: waiting.length,
    overdue: waiting.filter(isOverdue).length,
    oldestWaitingSince: waiting.length ? new Date(oldest).toISOString() : null,
    byProvider,
    slaHours: sla,
    pendingSecondReview: waiting.filter((s) => s.kind === 'pendingSecond').length,
    assigned: waiting.filter((s) => s.assigned).length,
    unassigned: waiting.filter((s) => !s.assigned).length,
    byReason: [...reasons]
      .map(([reason, r]) => ({ reason, label: reason ? labels[reason]! : null, ...r }))
      .sort((a, b) => b.waiting - a.waiting || (a.reason ?? '~').localeCompare(b.reason ?? '~')),
  };
}

describe.each(DB_KINDS)('the backlog in GET /api/outcomes on %s', (kind) => {
  let server: TestServer;
  let manager: TestClient;
  let skip = false;
  const seeded: Seeded[] = [];

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    server = await startTestServer({ db: kind });
    const db = server.deps.database.db;
    await db
      .insert(settings)
      .values({ key: 'reviewSlaHours', value: SLA_HOURS })
      .onConflictDoUpdate({ target: settings.key, set: { value: SLA_HOURS } });
    const [reviewer] = await db
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(eq(users.username, 'reviewer'));

    const now = Date.now();
    // Ages in minutes: fresh, just inside and just outside the SLA (30 minutes either side, far from the boundary
    // for the time a request takes), days and a month old.
    const ages = [5, SLA_HOURS * 60 - 30, SLA_HOURS * 60 + 30, 3 * SLA_HOURS * 60, 30 * 24 * 60];
    const kinds: Kind[] = [
      'waiting',
      'waiting',
      'pendingSecond',
      'decidedOld',
      'retryAsked',
      'accepted',
      'retriedRejected',
      'retriedAccepted',
    ];
    let seed = 16;
    const rnd = (n: number) => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % n;
    let counter = 0;
    const attempt = async (
      dossierId: string,
      provider: string,
      status: string,
      created: number,
      updated: number,
      providerSpecific?: Record<string, unknown>,
    ) => {
      const processId = `${dossierId}-a${++counter}`;
      const base = providerSpecific ? buildProcess(provider, status, providerSpecific) : {};
      await upsertProcess(db, dossierId, {
        ...base,
        processId,
        provider,
        status,
        createdAt: new Date(created).toISOString(),
        updatedAt: new Date(updated).toISOString(),
      } as Parameters<typeof upsertProcess>[2]);
      return processId;
    };
    const decide = async (
      dossierId: string,
      processId: string,
      outcome: string,
      at: number,
      state = 'final',
    ) => {
      await db.insert(decisions).values({
        processId,
        dossierId,
        outcome,
        actor: 'alice',
        decidedAt: new Date(at),
        reasonCode: null,
        state,
      });
      await refreshCase(db, dossierId);
    };

    for (let i = 0; i < 48; i++) {
      const k = kinds[i % kinds.length]!;
      const dossierId = `bl-${i}`;
      const age = ages[rnd(ages.length)]! * MIN;
      // readid attempts carry one of two reasons; the others none the desk can name.
      const provider = PROVIDERS[rnd(PROVIDERS.length)]!;
      const why = provider === 'readid' ? REASONS[rnd(REASONS.length)]! : undefined;
      const since = new Date(now - age);
      const created = since.getTime() - 10 * MIN;
      const inconclusive = () =>
        attempt(dossierId, provider, 'inconclusive', created, since.getTime(), why?.providerSpecific());
      const s: Seeded = { dossierId, kind: k, provider, since, reason: why?.reason ?? null, assigned: false };
      switch (k) {
        case 'waiting':
          await inconclusive();
          break;
        case 'pendingSecond': {
          // The attempt became inconclusive long ago; the pending decision is `age` old.
          const p = await attempt(
            dossierId,
            provider,
            'inconclusive',
            now - 60 * DAY,
            now - 60 * DAY,
            why?.providerSpecific(),
          );
          await decide(dossierId, p, 'approve', since.getTime(), 'pending_second_review');
          break;
        }
        case 'decidedOld': {
          const p = await attempt(dossierId, provider, 'inconclusive', now - 45 * DAY, now - 45 * DAY);
          await decide(dossierId, p, i % 2 ? 'approve' : 'reject', now - 5 * MIN);
          break;
        }
        case 'retryAsked':
          await decide(dossierId, await inconclusive(), 'retry', now - 2 * MIN);
          break;
        case 'accepted':
          await attempt(dossierId, provider, 'accepted', created, since.getTime());
          break;
        case 'retriedRejected': {
          await inconclusive();
          const other = PROVIDERS.find((p) => p !== provider)!;
          await attempt(dossierId, other, 'rejected', since.getTime() + MIN, since.getTime() + 2 * MIN);
          break;
        }
        case 'retriedAccepted':
          await inconclusive();
          await attempt(dossierId, provider, 'accepted', since.getTime() + MIN, since.getTime() + 2 * MIN);
          break;
      }
      // Every third waiting case is assigned (assignment does not change waiting or overdue).
      if (['waiting', 'retriedRejected'].includes(k) && i % 3 === 0) {
        await assignCase(db, dossierId, reviewer!);
        s.assigned = true;
      }
      seeded.push(s);
    }
    manager = await server.login('manager');
  }, 180_000);
  afterAll(async () => server?.close());

  async function backlog(params = ''): Promise<Backlog> {
    const res = await manager.json<unknown>('GET', `/api/outcomes${params}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // The trend follows the period (outcomes-backlog-trend.test.ts); the figures here are the queue now.
    const { trend: _trend, ...now } = outcomesResponseSchema.parse(res.body).backlog;
    return now;
  }

  it('matches an independent count of what waits, what is overdue and since when, per provider, reason and assignment', async (ctx) => {
    if (skip) return ctx.skip();
    const got = await backlog();
    const want = expected(seeded, SLA_HOURS, Date.now());
    expect(got).toEqual(want);
    // The dataset exercises what it claims to.
    expect(want.overdue).toBeGreaterThan(0);
    expect(want.waiting - want.overdue - want.pendingSecondReview).toBeGreaterThan(0);
    expect(want.pendingSecondReview).toBeGreaterThan(0);
    expect(Object.keys(want.byProvider).sort()).toEqual([...PROVIDERS].sort());
    expect(want.assigned).toBeGreaterThan(0);
  });

  it('is the queue as it stands: the period, basis and filters do not change it', async (ctx) => {
    if (skip) return ctx.skip();
    const all = await backlog();
    for (const params of [
      '?from=2020-01-01&to=2020-01-31',
      '?basis=decided&from=2020-01-01&to=2020-01-01',
      '?provider=onfido&tz=Europe/Oslo',
    ])
      expect(await backlog(params), params).toEqual(all);
  });

  it('agrees with the review queue it links to', async (ctx) => {
    if (skip) return ctx.skip();
    const got = await backlog();
    const queue = async (params: string) => {
      const res = await manager.json<CaseListResponse>('GET', `/api/cases?${params}&limit=1`);
      expect(res.status).toBe(200);
      return res.body.counts;
    };
    const waiting = await queue('state=needs_review,pending_second_review');
    expect((waiting.needs_review ?? 0) + (waiting.pending_second_review ?? 0)).toBe(got.waiting);
    expect((await queue('state=needs_review&overdue=1')).needs_review).toBe(got.overdue);
    expect((await queue('state=needs_review&assignee=unassigned')).needs_review).toBe(
      got.unassigned - seeded.filter((s) => s.kind === 'pendingSecond' && !s.assigned).length,
    );
    for (const { reason, overdue } of got.byReason.filter((r) => r.reason))
      expect((await queue(`state=needs_review&overdue=1&reason=${reason}`)).needs_review ?? 0, reason!).toBe(
        overdue,
      );
  });

  it('a case attempted with two providers counts once, for the provider of the attempt under review', async (ctx) => {
    if (skip) return ctx.skip();
    const got = await backlog();
    const sum = (f: 'waiting' | 'overdue') => Object.values(got.byProvider).reduce((n, p) => n + p[f], 0);
    expect(sum('waiting')).toBe(got.waiting);
    expect(sum('overdue')).toBe(got.overdue);
  });

  it('is not overdue exactly at its due time, and is a millisecond later (the queue rule: due < now)', async (ctx) => {
    if (skip) return ctx.skip();
    const db = server.deps.database.db;
    const target = seeded.find((s) => s.kind === 'waiting')!;
    const due = target.since.getTime() + SLA_HOURS * HOUR;
    for (const at of [due - 1, due, due + 1]) {
      const got = await backlogNow(db, SLA_HOURS, new Date(at));
      expect(got, new Date(at).toISOString()).toEqual(expected(seeded, SLA_HOURS, at));
    }
    const [atDue, after] = [
      await backlogNow(db, SLA_HOURS, new Date(due)),
      await backlogNow(db, SLA_HOURS, new Date(due + 1)),
    ];
    expect(after.byProvider[target.provider]!.overdue).toBe(atDue.byProvider[target.provider]!.overdue + 1);
  });

  it('follows the SLA setting', async (ctx) => {
    if (skip) return ctx.skip();
    const db = server.deps.database.db;
    await db
      .update(settings)
      .set({ value: 24 * 40 })
      .where(eq(settings.key, 'reviewSlaHours'));
    try {
      const got = await backlog();
      expect(got.slaHours).toBe(24 * 40);
      expect(got.overdue).toBe(0);
      expect(got.waiting).toBe(expected(seeded, SLA_HOURS, Date.now()).waiting);
    } finally {
      await db.update(settings).set({ value: SLA_HOURS }).where(eq(settings.key, 'reviewSlaHours'));
    }
  });

  it('is empty, not missing, when nothing waits', async (ctx) => {
    if (skip) return ctx.skip();
    const empty = await startTestServer({ db: kind });
    try {
      const client = await empty.login('manager');
      const res = await client.json<unknown>('GET', '/api/outcomes');
      const { trend, ...now } = outcomesResponseSchema.parse(res.body).backlog;
      expect(trend.map((p) => [p.waiting, p.overdue])).toEqual([[0, 0]]);
      expect(now).toEqual({
        waiting: 0,
        overdue: 0,
        oldestWaitingSince: null,
        byProvider: {},
        slaHours: 24,
        pendingSecondReview: 0,
        assigned: 0,
        unassigned: 0,
        byReason: [],
      });
    } finally {
      await empty.close();
    }
  });

  it('keeps its counts (backlog_counts) equal to the waiting cases through inserts, upserts, updates and deletes', async (ctx) => {
    if (skip) return ctx.skip();
    const fresh = await startTestServer({ db: kind });
    try {
      const db = fresh.deps.database.db;
      const kept = () =>
        query(
          db,
          sql`SELECT provider, reason, reason_label, state, assigned, n FROM backlog_counts WHERE n <> 0
            ORDER BY 1, 2, 3, 4, 5`,
        );
      const counted = () =>
        query(
          db,
          sql`SELECT provider, reason, reason_label, state, assignee_id IS NOT NULL AS assigned, count(*)::int AS n
            FROM cases WHERE state IN ('needs_review', 'pending_second_review')
            GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
        );
      const [{ id }] = (await query<{ id: number }>(
        db,
        sql`INSERT INTO users (username, password_hash, role) VALUES ('leaver', 'x', 'reviewer') RETURNING id`,
      )) as [{ id: number }];
      const writes = [
        sql`INSERT INTO cases (dossier_id, state, attempts, provider, reason, reason_label, waiting_since, sort_at)
          SELECT 'k' || g, (ARRAY['needs_review', 'pending_second_review', 'accepted'])[1 + g % 3], 1,
            (ARRAY['readid', 'onfido', NULL])[1 + g % 3 + g % 2], CASE WHEN g % 4 = 0 THEN 'mrz' END,
            CASE WHEN g % 4 = 0 THEN 'MRZ read failed' END, CASE WHEN g % 5 <> 0 THEN now() - g * interval '1 hour' END, now()
          FROM generate_series(1, 40) AS g`,
        sql`UPDATE cases SET assignee_id = ${id} WHERE dossier_id IN ('k1', 'k2', 'k3', 'k4', 'k9')`,
        sql`UPDATE cases SET state = 'accepted' WHERE dossier_id IN ('k1', 'k5')`,
        sql`UPDATE cases SET state = 'needs_review', reason = 'face', reason_label = 'Face mismatch' WHERE dossier_id = 'k3'`,
        sql`INSERT INTO cases (dossier_id, state, attempts, provider, sort_at)
          VALUES ('k2', 'accepted', 2, 'eid', now()), ('k41', 'needs_review', 1, 'eid', now())
          ON CONFLICT (dossier_id) DO UPDATE SET state = excluded.state, provider = excluded.provider`,
        sql`DELETE FROM users WHERE id = ${id}`, // unassigns (ON DELETE SET NULL)
        sql`DELETE FROM cases WHERE dossier_id IN ('k4', 'k6', 'k7', 'k8', 'k41')`,
      ];
      for (const write of writes) {
        await db.execute(write);
        expect(await kept()).toEqual(await counted());
      }
      // Overdue from the kept counts: a case without a waiting time is not overdue, as in the queue's rule.
      const backlog = await backlogNow(db, 24);
      const [direct] = (await query<{ waiting: number; overdue: number }>(
        db,
        sql`SELECT count(*)::int AS waiting, count(*) FILTER (WHERE state = 'needs_review'
          AND waiting_since + interval '24 hours' < now())::int AS overdue
          FROM cases WHERE state IN ('needs_review', 'pending_second_review')`,
      )) as [{ waiting: number; overdue: number }];
      expect([backlog.waiting, backlog.overdue]).toEqual([direct.waiting, direct.overdue]);
      expect(backlog.overdue).toBeGreaterThan(0);
      expect(backlog.overdue).toBeLessThan(backlog.waiting);
    } finally {
      await fresh.close();
    }
  });
});
