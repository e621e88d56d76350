import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { displayFields } from '@domain/display-fields';
import { explainProcess } from '@domain/explain';
import { ROLES, type Role } from '@domain/policy';
import { verifyAuditChain } from '../audit/audit';
import { findProcess, upsertProcess, type ProcessRow } from '../db/processes';
import { createLogger } from '../lib/logger';
import { RETENTION_INTERVAL_S, SyncService } from '../sync/sync';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { eventually, startTestStack } from '../../../test-support/stack';
import type { TestClient } from '../../../test-support/test-server';
import { erasePersonalDataPastRetention } from './retention';

type Stack = Awaited<ReturnType<typeof startTestStack>>;
interface AuditItems {
  items: Array<{ actor: string; action: string; details: Record<string, unknown> }>;
}

/** One final process per provider, so every provider's way of carrying names is covered. */
const FINAL_SCENARIOS = [
  ['readid', 'readid.accepted'],
  ['onfido', 'onfido.clear'],
  ['eid', 'eid.accepted'],
  ['signicatpaper', 'paper.accepted'],
  ['connect', 'connect.accepted'],
  ['webid', 'webid.successful'],
] as const;

describe.each(DB_KINDS)('personal-data retention on %s', (kind) => {
  let stack: Stack;
  let skip = false;
  const as: Partial<Record<Role, TestClient>> = {};

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    // No webhooks: a late one would refresh a process after the test backdated it.
    stack = await startTestStack({ db: kind, sandbox: { dossiers: 0 }, webhooks: false });
    for (const role of ROLES) as[role] = await stack.server.login(role);
  });
  afterAll(async () => stack?.close());

  const db = () => stack.server.deps.database.db;
  const row = async (processId: string): Promise<ProcessRow> => (await findProcess(db(), processId))!;
  const setRetention = (days: number) =>
    as.admin!.json('PUT', '/api/settings/retention', { personalDataRetentionDays: days });
  const backdate = (processId: string, days: number) =>
    db().execute(
      sql`UPDATE processes SET updated_at = now() - make_interval(days => ${days}) WHERE process_id = ${processId}`,
    );

  /** A process known to the index: final unless `stayPending`. */
  async function indexed(provider: string, scenario?: string, stayPending = false) {
    const c = stack.sandbox.control.createProcess({ provider, scenario, stayPending: true });
    if (!stayPending) stack.sandbox.control.advance(c.processId, 'final');
    await stack.server.deps.sync.refresh(c.dossierId, c.processId);
    return c;
  }

  /** The personal values a row holds before erasure: what must be gone from it afterwards. */
  function personalValues(r: ProcessRow): string[] {
    const f = displayFields(r.raw);
    return [
      r.firstName,
      r.lastName,
      r.documentNumber,
      f.firstName,
      f.lastName,
      f.documentNumber,
      f.dateOfBirth,
    ].filter((v): v is string => typeof v === 'string' && v.length > 1);
  }

  const search = async (q: string) =>
    (
      await as.admin!.json<{ items: Array<{ processId: string }> }>(
        'GET',
        `/api/processes?q=${encodeURIComponent(q)}`,
      )
    ).body.items.map((i) => i.processId);
  const outcomes = async () => {
    const { generatedAt: _, ...figures } = (
      await as.manager!.json<Record<string, unknown>>('GET', '/api/outcomes')
    ).body;
    return figures;
  };
  const erasureEvents = async () =>
    (await as.admin!.json<AuditItems>('GET', '/api/audit?action=retention.personal_data_erased')).body.items;

  it('lets only an administrator read and change the retention setting, validates it, and audits a change', async (ctx) => {
    if (skip) return ctx.skip();
    expect((await as.admin!.json('GET', '/api/settings/retention')).body).toEqual({
      personalDataRetentionDays: 0,
    });
    for (const role of ['reviewer', 'operator', 'manager'] as const) {
      expect(
        (await as[role]!.json('PUT', '/api/settings/retention', { personalDataRetentionDays: 30 })).status,
        role,
      ).toBe(403);
      expect((await as[role]!.json('GET', '/api/settings/retention')).status, role).toBe(403);
    }
    expect((await setRetention(3651)).status).toBe(400);
    expect((await setRetention(-1)).status).toBe(400);
    expect(
      (await as.admin!.json('PUT', '/api/settings/retention', { personalDataRetentionDays: 1.5 })).status,
    ).toBe(400);
    expect((await as.admin!.json('GET', '/api/settings/retention')).body).toEqual({
      personalDataRetentionDays: 0,
    });

    const saved = await setRetention(3650);
    expect(saved).toEqual({ status: 200, body: { personalDataRetentionDays: 3650 } });
    expect((await as.admin!.json('GET', '/api/settings/retention')).body).toEqual({
      personalDataRetentionDays: 3650,
    });
    const audit = await as.admin!.json<AuditItems>('GET', '/api/audit?action=settings.update');
    expect(audit.body.items[0]).toMatchObject({
      actor: 'admin',
      details: { personalDataRetentionDays: 3650, previous: { personalDataRetentionDays: 0 } },
    });
    await setRetention(0);
  });

  it('erases nothing while the setting is 0 (keep indefinitely)', async (ctx) => {
    if (skip) return ctx.skip();
    await setRetention(0);
    const c = await indexed('readid', 'readid.accepted');
    await backdate(c.processId, 4000);
    const before = await row(c.processId);
    expect(await erasePersonalDataPastRetention(db())).toEqual({ erased: 0, cutoff: null });
    const after = await row(c.processId);
    expect(after.personalDataErasedAt).toBeNull();
    expect(after.raw).toEqual(before.raw);
    expect(after.firstName).toBe(before.firstName);
    expect(await erasureEvents()).toHaveLength(0);
    // Not left behind for the real run below: it would be erased there too.
    await db().execute(sql`UPDATE processes SET updated_at = now() WHERE process_id = ${c.processId}`);
  });

  it('erases the personal data of final processes past the retention, and nothing else', async (ctx) => {
    if (skip) return ctx.skip();
    const old = [];
    for (const [provider, scenario] of FINAL_SCENARIOS) old.push(await indexed(provider, scenario));
    const pending = await indexed('readid', undefined, true);
    const recent = await indexed('onfido', 'onfido.clear');
    // Inconclusive: the open case keeps what the reviewer needs; once decided, it is erased like the rest.
    const openCase = await indexed('readid', 'readid.cloneFailed');
    const decidedCase = await indexed('signicatpaper', 'paper.noMrz');
    expect(
      (
        await as.reviewer!.json('POST', `/api/processes/${decidedCase.processId}/decisions`, {
          outcome: 'approve',
          reasonCode: 'verified_manually',
        })
      ).status,
    ).toBe(201);
    old.push(decidedCase);
    for (const c of [...old, pending, openCase]) await backdate(c.processId, 40);
    await backdate(recent.processId, 10);

    const before = new Map<string, ProcessRow>();
    for (const c of [...old, pending, recent, openCase]) before.set(c.processId, await row(c.processId));
    const readid = before.get(old[0]!.processId)!;
    expect(readid.lastName).toBeTruthy();
    expect(await search(readid.lastName!)).toContain(readid.processId);
    const outcomesBefore = await outcomes();

    expect((await setRetention(30)).status).toBe(200);
    const run = await erasePersonalDataPastRetention(db(), { batchSize: 4 }); // several batches
    expect(run.erased).toBe(old.length);

    for (const c of old) {
      const was = before.get(c.processId)!;
      const now = await row(c.processId);
      const secrets = personalValues(was);
      expect(secrets.length, `${was.provider} had personal data to erase`).toBeGreaterThan(0);
      const text = JSON.stringify(now.raw);
      for (const secret of secrets)
        expect(text, `${was.provider} raw still holds ${secret}`).not.toContain(secret);
      expect(now).toMatchObject({ firstName: null, lastName: null, documentNumber: null });
      expect(now.searchText).not.toMatch(
        new RegExp(secrets.map((s) => s.toLowerCase().replace(/[^\w]/g, '.')).join('|')),
      );
      expect(now.personalDataErasedAt).toBeInstanceOf(Date);
      // What the figures and the explanation stand on stays.
      expect(now).toMatchObject({
        status: was.status,
        provider: was.provider,
        processType: was.processType,
        isFinal: true,
        documentCountry: was.documentCountry,
        createdAt: was.createdAt,
        updatedAt: was.updatedAt,
      });
      expect((now.raw as { status: string }).status).toBe(was.status);
    }
    // The chip checks behind a ReadID status read the same after erasure.
    const checks = (raw: unknown) => explainProcess(raw).checks.map((ch) => [ch.name, ch.result]);
    expect(checks((await row(readid.processId)).raw)).toEqual(checks(readid.raw));

    // Not final, final too recently, or an inconclusive case still waiting for a decision: untouched.
    for (const c of [pending, recent, openCase]) {
      const now = await row(c.processId);
      expect(now.personalDataErasedAt).toBeNull();
      expect(now.raw).toEqual(before.get(c.processId)!.raw);
      expect(now.lastName).toBe(before.get(c.processId)!.lastName);
    }

    expect(await search(readid.lastName!)).not.toContain(readid.processId);
    expect(await search(readid.processId)).toContain(readid.processId);
    const listed = async (id: string) =>
      (
        await as.reviewer!.json<{ items: Array<{ personalDataErased: boolean }> }>(
          'GET',
          `/api/processes?q=${id}`,
        )
      ).body.items[0]?.personalDataErased;
    expect(await listed(readid.processId)).toBe(true);
    expect(await listed(recent.processId)).toBe(false);
    expect(await outcomes()).toEqual(outcomesBefore);

    const detail = await as.reviewer!.json<{
      process: Record<string, unknown>;
      personalDataErasedAt: string | null;
    }>('GET', `/api/processes/${readid.processId}`);
    expect(detail.status).toBe(200);
    expect(JSON.stringify(detail.body)).not.toContain(readid.lastName!);
    expect(detail.body.personalDataErasedAt).toBe(
      (await row(readid.processId)).personalDataErasedAt!.toISOString(),
    );
    // The decided Paper case: its rule reads the erased names, and says so instead of contradicting Assure.
    const paper = await as.reviewer!.json<{ explanation: { agreesWithUpstream: boolean; summary: string } }>(
      'GET',
      `/api/processes/${decidedCase.processId}`,
    );
    expect(paper.body.explanation.agreesWithUpstream).toBe(true);
    expect(paper.body.explanation.summary).toMatch(/^Assure says inconclusive\. .*erased/);

    // One audit event for the run, with how many and the cutoff; a run with nothing to erase records none.
    const events = await erasureEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'system', details: { count: old.length, retentionDays: 30 } });
    expect(Date.parse(String(events[0]!.details.cutoff))).toBeLessThan(Date.now() - 29 * 86_400_000);
    expect((await erasePersonalDataPastRetention(db())).erased).toBe(0);
    expect(await erasureEvents()).toHaveLength(1);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('never writes personal data back into an erased process, and keeps the index rules', async (ctx) => {
    if (skip) return ctx.skip();
    await setRetention(30);
    const c = await indexed('readid', 'readid.accepted');
    await backdate(c.processId, 40);
    const names = personalValues(await row(c.processId));
    expect((await erasePersonalDataPastRetention(db())).erased).toBe(1);
    const erased = await row(c.processId);

    // Assure still holds the names: a refresh, and a re-listing of the same answer, store the erased copy.
    const upstream = await stack.server.deps.client.getProcess(c.dossierId, c.processId);
    expect(JSON.stringify(upstream)).toContain(names[0]);
    await stack.server.deps.sync.refresh(c.dossierId, c.processId);
    await upsertProcess(db(), c.dossierId, upstream);
    const after = await row(c.processId);
    for (const name of names) expect(JSON.stringify(after.raw)).not.toContain(name);
    expect(after).toMatchObject({
      firstName: null,
      lastName: null,
      documentNumber: null,
      status: erased.status,
    });
    expect(after.personalDataErasedAt).toEqual(erased.personalDataErasedAt);
    expect(after.updatedAt.getTime()).toBe(Date.parse(String(upstream.updatedAt))); // the rest of the answer landed
    expect(await search(names[0]!)).not.toContain(c.processId);

    // Still: a final process is never overwritten by a non-final answer, nor by an older one.
    await upsertProcess(db(), c.dossierId, {
      ...upstream,
      status: 'processing',
      updatedAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await upsertProcess(db(), c.dossierId, {
      ...upstream,
      status: 'rejected',
      updatedAt: '2001-01-01T00:00:00Z',
    });
    expect((await row(c.processId)).status).toBe(erased.status);
  });

  it('runs in the background shortly after start-up, on one of several instances only', async (ctx) => {
    if (skip) return ctx.skip();
    await setRetention(30);
    const c = await indexed('readid', 'readid.accepted');
    await backdate(c.processId, 40);
    const opts = {
      freshnessWindowMs: 2000,
      syncIntervalS: 3600,
      pollNonFinalS: 3600,
      retentionFirstRunMs: 20,
    };
    const instances = [0, 1].map(
      () => new SyncService(db(), stack.server.deps.client, createLogger('silent'), opts),
    );
    const leases = instances.map((s) => vi.spyOn(s, 'withLease'));
    const runs = instances.map((s) => vi.spyOn(s, 'erasePersonalData'));
    instances.forEach((s) => s.start());
    try {
      // Both instances ask for the retention lease; only the one that gets it erases.
      const attempts = await eventually(async () => {
        const all = leases.flatMap((l) =>
          l.mock.calls.flatMap(([name], i) => (name === 'retention' ? [l.mock.results[i]!.value] : [])),
        );
        return all.length === 2 ? all : undefined;
      });
      await Promise.all(attempts);
      expect(runs.map((r) => r.mock.calls.length).sort()).toEqual([0, 1]);
      expect((await row(c.processId)).personalDataErasedAt).toBeInstanceOf(Date);
    } finally {
      await Promise.all(instances.map((s) => s.stop()));
    }
    // Stopping hands the lease back: the instance that replaces them (a restart) need not wait out the hour.
    const next = new SyncService(db(), stack.server.deps.client, createLogger('silent'), opts);
    let ran = false;
    await next.withLease('retention', RETENTION_INTERVAL_S, async () => void (ran = true));
    await next.stop();
    expect(ran).toBe(true);
  });
});
