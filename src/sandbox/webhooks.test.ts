/** Contract §6: signed event envelopes delivered to a real local HTTP receiver, with retries and faults. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from './index';
import { asRecord, control, startTestSandbox, type JsonRecord } from './test-helpers';

const SECRET = 'whsec-test-1234';

interface Received {
  raw: string;
  signature: string | undefined;
  body: JsonRecord;
  answered: number;
}

let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
/** Status codes to answer, in order; 200 once exhausted. */
let answers: number[] = [];
let sandbox: RunningSandbox;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const status = answers.shift() ?? 200;
      received.push({
        raw,
        signature: req.headers['x-signicat-signature'] as string | undefined,
        body: asRecord(JSON.parse(raw)),
        answered: status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/assure`;
  sandbox = await startTestSandbox({
    webhookUrl: receiverUrl,
    webhookSecret: SECRET,
    webhookRetryBaseMs: 100,
  });
});
afterAll(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});
beforeEach(() => {
  received = [];
  answers = [];
  sandbox.control.resetFaults();
  sandbox.control.setWebhook({ url: receiverUrl, secret: SECRET });
});

async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for webhook deliveries');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What a receiver must do first (contract §6): verify the raw bytes, constant-time. */
function validSignature(r: Received, secret = SECRET): boolean {
  if (!r.signature || !/^[0-9a-f]{64}$/.test(r.signature)) return false;
  const expected = createHmac('sha256', secret).update(r.raw).digest();
  return timingSafeEqual(expected, Buffer.from(r.signature, 'hex'));
}

function finish(
  scenario: string,
  extra: Record<string, unknown> = {},
): { dossierId: string; processId: string } {
  const { dossierId, processId } = sandbox.control.createProcess({ scenario, ...extra });
  sandbox.control.advance(processId, 'final');
  return { dossierId, processId };
}

describe('process.complete', () => {
  it('is POSTed once a process becomes final, signed with HMAC-SHA256 of the raw body', async () => {
    const attempts = sandbox.control.stats().webhooks.attempts;
    const { processId: pendingId } = sandbox.control.createProcess({ scenario: 'onfido.clear' });
    sandbox.control.advance(pendingId, 'processing');
    const { dossierId, processId } = finish('readid.cloneFailed');
    await waitFor(() => received.length >= 1);
    // Nothing for the process that only started processing: an event for it would have been sent first (deliveries
    // start in the order they are due), and the sandbox made one delivery attempt in all.
    expect(sandbox.control.stats().webhooks.attempts).toBe(attempts + 1);
    expect(received).toHaveLength(1);
    const [event] = received;
    expect(validSignature(event)).toBe(true);
    expect(validSignature(event, 'another-secret')).toBe(false);
    expect(event.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      timestamp: expect.any(String),
      sender: 'assure-api',
      eventName: 'process.complete',
      eventData: {
        dossierId,
        processId,
        provider: 'readid',
        status: 'inconclusive',
        externalReference: dossierId,
      },
      accountId: expect.any(String),
      organizationId: null,
      expiresAt: expect.any(String),
      tags: [],
    });
    const ttl = Date.parse(event.body.expiresAt as string) - Date.parse(event.body.timestamp as string);
    expect(ttl).toBe(60_000);
  });

  it('is retried with backoff after the receiver answers 500, with the same id and body', async () => {
    answers = [500, 503];
    const { processId } = finish('paper.accepted');
    await waitFor(() => received.length >= 3);
    expect(received.map((r) => r.answered)).toEqual([500, 503, 200]);
    expect(new Set(received.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(received.map((r) => r.raw)).size).toBe(1);
    expect(received.every((r) => validSignature(r))).toBe(true);
    expect(asRecord(received[2].body.eventData).processId).toBe(processId);
    const stats = sandbox.control.stats().webhooks;
    expect(stats.failedAttempts).toBeGreaterThanOrEqual(2);
    expect(stats.delivered).toBeGreaterThanOrEqual(1);
  });

  it('fires for finished-without-result processes too', async () => {
    finish('connect.error');
    await waitFor(() => received.length >= 1);
    expect(asRecord(received[0].body.eventData).status).toBe('failed');
  });
});

describe('webid.zip.ready', () => {
  it('announces when a WebID full result becomes downloadable', async () => {
    const { processId } = finish('webid.mismatch', { processType: 'videoid' });
    await waitFor(() => received.length >= 1);
    sandbox.control.advance(processId, 'zipReady');
    await waitFor(() => received.length >= 2);
    expect(received.map((r) => r.body.eventName)).toEqual(['process.complete', 'webid.zip.ready']);
    expect(asRecord(received[1].body.eventData)).toMatchObject({
      processId,
      provider: 'webid',
      status: 'inconclusive',
    });
  });
});

describe('webhook configuration and faults', () => {
  it('can be pointed elsewhere through the control API', async () => {
    expect((await control(sandbox.url, 'POST', '/webhook', { url: null })).body).toEqual({
      url: null,
      signed: true,
    });
    const attempts = sandbox.control.stats().webhooks.attempts;
    const unsent = finish('eid.accepted');
    expect(sandbox.control.stats().webhooks.attempts).toBe(attempts);
    expect(
      (await control(sandbox.url, 'POST', '/webhook', { url: receiverUrl, secret: SECRET })).body,
    ).toEqual({ url: receiverUrl, signed: true });
    const sent = finish('eid.accepted');
    await waitFor(() => received.length >= 1);
    // The later event arrived alone: the one finished while no URL was set was never sent.
    expect(received.map((r) => asRecord(r.body.eventData).processId)).toEqual([sent.processId]);
    expect(sandbox.control.webhookDeliveries().filter((d) => d.processId === unsent.processId)).toEqual([]);
    expect(sandbox.control.stats().webhooks.attempts).toBe(attempts + 1);
  });

  it('sends a bad signature, duplicates and drops on request', async () => {
    sandbox.control.setFaults({ webhookBadSignature: 1 });
    finish('eid.rejected');
    await waitFor(() => received.length >= 1);
    expect(received[0].signature).toMatch(/^[0-9a-f]{64}$/);
    expect(validSignature(received[0])).toBe(false);

    received = [];
    sandbox.control.setFaults({ webhookBadSignature: 0, webhookDuplicate: 1 });
    finish('eid.rejected');
    await waitFor(() => received.length >= 2);
    expect(received[0].raw).toBe(received[1].raw);
    expect(received.every((r) => validSignature(r))).toBe(true);

    received = [];
    sandbox.control.setFaults({ webhookDuplicate: 0, webhookDrop: 1 });
    const before = sandbox.control.stats().webhooks.dropped;
    const dropped = finish('eid.rejected');
    expect(sandbox.control.stats().webhooks.dropped).toBe(before + 1);
    // A later event (drops off) arrives alone: the dropped one was never sent.
    sandbox.control.setFaults({ webhookDrop: 0 });
    const later = finish('eid.rejected');
    await waitFor(() => received.length >= 1);
    expect(received.map((r) => asRecord(r.body.eventData).processId)).toEqual([later.processId]);
    expect(
      sandbox.control
        .webhookDeliveries()
        .filter((d) => d.processId === dropped.processId)
        .map((d) => d.outcome),
    ).toEqual(['dropped']);
  });

  it('sends events that have already expired, without retrying them', async () => {
    sandbox.control.setFaults({ webhookExpired: 1 });
    answers = [500];
    const { processId } = finish('onfido.clear');
    // The sandbox gives up after the first failed attempt (no retry is scheduled once it has).
    const outcomes = () =>
      sandbox.control
        .webhookDeliveries()
        .filter((d) => d.processId === processId)
        .map((d) => d.outcome);
    await waitFor(() => outcomes().includes('gave-up'));
    expect(outcomes()).toEqual(['failed', 'gave-up']);
    expect(received).toHaveLength(1);
    expect(Date.parse(received[0].body.expiresAt as string)).toBeLessThan(
      Date.parse(received[0].body.timestamp as string),
    );
  });
});
