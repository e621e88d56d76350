import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../db/users';
import { startTestStack } from '../../../test-support/stack';
import type { TestClient } from '../../../test-support/test-server';

// Decisions that cannot go wrong (issue 14): reasons belong to an outcome, approving despite a failed evidence
// check needs an acknowledgement, and four-eyes holds such decisions for a different reviewer.

type Stack = Awaited<ReturnType<typeof startTestStack>>;
interface Decision {
  id: number;
  state: string;
  outcome: string;
  actor: string;
  confirmedBy: string | null;
}

describe('four-eyes review and reason codes per outcome', () => {
  let stack: Stack;
  let a: TestClient;
  let b: TestClient;
  let admin: TestClient;

  beforeAll(async () => {
    stack = await startTestStack({ db: 'pglite', sandbox: { dossiers: 1 } });
    await createUser(stack.server.deps.database.db, 'reviewer-b', 'reviewer', 'another-password-123');
    [a, b, admin] = await Promise.all([
      stack.server.login('reviewer'),
      stack.server.login('reviewer-b', 'another-password-123'),
      stack.server.login('admin'),
    ]);
  }, 60_000);
  afterAll(async () => stack?.close());

  async function inconclusive(scenario = 'readid.iproovFailed') {
    const c = stack.sandbox.control.createProcess({ provider: 'readid', scenario, stayPending: true });
    stack.sandbox.control.advance(c.processId, 'final');
    await stack.server.deps.sync.refresh(c.dossierId, c.processId);
    return c.processId;
  }
  const decide = (who: TestClient, processId: string, body: Record<string, unknown>) =>
    who.json<Decision & { error: { code: string; message: string } }>(
      'POST',
      `/api/processes/${processId}/decisions`,
      body,
    );

  it('offers each reason with its own outcome only, and refuses a reason of another outcome', async () => {
    const codes = await a.json<{
      items: Array<{ code: string; outcome: string; position: number; active: boolean }>;
    }>('GET', '/api/reason-codes');
    const byOutcome = (o: string) => codes.body.items.filter((r) => r.outcome === o).map((r) => r.code);
    expect(byOutcome('reject')).toContain('suspected_fraud');
    expect(byOutcome('approve')).not.toContain('suspected_fraud');
    expect(byOutcome('approve')[0]).toBe('verified_manually');

    const processId = await inconclusive('readid.cloneFailed');
    const wrong = await decide(a, processId, {
      outcome: 'approve',
      reasonCode: 'suspected_fraud',
      acknowledgeFailedChecks: true,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/reason to reject/);
  });

  it('lets admins add, rename, retire and order reason codes per outcome', async () => {
    const added = await admin.json<{ code: string; outcome: string; position: number }>(
      'POST',
      '/api/reason-codes',
      { code: 'selfie_is_a_photo', label: 'Selfie of a photo', outcome: 'reject' },
    );
    expect(added.status).toBe(201);
    expect(added.body.outcome).toBe('reject');
    expect(
      (await a.request('POST', '/api/reason-codes', { code: 'x_code', label: 'X', outcome: 'reject' }))
        .status,
    ).toBe(403);

    const renamed = await admin.json<{ label: string; position: number }>(
      'PATCH',
      '/api/reason-codes/selfie_is_a_photo',
      { label: 'Selfie shows a photo', position: 0 },
    );
    expect(renamed.body).toMatchObject({ label: 'Selfie shows a photo', position: 0 });
    const list = await a.json<{ items: Array<{ code: string; outcome: string }> }>(
      'GET',
      '/api/reason-codes',
    );
    expect(list.body.items.filter((r) => r.outcome === 'reject')[0]!.code).toBe('selfie_is_a_photo');

    expect((await admin.json('PATCH', '/api/reason-codes/selfie_is_a_photo', { active: false })).status).toBe(
      200,
    );
    const processId = await inconclusive();
    const retired = await decide(a, processId, { outcome: 'reject', reasonCode: 'selfie_is_a_photo' });
    expect(retired.status).toBe(400);
    expect((await admin.request('PATCH', '/api/reason-codes/nope', { label: 'x' })).status).toBe(404);
    expect(
      (await admin.request('PATCH', '/api/reason-codes/selfie_is_a_photo', { outcome: 'approve' })).status,
    ).toBe(400);
  });

  it('needs an acknowledgement to approve a failed-liveness case, then a different reviewer to confirm it', async () => {
    const processId = await inconclusive('readid.iproovFailed');
    const bare = await decide(a, processId, { outcome: 'approve', reasonCode: 'face_matches_document' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.code).toBe('acknowledgement_required');
    expect(bare.body.error.message).toMatch(/liveness/i);

    const pending = await decide(a, processId, {
      outcome: 'approve',
      reasonCode: 'face_matches_document',
      acknowledgeFailedChecks: true,
    });
    expect(pending.status).toBe(201);
    expect(pending.body.state).toBe('pending_second_review');

    // Still in the queue, under its state, for the others.
    const queue = await b.json<{ items: Array<{ processId: string; pendingDecision: Decision | null }> }>(
      'GET',
      '/api/review-queue',
    );
    expect(queue.body.items.find((i) => i.processId === processId)?.pendingDecision).toMatchObject({
      state: 'pending_second_review',
      actor: 'reviewer',
    });

    const own = await a.json<{ error: { code: string } }>(
      'POST',
      `/api/processes/${processId}/decisions/${pending.body.id}/confirm`,
      {},
    );
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('own_decision');

    const confirmed = await b.json<Decision>(
      'POST',
      `/api/processes/${processId}/decisions/${pending.body.id}/confirm`,
      {},
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ state: 'final', confirmedBy: 'reviewer-b', actor: 'reviewer' });
    expect(
      (await b.request('POST', `/api/processes/${processId}/decisions/${pending.body.id}/confirm`, {}))
        .status,
    ).toBe(409);

    const after = await b.json<{ items: Array<{ processId: string }> }>('GET', '/api/review-queue');
    expect(after.body.items.map((i) => i.processId)).not.toContain(processId);
    const timeline = await a.json<{
      items: Array<{ action: string; actor: string; details: Record<string, unknown> }>;
    }>('GET', `/api/processes/${processId}/timeline`);
    const steps = timeline.body.items
      .filter((i) => i.action.startsWith('review.'))
      .map((i) => [i.action, i.actor, i.details.state ?? null]);
    expect(steps).toEqual([
      ['review.decision', 'reviewer', 'pending_second_review'],
      ['review.confirm', 'reviewer-b', null],
    ]);
  });

  it('sends a pending decision back with a note: the case is open again', async () => {
    await admin.json('PUT', '/api/settings', { fourEyes: { reject: true } });
    const settings = await a.json<{
      fourEyes: { approveFailedChecks: boolean; reject: boolean };
      retryLimit: number;
    }>('GET', '/api/settings');
    expect(settings.body.fourEyes).toEqual({ approveFailedChecks: true, reject: true });

    const processId = await inconclusive();
    const pending = await decide(a, processId, { outcome: 'reject', reasonCode: 'suspected_fraud' });
    expect(pending.body.state).toBe('pending_second_review');
    expect(
      (
        await b.request('POST', `/api/processes/${processId}/decisions/${pending.body.id}/return`, {
          note: '',
        })
      ).status,
    ).toBe(400);
    const returned = await b.json<{ state: string }>(
      'POST',
      `/api/processes/${processId}/decisions/${pending.body.id}/return`,
      { note: 'The selfie looks fine to me; compare again' },
    );
    expect(returned.status).toBe(200);
    expect(returned.body.state).toBe('returned');
    const detail = await a.json<{ review: { decision: unknown } }>('GET', `/api/processes/${processId}`);
    expect(detail.body.review.decision).toBeNull();
    const timeline = await a.json<{ items: Array<{ action: string; details: Record<string, unknown> }> }>(
      'GET',
      `/api/processes/${processId}/timeline`,
    );
    expect(timeline.body.items.find((i) => i.action === 'review.return')?.details.note).toBe(
      'The selfie looks fine to me; compare again',
    );
    // A case without failed evidence checks: approving needs neither acknowledgement nor a second reviewer.
    await admin.json('PUT', '/api/settings', { fourEyes: { reject: false } });
    const final = await decide(a, processId, { outcome: 'reject', reasonCode: 'suspected_fraud' });
    expect(final.body.state).toBe('final');
    expect((await a.request('PUT', '/api/settings', { fourEyes: { reject: true } })).status).toBe(403);
  });
});
