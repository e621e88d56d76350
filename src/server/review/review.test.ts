import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@domain/policy';
import { verifyAuditChain } from '../audit/audit';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { startTestStack } from '../../../test-support/stack';
import type { TestClient } from '../../../test-support/test-server';

type Stack = Awaited<ReturnType<typeof startTestStack>>;

describe.each(DB_KINDS)('review, retries, roles and audit on %s', (kind) => {
  let stack: Stack;
  let skip = false;
  const as: Partial<Record<Role, TestClient>> = {};

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    stack = await startTestStack({ db: kind, sandbox: { dossiers: 5 } });
    for (const role of ROLES) as[role] = await stack.server.login(role);
  });
  afterAll(async () => stack?.close());

  const db = () => stack.server.deps.database.db;

  /** A fresh inconclusive ReadID process known to the index. */
  async function inconclusive() {
    const c = stack.sandbox.control.createProcess({
      provider: 'readid',
      scenario: 'readid.cloneFailed',
      stayPending: true,
    });
    stack.sandbox.control.advance(c.processId, 'final');
    await stack.server.deps.sync.refresh(c.dossierId, c.processId);
    return c;
  }

  it('refuses a decision without the CSRF token and one by a manager', async (ctx) => {
    if (skip) return ctx.skip();
    const c = await inconclusive();
    const body = { outcome: 'approve', reasonCode: 'verified_manually', note: '' };
    expect(
      (await as.reviewer!.request('POST', `/api/processes/${c.processId}/decisions`, body, { csrf: false }))
        .status,
    ).toBe(403);
    expect((await as.manager!.request('POST', `/api/processes/${c.processId}/decisions`, body)).status).toBe(
      403,
    );
    const timeline = await as.reviewer!.json<{ items: unknown[] }>(
      'GET',
      `/api/processes/${c.processId}/timeline`,
    );
    expect(
      timeline.body.items.filter((i) => (i as { action: string }).action === 'review.decision'),
    ).toHaveLength(0);
  });

  it('lets exactly one of two concurrent claims win; the other sees who holds it', async (ctx) => {
    if (skip) return ctx.skip();
    const second = await (async () => {
      const { createUser } = await import('../db/users');
      await createUser(db(), `reviewer2-${kind}`, 'reviewer', 'another-password-123');
      return stack.server.login(`reviewer2-${kind}`, 'another-password-123');
    })();
    const c = await inconclusive();
    const [a, b] = await Promise.all([
      as.reviewer!.json<{ error?: { message: string } }>('POST', `/api/processes/${c.processId}/claim`),
      second.json<{ error?: { message: string } }>('POST', `/api/processes/${c.processId}/claim`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error!.message).toMatch(/reviewer2|reviewer/);
    // The loser cannot decide while the claim holds.
    const loserClient = a.status === 409 ? as.reviewer! : second;
    const res = await loserClient.json('POST', `/api/processes/${c.processId}/decisions`, {
      outcome: 'approve',
      reasonCode: 'verified_manually',
    });
    expect(res.status).toBe(409);
  });

  it('requires a reason to reject, records the decision durably with an audit entry', async (ctx) => {
    if (skip) return ctx.skip();
    const c = await inconclusive();
    const noReason = await as.reviewer!.json<{ error: { message: string } }>(
      'POST',
      `/api/processes/${c.processId}/decisions`,
      { outcome: 'reject', note: 'x' },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/reason/i);
    const ok = await as.reviewer!.json<{ outcome: string; reasonCode: string }>(
      'POST',
      `/api/processes/${c.processId}/decisions`,
      {
        outcome: 'reject',
        reasonCode: 'suspected_fraud',
        note: 'Chip looks cloned',
      },
    );
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ outcome: 'reject', reasonCode: 'suspected_fraud' });
    const again = await as.reviewer!.json('POST', `/api/processes/${c.processId}/decisions`, {
      outcome: 'retry',
      reasonCode: 'retry_requested',
    });
    expect(again.status).toBe(409);
    const detail = await as.reviewer!.json<{
      process: { status: string };
      review: { decision: { outcome: string } };
    }>('GET', `/api/processes/${c.processId}`);
    // Decisions never rewrite Assure's status; both are shown.
    expect(detail.body.process.status).toBe('inconclusive');
    expect(detail.body.review.decision.outcome).toBe('reject');
    const timeline = await as.reviewer!.json<{ items: Array<{ action: string; actor: string }> }>(
      'GET',
      `/api/processes/${c.processId}/timeline`,
    );
    expect(timeline.body.items.some((i) => i.action === 'review.decision' && i.actor === 'reviewer')).toBe(
      true,
    );
  });

  it('shows the review state of each row in the list, the live batch and the dossier: claimed, then decided', async (ctx) => {
    if (skip) return ctx.skip();
    const c = await inconclusive();
    type Item = { processId: string; review: unknown };
    const states = async () => {
      const list = await as.manager!.json<{ items: Item[] }>('GET', `/api/processes?q=${c.processId}`);
      const batch = await as.manager!.json<{ items: Item[] }>('POST', '/api/processes/batch', {
        processIds: [c.processId],
      });
      const dossier = await as.manager!.json<{ processes: Item[] }>('GET', `/api/dossiers/${c.dossierId}`);
      const pick = (items: Item[]) => items.find((i) => i.processId === c.processId)?.review;
      return [pick(list.body.items), pick(batch.body.items), pick(dossier.body.processes)];
    };
    expect(await states()).toEqual(Array(3).fill({ decision: null, decidedBy: null, claimedBy: null }));
    expect((await as.reviewer!.json('POST', `/api/processes/${c.processId}/claim`)).status).toBe(200);
    expect(await states()).toEqual(Array(3).fill({ decision: null, decidedBy: null, claimedBy: 'reviewer' }));
    // Clone detection failed: approving needs the acknowledgement, and four-eyes (on by default) a second reviewer.
    const decided = await as.reviewer!.json('POST', `/api/processes/${c.processId}/decisions`, {
      outcome: 'approve',
      reasonCode: 'verified_manually',
      acknowledgeFailedChecks: true,
    });
    expect(decided.status).toBe(201);
    expect(await states()).toEqual(
      Array(3).fill({
        decision: 'approve',
        decidedBy: 'reviewer',
        claimedBy: null,
        pendingSecondReview: true,
      }),
    );
  });

  it('refuses a decision based on a stale view with 409 (optimistic concurrency)', async (ctx) => {
    if (skip) return ctx.skip();
    const c = await inconclusive();
    const res = await as.reviewer!.json<{ error: { code: string } }>(
      'POST',
      `/api/processes/${c.processId}/decisions`,
      {
        outcome: 'approve',
        reasonCode: 'verified_manually',
        basedOnUpdatedAt: '2001-01-01T00:00:00Z',
      },
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('changed_upstream');
  });

  it('starts exactly one upstream process for 10 concurrent retries with the same idempotency key', async (ctx) => {
    if (skip) return ctx.skip();
    const c = await inconclusive();
    stack.sandbox.control.resetStats();
    const key = `retry-${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        as
          .operator!.request(
            'POST',
            `/api/dossiers/${c.dossierId}/retries`,
            {},
            { headers: { 'idempotency-key': key } },
          )
          .then(async (r) => ({
            status: r.status,
            body: (await r.json()) as { processId: string; url: string | null },
          })),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(results.map((r) => r.body.processId)).size).toBe(1);
    expect(results[0]!.body.url).toBeNull(); // ReadID: the end-user continues in the app
    const stats = stack.sandbox.control.stats();
    expect(stats.requests.createProcess + stats.requests.startCapture).toBe(1);
    // The new process is in the dossier and list immediately.
    const dossier = await as.operator!.json<{ processes: Array<{ processId: string }> }>(
      'GET',
      `/api/dossiers/${c.dossierId}`,
    );
    expect(dossier.body.processes.map((p) => p.processId)).toContain(results[0]!.body.processId);
  });

  it('hands over the capture link for a capture provider', async (ctx) => {
    if (skip) return ctx.skip();
    const c = await inconclusive();
    const res = await as.operator!.request(
      'POST',
      `/api/dossiers/${c.dossierId}/retries`,
      { provider: 'onfido', processType: 'documentSelfie' },
      { headers: { 'idempotency-key': `k-${randomUUID()}` } },
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { url: string };
    expect(body.url).toMatch(/^http/);
  });

  it('refuses a retry past the limit with a message that says the limit', async (ctx) => {
    if (skip) return ctx.skip();
    const c = await inconclusive();
    const post = (k: string) =>
      as.operator!.request(
        'POST',
        `/api/dossiers/${c.dossierId}/retries`,
        {},
        { headers: { 'idempotency-key': k } },
      );
    expect((await post(`a-${randomUUID()}`)).status).toBe(201);
    expect((await post(`b-${randomUUID()}`)).status).toBe(201);
    const third = await post(`c-${randomUUID()}`);
    expect(third.status).toBe(409);
    expect(((await third.json()) as { error: { message: string } }).error.message).toMatch(/limit.*2 of 2/);
    const missingKey = await as.operator!.request('POST', `/api/dossiers/${c.dossierId}/retries`, {});
    expect(missingKey.status).toBe(400);
  });

  it('masks personal data for a manager and lets a reviewer reveal with a reason (audited)', async (ctx) => {
    if (skip) return ctx.skip();
    const c = await inconclusive();
    const m = await as.manager!.json<{
      process: { providerSpecific: { consolidatedIdentityData: Record<string, string> } };
    }>('GET', `/api/processes/${c.processId}`);
    const cid = m.body.process.providerSpecific.consolidatedIdentityData;
    expect(cid.lastName).toBe('•••');
    expect(cid.documentNumber).toBe('•••');
    const r = await as.reviewer!.json<{
      process: { providerSpecific: { consolidatedIdentityData: Record<string, string> } };
    }>('GET', `/api/processes/${c.processId}`);
    expect(r.body.process.providerSpecific.consolidatedIdentityData.lastName).not.toBe('•••');
    expect(r.body.process.providerSpecific.consolidatedIdentityData.documentNumber).toBe('•••');
    const noReason = await as.reviewer!.json('POST', `/api/processes/${c.processId}/reveal`, {
      field: 'documentNumber',
      reason: '',
    });
    expect(noReason.status).toBe(400);
    const revealed = await as.reviewer!.json<{ values: Array<{ path: string; value: string }> }>(
      'POST',
      `/api/processes/${c.processId}/reveal`,
      { field: 'documentNumber', reason: 'Compare with the photo' },
    );
    expect(revealed.status).toBe(200);
    expect(revealed.body.values[0]!.value).not.toBe('•••');
    expect(
      (
        await as.manager!.json('POST', `/api/processes/${c.processId}/reveal`, {
          field: 'documentNumber',
          reason: 'curious',
        })
      ).status,
    ).toBe(403);
    // Nothing derived from the data (the explanation) carries it either.
    const managerView = JSON.stringify((await as.manager!.json('GET', `/api/processes/${c.processId}`)).body);
    const reviewerView = JSON.stringify(
      (await as.reviewer!.json('GET', `/api/processes/${c.processId}`)).body,
    );
    expect(managerView).not.toContain(revealed.body.values[0]!.value);
    expect(reviewerView).not.toContain(revealed.body.values[0]!.value);
    expect(managerView).not.toContain(r.body.process.providerSpecific.consolidatedIdentityData.lastName!);
    const audit = await as.admin!.json<{ items: Array<{ action: string; details: { reason: string } }> }>(
      'GET',
      `/api/audit?target=${c.processId}&action=pii.reveal`,
    );
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]!.details.reason).toBe('Compare with the photo');
  });

  it('keeps free-text notes and name searches from roles without personal-data rights', async (ctx) => {
    if (skip) return ctx.skip();
    const c = stack.sandbox.control.createProcess({
      provider: 'readid',
      scenario: 'readid.cloneFailed',
      lastName: 'QUIXOTEFINDME',
      stayPending: true,
    });
    stack.sandbox.control.advance(c.processId, 'final');
    await stack.server.deps.sync.refresh(c.dossierId, c.processId);
    const note = 'Called the end-user, date of birth confirmed';
    expect(
      (
        await as.reviewer!.json('POST', `/api/processes/${c.processId}/decisions`, {
          outcome: 'approve',
          reasonCode: 'verified_manually',
          note,
          acknowledgeFailedChecks: true,
        })
      ).status,
    ).toBe(201);
    const forManager = await as.manager!.json<{ review: { decision: { note: string } } }>(
      'GET',
      `/api/processes/${c.processId}`,
    );
    expect(forManager.body.review.decision.note).toBe('•••');
    const timeline = JSON.stringify(
      (await as.manager!.json('GET', `/api/processes/${c.processId}/timeline`)).body,
    );
    expect(timeline).not.toContain(note);
    expect(
      JSON.stringify((await as.reviewer!.json('GET', `/api/processes/${c.processId}/timeline`)).body),
    ).toContain(note);
    const search = async (who: TestClient, q: string) =>
      (
        await who.json<{ items: Array<{ processId: string }> }>('GET', `/api/processes?q=${q}`)
      ).body.items.map((i) => i.processId);
    expect(await search(as.reviewer!, 'quixotefind')).toContain(c.processId);
    expect(await search(as.manager!, 'quixotefind')).not.toContain(c.processId);
    expect(await search(as.manager!, c.processId.slice(0, 13))).toContain(c.processId);
  });

  it('exports the filtered audit log as CSV, and records the export', async (ctx) => {
    if (skip) return ctx.skip();
    const listed = await as.admin!.json<{ items: unknown[] }>('GET', '/api/audit?action=review.*&limit=500');
    const res = await as.admin!.get('/api/audit/export?action=review.*');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const [header, ...rows] = parse(await res.text(), { bom: true }) as string[][];
    expect(header).toEqual(['id', 'at', 'actor', 'action', 'target', 'requestId', 'details']);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toHaveLength(listed.body.items.length);
    expect(rows.every((r) => r[3]!.startsWith('review.'))).toBe(true);
    const exported = await as.admin!.json<{
      items: Array<{ details: { export: string; filters: { action: string } } }>;
    }>('GET', '/api/audit?action=export.csv');
    expect(exported.body.items[0]!.details).toMatchObject({
      export: 'audit',
      filters: { action: 'review.*' },
    });
    expect((await as.manager!.get('/api/audit/export')).status).toBe(403);
  });

  it('the database refuses UPDATE and DELETE on audit rows, and verify detects an edited row', async (ctx) => {
    if (skip) return ctx.skip();
    expect((await verifyAuditChain(db())).ok).toBe(true);
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => 'succeeded',
        (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`,
      );
    expect(
      await failure(
        db().execute(
          sql`UPDATE audit_events SET actor = 'mallory' WHERE id = (SELECT min(id) FROM audit_events)`,
        ),
      ),
    ).toMatch(/append-only/);
    expect(await failure(db().execute(sql`DELETE FROM audit_events`))).toMatch(/append-only/);
    // An attacker with the rights to drop the trigger still cannot edit undetected.
    await db().execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    await db().execute(
      sql`UPDATE audit_events SET actor = 'mallory' WHERE id = (SELECT min(id) + 1 FROM audit_events)`,
    );
    await db().execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
    const result = await verifyAuditChain(db());
    expect(result.ok).toBe(false);
    expect(result.brokenAt).toBeGreaterThan(0);
  });
});
