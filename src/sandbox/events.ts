/**
 * Contract §6 events: `process.complete` each time a process becomes final, `webid.zip.ready` when a WebID zip can be
 * downloaded. Envelope {id, timestamp, sender 'assure-api', eventName, eventData, accountId, organizationId null,
 * expiresAt, tags}; header X-Signicat-Signature = lowercase hex HMAC-SHA256 of the raw body with the secret.
 * Retries with exponential backoff on non-2xx or network error until expiresAt. Faults: drop, duplicate,
 * bad signature, reorder (delay), already expired.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { isoMillis, type Clock } from './clock';
import type { FaultState } from './faults';
import type { WebhookCounters } from './stats';
import type { ProviderId, Status } from './types';

export const SIGNATURE_HEADER = 'X-Signicat-Signature';
export const EVENT_TTL_MS = 60_000;

export interface EventData {
  dossierId: string;
  processId: string;
  provider: ProviderId;
  status: Status;
  externalReference: string;
}

export interface EventEnvelope {
  id: string;
  timestamp: string;
  sender: 'assure-api';
  eventName: string;
  eventData: EventData;
  accountId: string;
  organizationId: string | null;
  expiresAt: string;
  tags: string[];
}

export interface DeliveryLogEntry {
  eventId: string;
  eventName: string;
  processId: string;
  attempt: number;
  at: string;
  outcome: 'delivered' | 'failed' | 'dropped' | 'gave-up';
  status?: number;
  error?: string;
}

export interface WebhookTarget {
  url?: string;
  secret?: string;
}

export function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export class Webhooks {
  private target: WebhookTarget;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly log: DeliveryLogEntry[] = [];
  private closed = false;

  constructor(
    private readonly deps: {
      clock: Clock;
      faults: FaultState;
      counters: WebhookCounters;
      accountId: string;
      target: WebhookTarget;
      retryBaseMs: number;
    },
  ) {
    this.target = { ...deps.target };
  }

  configure(target: WebhookTarget): void {
    this.target = { ...target };
  }

  current(): WebhookTarget {
    return { ...this.target };
  }

  deliveries(): DeliveryLogEntry[] {
    return [...this.log];
  }

  emit(eventName: string, data: Omit<EventData, 'externalReference'>): EventEnvelope | undefined {
    const now = this.deps.clock.now();
    const faults = this.deps.faults;
    const f = faults.get();
    const expired = faults.roll(f.webhookExpired);
    const envelope: EventEnvelope = {
      id: randomBytes(16).toString('hex'),
      timestamp: isoMillis(now),
      sender: 'assure-api',
      eventName,
      eventData: { ...data, externalReference: data.dossierId },
      accountId: this.deps.accountId,
      organizationId: null,
      expiresAt: isoMillis(expired ? now - 1000 : now + EVENT_TTL_MS),
      tags: [],
    };
    if (!this.target.url || this.closed) return envelope;
    if (faults.roll(f.webhookDrop)) {
      this.deps.counters.dropped += 1;
      this.record(envelope, 0, 'dropped');
      return envelope;
    }
    const badSignature = faults.roll(f.webhookBadSignature);
    const copies = faults.roll(f.webhookDuplicate) ? 2 : 1;
    const delay = faults.roll(f.webhookReorder) ? 1000 + Math.floor(Math.random() * 2000) : 0;
    for (let i = 0; i < copies; i++)
      this.later(delay + i * 50, () => void this.deliver(envelope, badSignature, expired));
    return envelope;
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.closed) fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private async deliver(
    envelope: EventEnvelope,
    badSignature: boolean,
    noRetry: boolean,
    attempt = 1,
    startedAt = Date.now(),
  ): Promise<void> {
    const { url, secret } = this.target;
    if (!url || this.closed) return;
    const body = JSON.stringify(envelope);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'assure-sandbox-webhooks',
    };
    if (secret) headers[SIGNATURE_HEADER] = badSignature ? sign(body, `${secret}-wrong`) : sign(body, secret);
    this.deps.counters.attempts += 1;
    let status: number | undefined;
    let error: string | undefined;
    try {
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (status !== undefined && status >= 200 && status < 300) {
      this.deps.counters.delivered += 1;
      this.record(envelope, attempt, 'delivered', status);
      return;
    }
    this.deps.counters.failedAttempts += 1;
    this.record(envelope, attempt, 'failed', status, error);
    // Retry with exponential backoff until expiresAt (sandbox clock; also bounded in real time).
    const backoff = Math.min(this.deps.retryBaseMs * 2 ** (attempt - 1), 10_000);
    const expiresAt = Date.parse(envelope.expiresAt);
    const pastExpiry =
      this.deps.clock.now() + backoff >= expiresAt || Date.now() - startedAt + backoff >= EVENT_TTL_MS;
    if (noRetry || pastExpiry) {
      this.deps.counters.gaveUp += 1;
      this.record(envelope, attempt, 'gave-up', status, error);
      return;
    }
    this.later(backoff, () => void this.deliver(envelope, badSignature, noRetry, attempt + 1, startedAt));
  }

  private record(
    envelope: EventEnvelope,
    attempt: number,
    outcome: DeliveryLogEntry['outcome'],
    status?: number,
    error?: string,
  ): void {
    const entry: DeliveryLogEntry = {
      eventId: envelope.id,
      eventName: envelope.eventName,
      processId: envelope.eventData.processId,
      attempt,
      at: new Date().toISOString(),
      outcome,
    };
    if (status !== undefined) entry.status = status;
    if (error !== undefined) entry.error = error;
    this.log.push(entry);
    if (this.log.length > 200) this.log.shift();
  }
}
