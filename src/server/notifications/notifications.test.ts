import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../db/users';
import { outboxRows } from '../db/notifications';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import {
  startNotificationSinks,
  type NotificationSinks,
  type ReceivedHook,
} from '../../../test-support/notification-sinks';
import { startTestStack } from '../../../test-support/stack';
import type { TestClient } from '../../../test-support/test-server';
import { WEBHOOK_EVENT_HEADER, WEBHOOK_SIGNATURE_HEADER } from './notifier';
import { runOverdueSummary } from './overdue-summary';

// Notifications out beyond the sentinel (issue #19), through the real server's notifier and outbox: the overdue-SLA
// summary (at most once per period, counts only, a link into the queue's overdue cases) and the four-eyes request
// (exactly once per decision held for a second reviewer, with the provider and a link to the case). Delivered to a
// real SMTP server and a local HTTP receiver started here. The end-user's names and the reviewer's note never leave.

const SECRET = 'webhook-secret-for-tests-0123456789';
const HOUR = 3600_000;
const FIRST = 'Zyxwina';
const LAST = 'Quorvath';
const NOTE = `${FIRST} ${LAST} matches the photo on the chip`;

type Stack = Awaited<ReturnType<typeof startTestStack>>;

/** A mail's text as written (quoted-printable soft breaks and escapes undone). */
const decoded = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

describe.each(DB_KINDS)('notifications out on %s: overdue summary and four-eyes request', (kind) => {
  let skip = false;
  let sinks: NotificationSinks;
  let stack: Stack;
  let reviewer: TestClient;
  let second: TestClient;

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    sinks = await startNotificationSinks();
    stack = await startTestStack({
      db: kind,
      sandbox: { dossiers: 1 },
      env: {
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(sinks.smtpPort),
        SMTP_TLS: 'off',
        NOTIFY_FROM: 'Assure Desk <desk@example.com>',
        NOTIFY_EMAIL_SLA_OVERDUE: 'leads@example.com',
        NOTIFY_EMAIL_FOUR_EYES: 'reviewers@example.com',
        NOTIFY_WEBHOOK_URL: sinks.webhookUrl,
        NOTIFY_WEBHOOK_SECRET: SECRET,
      },
    });
    await createUser(stack.server.deps.database.db, 'reviewer-b', 'reviewer', 'another-password-123');
    [reviewer, second] = await Promise.all([
      stack.server.login('reviewer'),
      stack.server.login('reviewer-b', 'another-password-123'),
    ]);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    await sinks?.close();
  });

  /** An inconclusive ReadID process of a person named FIRST LAST, indexed (its case waits from now). */
  async function inconclusive(scenario = 'readid.iproovFailed') {
    const c = stack.sandbox.control.createProcess({
      provider: 'readid',
      scenario,
      stayPending: true,
      firstName: FIRST,
      lastName: LAST,
    });
    stack.sandbox.control.advance(c.processId, 'final');
    await stack.server.deps.sync.refresh(c.dossierId, c.processId);
    return c.processId;
  }

  async function deliverAll() {
    const db = stack.server.deps.database.db;
    for (let i = 0; i < 50; i++) {
      await stack.server.deps.notifier.deliverDue();
      if ((await outboxRows(db)).every((r) => r.deliveredAt || r.gaveUpAt)) return;
    }
    throw new Error('notifications not delivered');
  }
  const mailsTo = (address: string) => sinks.mails.filter((m) => m.to.includes(address));
  const hooksOf = (event: string) =>
    sinks.hooks.filter((h) => h.headers[WEBHOOK_EVENT_HEADER.toLowerCase()] === event);
  const payload = (h: ReceivedHook) =>
    JSON.parse(h.body) as { event: string; text: string; data: Record<string, unknown> };
  const signedWell = (h: ReceivedHook) =>
    h.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()] ===
    `sha256=${createHmac('sha256', SECRET).update(h.body).digest('hex')}`;

  it('sends the overdue summary at most once per period, with counts and a link to the overdue cases', async (ctx) => {
    if (skip) return ctx.skip();
    const ids = [await inconclusive(), await inconclusive(), await inconclusive('readid.cloneFailed')];
    const db = stack.server.deps.database.db;
    const notifier = stack.server.deps.notifier;
    const t0 = Date.now();
    const run = (offsetMs: number) =>
      runOverdueSummary(db, notifier, {
        periodMinutes: 60,
        publicUrl: 'https://desk.example.com',
        now: new Date(t0 + offsetMs),
      });

    // Within the 24 h SLA nothing is overdue: nothing to say.
    expect(await run(0)).toEqual({ overdue: 0, sent: null });
    // 25 hours on, all three are overdue: one summary; the job's later runs in the same hour add nothing.
    const first = await run(25 * HOUR);
    expect(first.overdue).toBe(3);
    expect(first.sent).not.toBeNull();
    expect((await run(25 * HOUR + 10 * 60_000)).sent).toBeNull();
    expect((await run(25 * HOUR + 59 * 60_000)).sent).toBeNull();
    await deliverAll();

    expect(mailsTo('leads@example.com')).toHaveLength(1);
    expect(hooksOf('sla.overdue')).toHaveLength(1);
    const mail = decoded(mailsTo('leads@example.com')[0]!.body);
    expect(mail).toMatch(/Subject: Review SLA: 3 cases overdue/);
    expect(mail).toContain('3 cases waited longer than the 24 h review SLA, of 3 waiting for a reviewer');
    expect(mail).toContain('By provider: ReadID 3.');
    expect(mail).toContain('Open the overdue cases: https://desk.example.com/review?overdue=1');
    const hook = hooksOf('sla.overdue')[0]!;
    expect(signedWell(hook)).toBe(true);
    expect(payload(hook).data).toMatchObject({
      overdue: 3,
      waiting: 3,
      slaHours: 24,
      byProvider: [{ provider: 'readid', overdue: 3, waiting: 3 }],
      link: 'https://desk.example.com/review?overdue=1',
    });
    // Counts only: no names and no process ids.
    for (const text of [mail, hook.body]) {
      expect(text).not.toMatch(new RegExp(`${FIRST}|${LAST}`));
      for (const id of ids) expect(text).not.toContain(id);
    }
    // The four-eyes recipients got none of it.
    expect(mailsTo('reviewers@example.com')).toHaveLength(0);

    // A period later, still overdue: the next summary.
    expect((await run(26 * HOUR + 60_000)).sent).not.toBeNull();
    await deliverAll();
    expect(mailsTo('leads@example.com')).toHaveLength(2);
    expect(hooksOf('sla.overdue')).toHaveLength(2);
  });

  it('asks for a second reviewer exactly once per decision held for one, with the provider and a link to the case', async (ctx) => {
    if (skip) return ctx.skip();
    const processId = await inconclusive('readid.iproovFailed');
    const decide = (who: TestClient, id: string, body: Record<string, unknown>) =>
      who.json<{ id: number; state: string }>('POST', `/api/processes/${id}/decisions`, body);

    const pending = await decide(reviewer, processId, {
      outcome: 'approve',
      reasonCode: 'face_matches_document',
      acknowledgeFailedChecks: true,
      note: NOTE,
    });
    expect(pending.status).toBe(201);
    expect(pending.body.state).toBe('pending_second_review');
    // A second attempt at a decision on the same case is refused, and asks for nothing.
    expect(
      (await decide(second, processId, { outcome: 'reject', reasonCode: 'document_expired' })).status,
    ).toBe(409);
    // A decision that is final at once (a reject, four-eyes covers approvals despite failed checks) asks for nothing.
    const other = await inconclusive('readid.cloneFailed');
    expect(
      (await decide(reviewer, other, { outcome: 'reject', reasonCode: 'document_expired' })).body.state,
    ).toBe('final');
    await deliverAll();

    expect(mailsTo('reviewers@example.com')).toHaveLength(1);
    expect(hooksOf('review.four_eyes')).toHaveLength(1);
    const link = `${stack.server.url}/processes/${processId}`;
    const mail = decoded(mailsTo('reviewers@example.com')[0]!.body);
    expect(mail).toMatch(/Subject: Four-eyes review requested: ReadID case/);
    expect(mail).toContain('An approval of a ReadID case waits for a second reviewer.');
    expect(mail).toContain(`Open the case: ${link}`);
    const hook = hooksOf('review.four_eyes')[0]!;
    expect(signedWell(hook)).toBe(true);
    expect(payload(hook).data).toEqual({
      decisionId: pending.body.id,
      provider: 'readid',
      outcome: 'approve',
      link,
    });
    // No end-user's name, no note, no reviewer.
    for (const text of [mail, hook.body]) {
      expect(text).not.toMatch(new RegExp(`${FIRST}|${LAST}|matches the photo`));
      expect(text).not.toMatch(/reviewer-b|"actor"/);
    }

    // The second reviewer confirms: the request is answered, nothing new goes out.
    const confirmed = await second.json<{ state: string }>(
      'POST',
      `/api/processes/${processId}/decisions/${pending.body.id}/confirm`,
      {},
    );
    expect(confirmed.body.state).toBe('final');
    await deliverAll();
    expect(mailsTo('reviewers@example.com')).toHaveLength(1);
    expect(hooksOf('review.four_eyes')).toHaveLength(1);
  });
});
