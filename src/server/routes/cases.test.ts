import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseItem, CaseListResponse, DossierCase } from '@domain/cases';
import type { ProcessListResponse } from '@domain/api';
import type { Role } from '@domain/policy';
import { createUser } from '../db/users';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { startTestStack } from '../../../test-support/stack';
import type { TestClient } from '../../../test-support/test-server';

type Stack = Awaited<ReturnType<typeof startTestStack>>;

// Cases over HTTP against the sandbox: the server indexes what the sandbox reports and the case follows.
describe.each(DB_KINDS)('cases on %s', (kind) => {
  let stack: Stack;
  let skip = false;
  const as: Partial<Record<Role, TestClient>> = {};

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    stack = await startTestStack({ db: kind, sandbox: { dossiers: 3 } });
    for (const role of ['reviewer', 'operator', 'manager', 'admin'] as const)
      as[role] = await stack.server.login(role);
  });
  afterAll(async () => stack?.close());

  const control = () => stack.sandbox.control;

  /** A new dossier whose first attempt ends with `scenario`, indexed by the server. */
  async function dossierWith(
    scenario: string,
    person: { firstName?: string; lastName?: string; country?: string } = {},
  ) {
    const c = control().createProcess({
      provider: scenario.split('.')[0] === 'paper' ? 'signicatpaper' : scenario.split('.')[0],
      scenario,
      stayPending: true,
      ...person,
    });
    control().advance(c.processId, 'final');
    await stack.server.deps.sync.refresh(c.dossierId, c.processId);
    return c;
  }

  async function startRetry(client: TestClient, dossierId: string, body: unknown = {}) {
    const res = await client.request('POST', `/api/dossiers/${dossierId}/retries`, body, {
      headers: { 'idempotency-key': `case-${randomUUID()}` },
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        processId: string;
        url: string | null;
        error?: { code: string; message: string };
      },
    };
  }

  const caseOf = async (client: TestClient, dossierId: string) =>
    (await client.json<{ case: DossierCase }>('GET', `/api/dossiers/${dossierId}`)).body.case;
  const queue = async (client: TestClient, params = '') =>
    (await client.json<CaseListResponse>('GET', `/api/cases${params}`)).body;
  const inQueue = (page: CaseListResponse, dossierId: string) =>
    page.items.find((i) => i.dossierId === dossierId);

  it('inconclusive → retry → accepted: needs_review, then awaiting_end_user, then resolved_by_retry; a further retry is 409', async (ctx) => {
    if (skip) return ctx.skip();
    const c = await dossierWith('onfido.faceMismatch');
    expect(await caseOf(as.reviewer!, c.dossierId)).toMatchObject({
      state: 'needs_review',
      processId: c.processId,
      attempts: 1,
      reasonCode: 'facialSimilarity.faceComparison',
      reason: 'Face comparison: Consider',
    });
    expect(inQueue(await queue(as.reviewer!), c.dossierId)).toMatchObject({
      state: 'needs_review',
      processId: c.processId,
      provider: 'onfido',
    });

    const started = await startRetry(as.operator!, c.dossierId);
    expect(started.status).toBe(201);
    const waiting = await caseOf(as.reviewer!, c.dossierId);
    expect(waiting).toMatchObject({
      state: 'awaiting_end_user',
      processId: started.body.processId,
      attempts: 2,
      retries: { used: 1 },
    });
    // The capture link is kept server-side: shown again on the case and on the pending process, to reviewers too.
    expect(waiting.captureLink).toMatchObject({
      processId: started.body.processId,
      url: started.body.url,
      startedBy: 'operator',
      provider: 'onfido',
    });
    const pending = await as.reviewer!.json<{ case: DossierCase }>(
      'GET',
      `/api/processes/${started.body.processId}`,
    );
    expect(pending.body.case.captureLink?.url).toBe(started.body.url);
    // Reviewers see the running retry: it left the review queue for the awaiting tab.
    expect(inQueue(await queue(as.reviewer!), c.dossierId)).toBeUndefined();
    expect(inQueue(await queue(as.reviewer!, '?state=awaiting_end_user'), c.dossierId)).toMatchObject({
      processId: started.body.processId,
    });

    control().advance(started.body.processId, 'final', 'onfido.clear');
    await stack.server.deps.sync.refresh(c.dossierId, started.body.processId);
    const resolved = await caseOf(as.reviewer!, c.dossierId);
    expect(resolved).toMatchObject({
      state: 'resolved_by_retry',
      processId: started.body.processId,
      attemptNumber: 2,
      captureLink: null,
    });
    expect(inQueue(await queue(as.reviewer!), c.dossierId)).toBeUndefined();

    const again = await startRetry(as.operator!, c.dossierId);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'case_resolved' });
    expect(again.body.error!.message).toContain('attempt #2');
    expect(again.body.error!.message).toContain(started.body.processId);

    // The processes list carries the case state and the desk's verdict next to Assure's status.
    const list = await as.reviewer!.json<ProcessListResponse>('GET', `/api/processes?q=${c.dossierId}`);
    const first = list.body.items.find((i) => i.processId === c.processId)!;
    expect(first).toMatchObject({
      status: 'inconclusive',
      caseState: 'resolved_by_retry',
      caseVerdict: 'verified by attempt #2',
    });
  });

  it('an inconclusive attempt followed only by a failed retry still needs review', async (ctx) => {
    if (skip) return ctx.skip();
    const c = await dossierWith('readid.cloneFailed');
    const started = await startRetry(as.operator!, c.dossierId);
    expect(started.status).toBe(201);
    control().advance(started.body.processId, 'final', 'failed.userAborted');
    await stack.server.deps.sync.refresh(c.dossierId, started.body.processId);
    expect(await caseOf(as.reviewer!, c.dossierId)).toMatchObject({
      state: 'needs_review',
      processId: c.processId,
      attempts: 2,
      reason: 'Chip clone detection failed',
    });
  });

  it('decided cases leave the queue and show who decided', async (ctx) => {
    if (skip) return ctx.skip();
    const c = await dossierWith('readid.iproovFailed');
    expect(inQueue(await queue(as.reviewer!), c.dossierId)).toBeDefined();
    const needsReview = async () =>
      (
        await as.reviewer!.json<ProcessListResponse>('GET', '/api/processes?caseState=needs_review&limit=200')
      ).body.items.map((i) => i.processId);
    expect(await needsReview()).toContain(c.processId);
    const d = await as.reviewer!.json('POST', `/api/processes/${c.processId}/decisions`, {
      outcome: 'reject',
      reasonCode: 'document_invalid',
      note: '',
    });
    expect(d.status).toBe(201);
    expect(inQueue(await queue(as.reviewer!), c.dossierId)).toBeUndefined();
    // "Needs review" in the processes list means the case needs review, not "Assure said inconclusive".
    expect(await needsReview()).not.toContain(c.processId);
    const decided = inQueue(await queue(as.reviewer!, '?state=decided'), c.dossierId);
    expect(decided).toMatchObject({
      state: 'decided',
      decision: { outcome: 'reject', actor: 'reviewer', reasonCode: 'document_invalid' },
    });
    const list = await as.reviewer!.json<ProcessListResponse>('GET', `/api/processes?q=${c.processId}`);
    expect(list.body.items[0]).toMatchObject({ caseState: 'decided', caseVerdict: 'Rejected by reviewer' });
  });

  it('managers assign a case to a reviewer, audited; a reviewer cannot; unknown, inactive and non-reviewer users are 400', async (ctx) => {
    if (skip) return ctx.skip();
    const c = await dossierWith('paper.noMrz');
    const path = `/api/cases/${c.dossierId}/assignee`;
    expect((await as.reviewer!.json('POST', path, { username: 'reviewer' })).status).toBe(403);
    expect((await as.operator!.json('POST', path, { username: 'reviewer' })).status).toBe(403);
    expect((await as.manager!.json('POST', path, { username: 'nobody-here' })).status).toBe(400);
    expect((await as.manager!.json('POST', path, { username: 'operator' })).status).toBe(400);
    const inactive = `gone-${kind}`;
    const u = await createUser(stack.server.deps.database.db, inactive, 'reviewer', 'another-password-123');
    await as.admin!.json('PATCH', `/api/users/${u.id}`, { active: false });
    expect((await as.manager!.json('POST', path, { username: inactive })).status).toBe(400);
    expect(
      (await as.manager!.json('POST', '/api/cases/no-such-dossier/assignee', { username: 'reviewer' }))
        .status,
    ).toBe(404);
    expect((await as.manager!.json('POST', path, { nobody: 1 })).status).toBe(400);

    const assigned = await as.manager!.json<CaseItem>('POST', path, { username: 'reviewer' });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee).toBe('reviewer');
    const mine = await queue(as.reviewer!, '?assignee=me');
    expect(mine.items.map((i) => i.dossierId)).toContain(c.dossierId);
    expect(mine.items.every((i) => i.assignee === 'reviewer')).toBe(true);
    expect(inQueue(await queue(as.reviewer!, '?assignee=unassigned'), c.dossierId)).toBeUndefined();
    // Managers see the queue with names masked.
    const managerView = inQueue(await queue(as.manager!, `?assignee=reviewer`), c.dossierId)!;
    expect(managerView.masked).toBe(true);
    expect(managerView.lastName).toMatch(/•••$/);

    expect((await as.manager!.json<CaseItem>('POST', path, { username: null })).body.assignee).toBeNull();
    const audit = await as.admin!.json<{
      items: Array<{ action: string; actor: string; details: Record<string, unknown> }>;
    }>('GET', `/api/audit?target=${c.dossierId}`);
    const actions = audit.body.items.filter((e) => e.action.startsWith('case.'));
    expect(actions.map((e) => [e.action, e.actor, e.details.assignee ?? null])).toEqual(
      expect.arrayContaining([
        ['case.assign', 'manager', 'reviewer'],
        ['case.unassign', 'manager', null],
      ]),
    );
  });

  it('waits from when Assure made the attempt inconclusive; overdue past the SLA, in SQL', async (ctx) => {
    if (skip) return ctx.skip();
    control().advanceClock(-3 * 3600);
    const old = await dossierWith('eid.inconclusive');
    control().advanceClock(3 * 3600);
    const fresh = await dossierWith('eid.inconclusive');
    const upstreamUpdatedAt = (
      await as.reviewer!.json<{ process: { updatedAt: string } }>('GET', `/api/processes/${old.processId}`)
    ).body.process.updatedAt;

    expect((await as.admin!.json('PUT', '/api/settings', { retryLimit: 2, reviewSlaHours: 2 })).status).toBe(
      200,
    );
    try {
      const page = await queue(as.reviewer!, '?limit=200');
      const o = inQueue(page, old.dossierId)!;
      expect(o.waitingSince).toBe(new Date(upstreamUpdatedAt).toISOString());
      expect(Date.parse(o.dueAt!) - Date.parse(o.waitingSince!)).toBe(2 * 3600_000);
      expect(o.overdue).toBe(true);
      expect(inQueue(page, fresh.dossierId)!.overdue).toBe(false);
      // Ordered by due time: the older case comes first.
      expect(page.items.findIndex((i) => i.dossierId === old.dossierId)).toBeLessThan(
        page.items.findIndex((i) => i.dossierId === fresh.dossierId),
      );
      const overdue = await queue(as.reviewer!, '?overdue=true&limit=200');
      expect(overdue.items.map((i) => i.dossierId)).toContain(old.dossierId);
      expect(overdue.items.map((i) => i.dossierId)).not.toContain(fresh.dossierId);
    } finally {
      await as.admin!.json('PUT', '/api/settings', { retryLimit: 2, reviewSlaHours: 24 });
    }
  });

  it('filters by state (several), reason, provider and country, counts per state, and pages by keyset', async (ctx) => {
    if (skip) return ctx.skip();
    const a = await dossierWith('readid.cloneFailed', { country: 'SWE' });
    const b = await dossierWith('readid.cloneFailed', { country: 'SWE' });
    const byReason = await queue(as.reviewer!, '?reason=chipCloneDetection&limit=200');
    expect(byReason.items.map((i) => i.dossierId)).toEqual(
      expect.arrayContaining([a.dossierId, b.dossierId]),
    );
    expect(byReason.items.every((i) => i.reasonCode === 'chipCloneDetection')).toBe(true);
    expect(byReason.reasons.map((r) => r.code)).toContain('chipCloneDetection');
    expect(
      (await queue(as.reviewer!, '?provider=onfido&limit=200')).items.every((i) =>
        i.providers.includes('onfido'),
      ),
    ).toBe(true);
    expect(
      (await queue(as.reviewer!, '?country=SWE&limit=200')).items.every((i) => i.documentCountry === 'SWE'),
    ).toBe(true);

    const all = await queue(
      as.reviewer!,
      '?state=needs_review,decided,resolved_by_retry,awaiting_end_user,in_progress,closed&limit=200',
    );
    const total = Object.values(all.counts).reduce((s, n) => s + n, 0);
    expect(all.items).toHaveLength(total);
    expect(all.counts.needs_review).toBeGreaterThanOrEqual(2);

    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: CaseListResponse = await queue(
        as.reviewer!,
        `?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.dossierId));
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(all.counts.needs_review!);
    expect(new Set(seen).size).toBe(seen.length);

    for (const bad of [
      '?state=bogus',
      '?limit=0',
      '?overdue=maybe',
      '?assignee=%3Cscript%3E',
      '?country=no%20way',
    ]) {
      const res = await as.reviewer!.json<{ error: { code: string } }>('GET', `/api/cases${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await as.operator!.json('GET', '/api/cases')).status).toBe(403);
  });

  it('finds people by what they type: case and diacritics folded, Ø Æ Å Ü Ă included, in the list and the queue', async (ctx) => {
    if (skip) return ctx.skip();
    const people = [
      { firstName: 'Åsa', lastName: 'SØRENSEN' },
      { firstName: 'Ioana', lastName: 'BĂLĂNESCU' },
      { firstName: 'Jürgen', lastName: 'MÜLLER' },
      { firstName: 'Ærlig', lastName: 'Łukasiewicz' },
    ];
    const made = [];
    for (const p of people) made.push(await dossierWith('readid.cloneFailed', p));
    const finds = async (q: string) => {
      const list = await as.reviewer!.json<ProcessListResponse>(
        'GET',
        `/api/processes?q=${encodeURIComponent(q)}&limit=200`,
      );
      const cases = await queue(as.reviewer!, `?q=${encodeURIComponent(q)}&limit=200`);
      return { list: list.body.items.map((i) => i.dossierId), cases: cases.items.map((i) => i.dossierId) };
    };
    const expectations: Array<[string, number]> = [
      ['Sorensen', 0],
      ['soerensen', 0],
      ['SØRENSEN', 0],
      ['Asa', 0],
      ['Aasa', 0],
      ['Balanescu', 1],
      ['bălă', 1],
      ['Muller', 2],
      ['Mueller', 2],
      ['jurgen', 2],
      ['Aerlig', 3],
      ['lukasiewicz', 3],
    ];
    for (const [q, index] of expectations) {
      const found = await finds(q);
      expect(found.list, `list finds ${q}`).toContain(made[index]!.dossierId);
      expect(found.cases, `queue finds ${q}`).toContain(made[index]!.dossierId);
    }
    expect((await finds('Sorensan')).list).not.toContain(made[0]!.dossierId);
    // A search with LIKE's own characters matches them literally.
    expect((await finds('S_rensen')).list).not.toContain(made[0]!.dossierId);
    expect((await finds('%')).list).toHaveLength(0);
  });
});
