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
import type { VariantState } from './variants';

export const SIGNATURE_HEADER = 'X-Signicat-Signature';
export const EVENT_TTL_MS = 60_000;

export interface EventData {
  /** Left out by the `eventsWithoutDossierId` variant (contract §9). */
  dossierId?: string;
  processId: string;
  provider: ProviderId;
  /** A status as the variants report it (`not_matched`). */
  status: Status | (string & {});
  /** The dossier's own reference when the customer set one (contract §9), else the dossierId (§6 [A]). */
  externalReference?: string;
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

export function sign(body: string, secret: string, encoding: 'hex' | 'base64' = 'hex'): string {
  return createHmac('sha256', secret).update(body).digest(encoding);
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
      variants: VariantState;
      /** The customer's reference of a dossier, when it has one. */
      externalReferenceOf: (dossierId: string) => string | undefined;
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

  emit(
    eventName: string,
    data: { dossierId: string; processId: string; provider: ProviderId; status: Status },
  ): EventEnvelope | undefined {
    const now = this.deps.clock.now();
    const faults = this.deps.faults;
    const f = faults.get();
    const expired = faults.roll(f.webhookExpired);
    const envelope: EventEnvelope = {
      id: randomBytes(16).toString('hex'),
      timestamp: isoMillis(now),
      sender: 'assure-api',
      eventName,
      eventData: this.eventData(data),
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

  private eventData(data: {
    dossierId: string;
    processId: string;
    provider: ProviderId;
    status: Status;
  }): EventData {
    const variants = this.deps.variants.get();
    const reference = this.deps.externalReferenceOf(data.dossierId);
    const status = this.deps.variants.status(data.status);
    if (variants.eventsWithoutDossierId) {
      return {
        processId: data.processId,
        provider: data.provider,
        status,
        ...(reference ? { externalReference: reference } : {}),
      };
    }
    return { ...data, status, externalReference: reference ?? data.dossierId };
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
    const encoding = this.deps.variants.get().base64Signatures ? 'base64' : 'hex';
    if (secret) headers[SIGNATURE_HEADER] = sign(body, badSignature ? `${secret}-wrong` : secret, encoding);
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
