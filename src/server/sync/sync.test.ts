import { createHmac, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../db/client';
import { findProcess } from '../db/processes';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { measureAmplification } from '../../../test-support/amplification';
import { eventually, startTestStack, WEBHOOK_SECRET } from '../../../test-support/stack';

type Stack = Awaited<ReturnType<typeof startTestStack>>;

const sign = (body: string, secret = WEBHOOK_SECRET) =>
  createHmac('sha256', secret).update(body).digest('hex');
const envelope = (over: Record<string, unknown> = {}, data: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: randomUUID().replace(/-/g, ''),
    timestamp: new Date().toISOString(),
    sender: 'assure-api',
    eventName: 'process.complete',
    eventData: {
      dossierId: 'd',
      processId: 'p',
      provider: 'readid',
      status: 'accepted',
      externalReference: 'd',
      ...data,
    },
    accountId: 'a-1',
    organizationId: null,
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
    tags: [],
    ...over,
  });

describe.each(DB_KINDS)('server ↔ Assure sandbox on %s', (kind) => {
  let stack: Stack;
  let skip = false;

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    stack = await startTestStack({ db: kind, sandbox: { dossiers: 25 } });
    await stack.server.deps.sync.discover();
  });
  afterAll(async () => stack?.close());

  const db = () => stack.server.deps.database.db;

  it('discovery fills the index with every seeded process', async (ctx) => {
    if (skip) return ctx.skip();
    const reviewer = await stack.server.login('reviewer');
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Array<{ processId: string }>; nextCursor: string | null } } =
        await reviewer.json('GET', `/api/processes?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...res.body.items.map((i) => i.processId));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(all.length).toBeGreaterThanOrEqual(25);
    // A second discovery re-fetches nothing that is final and unchanged.
    stack.sandbox.control.resetStats();
    await stack.server.deps.sync.discover();
    const stats = stack.sandbox.control.stats();
    expect(stats.requests.listDossiers).toBe(1);
    expect(stats.requests.getProcess + stats.requests.listProcesses).toBeLessThanOrEqual(all.length);
  });

  it('a forced outcome arrives by webhook', async (ctx) => {
    if (skip) return ctx.skip();
    const created = stack.sandbox.control.createProcess({
      provider: 'readid',
      scenario: 'readid.cloneFailed',
      stayPending: true,
    });
    await stack.server.deps.sync.refresh(created.dossierId, created.processId);
    expect((await findProcess(db(), created.processId))!.status).toBe('pending');
    stack.sandbox.control.advance(created.processId, 'final');
    const row = await eventually(async () => {
      const r = await findProcess(db(), created.processId);
      return r?.status === 'inconclusive' ? r : undefined;
    });
    expect(row.isFinal).toBe(true);
  });

  it('a forced outcome arrives by the polling fallback when webhooks are off', async (ctx) => {
    if (skip) return ctx.skip();
    stack.sandbox.control.setWebhook({ url: null });
    try {
      const created = stack.sandbox.control.createProcess({
        provider: 'onfido',
        scenario: 'onfido.caution',
        stayPending: true,
      });
      await stack.server.deps.sync.refresh(created.dossierId, created.processId);
      stack.sandbox.control.resetStats();
      stack.sandbox.control.advance(created.processId, 'final');
      expect((await findProcess(db(), created.processId))!.status).toBe('pending');
      // The fallback poll refreshes non-final processes not synced for POLL_NON_FINAL_S; here: force it due.
      await db().execute(
        sql`UPDATE processes SET synced_at = now() - interval '1 hour' WHERE process_id = ${created.processId}`,
      );
      await stack.server.deps.sync.pollOpenProcesses();
      expect((await findProcess(db(), created.processId))!.status).toBe('inconclusive');
      // The poll brought it: the sandbox attempted no webhook delivery at all.
      expect(stack.sandbox.control.stats().webhooks.attempts).toBe(0);
      expect(stack.sandbox.control.stats().requests.getProcess).toBeGreaterThan(0);
    } finally {
      stack.sandbox.control.setWebhook({
        url: `${stack.server.url}/api/webhooks/assure`,
        secret: WEBHOOK_SECRET,
      });
    }
  });

  it('refuses a forged signature with 401 and changes nothing', async (ctx) => {
    if (skip) return ctx.skip();
    const created = stack.sandbox.control.createProcess({
      provider: 'readid',
      scenario: 'readid.accepted',
      stayPending: true,
    });
    await stack.server.deps.sync.refresh(created.dossierId, created.processId);
    stack.sandbox.control.setWebhook({ url: null });
    stack.sandbox.control.advance(created.processId, 'final');
    const body = envelope({}, { dossierId: created.dossierId, processId: created.processId });
    const post = (headers: Record<string, string>, b = body) =>
      fetch(`${stack.server.url}/api/webhooks/assure`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: b,
      });
    expect((await post({ 'x-signicat-signature': sign(body, 'wrong-secret') })).status).toBe(401);
    expect((await post({})).status).toBe(401);
    const expired = envelope(
      { expiresAt: new Date(Date.now() - 1000).toISOString() },
      { dossierId: created.dossierId, processId: created.processId },
    );
    expect((await post({ 'x-signicat-signature': sign(expired) }, expired)).status).toBe(400);
    const malformed = '{"id": 1, ';
    expect((await post({ 'x-signicat-signature': sign(malformed) }, malformed)).status).toBe(400);
    // Whatever the server started in the background has finished: none of the refused events was recorded or followed.
    await stack.server.deps.sync.settled();
    expect(
      await query(db(), sql`SELECT id FROM webhook_events WHERE process_id = ${created.processId}`),
    ).toEqual([]);
    expect((await findProcess(db(), created.processId))!.status).toBe('pending');
    stack.sandbox.control.setWebhook({
      url: `${stack.server.url}/api/webhooks/assure`,
      secret: WEBHOOK_SECRET,
    });
  });

  it('processes a replayed event once', async (ctx) => {
    if (skip) return ctx.skip();
    const created = stack.sandbox.control.createProcess({
      provider: 'readid',
      scenario: 'readid.accepted',
      stayPending: true,
    });
    const body = envelope({}, { dossierId: created.dossierId, processId: created.processId });
    const send = () =>
      fetch(`${stack.server.url}/api/webhooks/assure`, {
        method: 'POST',
        headers: { 'x-signicat-signature': sign(body) },
        body,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { duplicate: boolean } }));
    stack.sandbox.control.resetStats();
    const first = await send();
    const second = await send();
    expect(first).toEqual({ status: 202, body: { received: true, duplicate: false } });
    expect(second).toEqual({ status: 202, body: { received: true, duplicate: true } });
    // Both answers are in, so both events' background work (if any) has started; wait for all of it to finish.
    await stack.server.deps.sync.settled();
    expect(await findProcess(db(), created.processId)).toMatchObject({ processId: created.processId });
    expect(stack.sandbox.control.stats().requests.getProcess).toBe(1);
  });

  it('keeps a process Assure no longer has, marked deleted upstream', async (ctx) => {
    if (skip) return ctx.skip();
    const created = stack.sandbox.control.createProcess({
      provider: 'onfido',
      scenario: 'onfido.clear',
      stayPending: true,
    });
    await stack.server.deps.sync.refresh(created.dossierId, created.processId);
    stack.sandbox.control.expireProcess(created.processId);
    await stack.server.deps.sync.refresh(created.dossierId, created.processId);
    const reviewer = await stack.server.login('reviewer');
    const res = await reviewer.json<{ deletedUpstream: boolean; process: { processId: string } }>(
      'GET',
      `/api/processes/${created.processId}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.deletedUpstream).toBe(true);
  });
});

describe('freshness without amplification', () => {
  it('50 clients polling 10 non-final processes for 10 s cost at most one Get process per process per window', async () => {
    const r = await measureAmplification({ clients: 50, processes: 10, seconds: 10, windowMs: 2000 });
    console.log(
      `amplification: ${r.reads} reads by 50 clients → ${r.upstream} upstream Get process (bound ${r.bound}; naive pass-through: ${r.reads})`,
    );
    expect(r.failures).toBe(0);
    expect(r.upstream).toBeLessThanOrEqual(r.bound);
    expect(r.reads).toBeGreaterThan(r.upstream * 10);
  }, 60_000);
});

describe('faults', () => {
  it('list and detail keep answering under upstream faults and the index converges afterwards', async () => {
    const stack = await startTestStack({
      db: 'pglite',
      sandbox: { dossiers: 10 },
      env: { FRESHNESS_WINDOW_MS: '100' },
    });
    try {
      await stack.server.deps.sync.discover();
      const created = stack.sandbox.control.createProcess({
        provider: 'readid',
        scenario: 'readid.cloneFailed',
        stayPending: true,
      });
      await stack.server.deps.sync.refresh(created.dossierId, created.processId);
      stack.sandbox.control.setWebhook({ url: null });
      stack.sandbox.control.setFaults({ latencyMs: 50, errorRate: 0.5, rate429: 0.2, tokenTtlS: 1 });
      stack.sandbox.control.advance(created.processId, 'final');
      const reviewer = await stack.server.login('reviewer');
      for (let i = 0; i < 20; i++) {
        expect((await reviewer.get('/api/processes?limit=20')).status).toBe(200);
        const detail = await reviewer.get(`/api/processes/${created.processId}`);
        expect(detail.status).toBe(200);
        await detail.arrayBuffer();
      }
      stack.sandbox.control.setFaults({ down: true });
      const down = await reviewer.json<{ stale: boolean }>('GET', `/api/processes/${created.processId}`);
      expect(down.status).toBe(200);
      stack.sandbox.control.resetFaults();
      const converged = await eventually(
        async () => {
          const r = await reviewer.json<{ process: { status: string }; stale: boolean }>(
            'GET',
            `/api/processes/${created.processId}`,
          );
          return r.body.process.status === 'inconclusive' ? r.body : undefined;
        },
        15_000,
        200,
      );
      expect(converged.process.status).toBe('inconclusive');
      const health = await reviewer.json<{ upstream: { state: string } }>('GET', '/api/health');
      expect(health.body.upstream.state).toBe('ok');
    } finally {
      await stack.close();
    }
  }, 60_000);
});
