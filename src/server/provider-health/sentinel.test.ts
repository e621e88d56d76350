import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerHealthResponseSchema } from '@domain/provider-health';
import type { NotificationConfig } from '../config';
import { outboxRows } from '../db/notifications';
import { processColumns } from '../db/processes';
import { processes } from '../db/schema';
import { createLogger } from '../lib/logger';
import { Notifier, WEBHOOK_SIGNATURE_HEADER } from '../notifications/notifier';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { startNotificationSinks, type NotificationSinks } from '../../../test-support/notification-sinks';
import { startTestServer, type TestServer } from '../../../test-support/test-server';
import { alertMessage } from './alert-message';
import { runSentinel } from './sentinel';
import { prng } from '../../../test-support/prng';

// The sentinel end to end on a real database: a seeded outage at one provider raises `alert` while the others stay
// `ok`; one alert episode sends exactly one e-mail (to a real SMTP server started here) and one signed webhook (to a
// local HTTP receiver that fails its first delivery, so the retry is exercised); the episode ends when the provider
// recovers, and a new outage is a new episode. No personal data leaves: the seeded names never appear.

const HOUR = 3600_000;
const NOW = new Date('2026-11-20T12:00:00Z');
const SECRET = 'webhook-secret-for-tests-0123456789';

let n = 0;
/** A final process that became final at `at` (its updated_at). */
function proc(provider: string, processType: string, status: string, at: Date, failReason?: string) {
  const id = `p-${n++}`;
  return processColumns(`d-${id}`, {
    processId: id,
    provider,
    processType,
    status,
    createdAt: new Date(at.getTime() - 600_000).toISOString(),
    updatedAt: at.toISOString(),
    ...(failReason ? { failReason } : {}),
    finalResult: { firstName: 'Kari', lastName: 'Nordmann', documentNumber: 'XN1234567' },
  });
}

/** Normal traffic: ~12 % inconclusive, ~6 % failed (mostly the end-user's doing). */
function normal(next: () => number, provider: string, processType: string, at: Date) {
  const u = next();
  if (u < 0.12) return proc(provider, processType, 'inconclusive', at);
  if (u < 0.18) return proc(provider, processType, 'failed', at, next() < 0.8 ? 'timeout' : 'technicalError');
  return proc(provider, processType, 'accepted', at);
}

const PROVIDERS: Array<[string, string]> = [
  ['readid', 'ready'],
  ['onfido', 'document'],
  ['eid', 'unattended'],
];

type Row = ReturnType<typeof proc>;
async function seed(db: TestServer['deps']['database']['db'], rows: Row[]) {
  for (let i = 0; i < rows.length; i += 200) await db.insert(processes).values(rows.slice(i, i + 200));
}

describe.each(DB_KINDS)('provider-health sentinel on %s', (kind) => {
  let server: TestServer;
  let skip = false;
  let sinks: NotificationSinks;
  let notifier: Notifier;

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    server = await startTestServer({ db: kind });
    sinks = await startNotificationSinks();
    sinks.failNext(500); // the first delivery fails, so the retry is exercised
    const config: NotificationConfig = {
      smtp: {
        host: '127.0.0.1',
        port: sinks.smtpPort,
        tls: 'off',
        from: 'Assure Desk <desk@example.com>',
      },
      emailTo: { 'sentinel.alert': ['oncall@example.com'], 'sla.overdue': [], 'review.four_eyes': [] },
      webhook: { url: sinks.webhookUrl, secret: SECRET },
      overduePeriodMinutes: 1440,
    };
    notifier = new Notifier(server.deps.database.db, config, createLogger('silent'), { baseDelayMs: 1 });

    // 14 days of baseline for three providers, then normal last two hours for all but Onfido, which fails.
    const next = prng(19).next;
    const rows: Row[] = [];
    for (const [provider, type] of PROVIDERS) {
      for (let i = 0; i < 400; i++)
        rows.push(normal(next, provider, type, new Date(NOW.getTime() - 2 * HOUR - next() * 13 * 24 * HOUR)));
      if (provider !== 'onfido')
        for (let i = 0; i < 40; i++)
          rows.push(normal(next, provider, type, new Date(NOW.getTime() - next() * 2 * HOUR)));
    }
    for (let i = 0; i < 40; i++) {
      const at = new Date(NOW.getTime() - next() * 2 * HOUR);
      rows.push(
        i % 4 === 0
          ? proc('onfido', 'document', 'accepted', at)
          : proc('onfido', 'document', 'failed', at, 'technicalError'),
      );
    }
    await seed(server.deps.database.db, rows);
  }, 180_000);
  afterAll(async () => {
    notifier?.close();
    await sinks?.close();
    await server?.close();
  });

  const run = (now: Date) =>
    runSentinel(server.deps.database.db, {
      now,
      onAlert: async (e) => {
        await notifier.notify(
          'sentinel.alert',
          `sentinel.alert:${e.provider}:${e.processType ?? ''}:${e.since.toISOString()}`,
          alertMessage(e, { windowMinutes: 120, publicUrl: 'https://desk.example.com' }),
        );
      },
    });

  async function deliverAll() {
    for (let i = 0; i < 50; i++) {
      await notifier.deliverDue();
      const rows = await outboxRows(server.deps.database.db);
      if (rows.every((r) => r.deliveredAt || r.gaveUpAt)) return rows;
      await new Promise((r) => setTimeout(r, 20)); // the back-off is 1 ms per attempt here
    }
    throw new Error('notifications not delivered');
  }

  it('raises alert for the failing provider only, stores it and serves it to signed-in users', async (ctx) => {
    if (skip) return ctx.skip();
    const result = await run(NOW);
    const state = Object.fromEntries(result.rows.map((r) => [r.provider, r.state]));
    expect(state).toEqual({ readid: 'ok', onfido: 'alert', eid: 'ok' });
    expect(result.newEpisodes.map((e) => e.provider)).toEqual(['onfido']);

    const reviewer = await server.login('reviewer');
    const res = await reviewer.json<unknown>('GET', '/api/provider-health');
    expect(res.status).toBe(200);
    const body = providerHealthResponseSchema.parse(res.body);
    expect(body.computedAt).toBe(NOW.toISOString());
    const onfido = body.providers[0]!;
    expect(onfido).toMatchObject({ provider: 'onfido', processType: 'document', state: 'alert' });
    expect(onfido.window).toEqual({ total: 40, inconclusive: 0, failed: 30, upstreamErrors: 30 });
    expect(onfido.baseline.total).toBe(400);
    expect(onfido.reasons[0]).toMatchObject({ failReason: 'technicalError', window: 30 });
    expect(onfido.test.pValue!).toBeLessThan(0.001);
    expect(onfido.alternatives.sort()).toEqual(['eid', 'readid']);
    expect(body.providers.filter((p) => p.state !== 'ok')).toHaveLength(1);
    expect(body.settings.test).toMatch(/binomial/);
    expect(JSON.stringify(body)).not.toMatch(/Kari|Nordmann|XN1234567/);

    expect((await server.client().get('/api/provider-health')).status).toBe(401);
  });

  it('sends exactly one e-mail and one signed webhook per alert episode, retrying a failed delivery', async (ctx) => {
    if (skip) return ctx.skip();
    // The sentinel runs again (every minute): the episode goes on, nothing new is sent.
    const again = await run(new Date(NOW.getTime() + 60_000));
    expect(again.newEpisodes).toEqual([]);
    expect(again.rows.find((r) => r.provider === 'onfido')!.alertSince!.toISOString()).toBe(
      NOW.toISOString(),
    );
    const rows = await deliverAll();
    expect(rows.map((r) => [r.channel, Boolean(r.deliveredAt)])).toEqual([
      ['email', true],
      ['webhook', true],
    ]);
    expect(sinks.mails).toHaveLength(1);
    expect(sinks.mails[0]!.to).toEqual(['oncall@example.com']);
    expect(sinks.mails[0]!.body).toMatch(/Subject: Provider alert: Onfido \(document\)/);
    // The first webhook delivery got a 500; the retry succeeded: one message delivered, attempted twice.
    expect(sinks.hooks.map((h) => h.status)).toEqual([500, 204]);
    const delivered = sinks.hooks[1]!;
    expect(delivered.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()]).toBe(
      `sha256=${createHmac('sha256', SECRET).update(delivered.body).digest('hex')}`,
    );
    const payload = JSON.parse(delivered.body) as {
      event: string;
      text: string;
      data: { provider: string; link: string };
    };
    expect(payload.event).toBe('sentinel.alert');
    expect(payload.data.provider).toBe('onfido');
    expect(payload.data.link).toBe('https://desk.example.com/outcomes#provider-health');
    for (const text of [sinks.mails[0]!.body, delivered.body])
      expect(text).not.toMatch(/Kari|Nordmann|XN1234567/);
  });

  it('ends the episode when the provider recovers; a new outage is a new episode with its own notifications', async (ctx) => {
    if (skip) return ctx.skip();
    // Three hours later with normal traffic: the failures have left the window.
    const later = new Date(NOW.getTime() + 3 * HOUR);
    await seed(
      server.deps.database.db,
      Array.from({ length: 40 }, (_, i) =>
        proc('onfido', 'document', 'accepted', new Date(later.getTime() - (i + 1) * 60_000)),
      ),
    );
    const recovered = await run(later);
    expect(recovered.rows.find((r) => r.provider === 'onfido')).toMatchObject({
      state: 'ok',
      alertSince: null,
    });

    const outage = new Date(later.getTime() + 2 * HOUR);
    await seed(
      server.deps.database.db,
      Array.from({ length: 40 }, (_, i) =>
        proc('onfido', 'document', 'failed', new Date(outage.getTime() - (i + 1) * 60_000), 'technicalError'),
      ),
    );
    const second = await run(outage);
    expect(second.newEpisodes.map((e) => [e.provider, e.since.toISOString()])).toEqual([
      ['onfido', outage.toISOString()],
    ]);
    await deliverAll();
    expect(sinks.mails).toHaveLength(2);
    expect(sinks.hooks.filter((h) => h.status === 204)).toHaveLength(2);
  });
});
