import { createHmac, randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { NotificationConfig, NotificationEvent } from '../config';
import type { Db } from '../db/client';
import {
  claimDueNotifications,
  enqueueNotification,
  markDelivered,
  markFailed,
  type OutboxRow,
  type Tx,
} from '../db/notifications';
import type { Logger } from '../lib/logger';

// Notifications out: e-mail through SMTP (nodemailer) and a signed webhook (HMAC-SHA256 of the body, so a receiver
// such as a Slack or Teams adapter can check it came from us). Messages go through the outbox (src/server/db/
// notifications.ts): stored once per alert episode and channel, then delivered with retries and exponential back-off.
// A message carries counts, providers and links into the desk — never an end-user's name, document or id.

export const WEBHOOK_SIGNATURE_HEADER = 'X-Assure-Desk-Signature';
export const WEBHOOK_EVENT_HEADER = 'X-Assure-Desk-Event';
export const WEBHOOK_DELIVERY_HEADER = 'X-Assure-Desk-Delivery';

/** What a notification says: a subject line, plain text, and the structured facts (no personal data). */
export interface NotificationMessage {
  subject: string;
  text: string;
  data: Record<string, unknown>;
}

export interface NotifierOptions {
  /** First retry delay; doubles per attempt up to maxDelayMs (default 5 s → 1 h). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Attempts before giving up (default 10). */
  maxAttempts?: number;
  timeoutMs?: number;
}

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export class Notifier {
  private readonly mailer?: Transporter;

  constructor(
    private readonly db: Db,
    private readonly config: NotificationConfig,
    private readonly log: Logger,
    private readonly opts: NotifierOptions = {},
  ) {
    const smtp = config.smtp;
    if (smtp) {
      this.mailer = nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.tls === 'implicit',
        requireTLS: smtp.tls === 'starttls',
        ignoreTLS: smtp.tls === 'off',
        auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
        connectionTimeout: opts.timeoutMs ?? 10_000,
        greetingTimeout: opts.timeoutMs ?? 10_000,
        socketTimeout: opts.timeoutMs ?? 10_000,
      });
    }
  }

  /** The channels an event goes to with this configuration. */
  channels(event: NotificationEvent): string[] {
    const out: string[] = [];
    if (this.mailer && this.config.emailTo[event].length) out.push('email');
    if (this.config.webhook) out.push('webhook');
    return out;
  }

  /**
   * Stores the message for every configured channel, once per dedupe key (e.g. one alert episode). `tx` stores it in
   * the caller's transaction, so the message exists exactly when what it tells of does (e.g. a pending decision).
   */
  async notify(
    event: NotificationEvent,
    dedupeKey: string,
    message: NotificationMessage,
    tx?: Db | Tx,
  ): Promise<number> {
    return enqueueNotification(tx ?? this.db, {
      dedupeKey,
      event,
      payload: message,
      channels: this.channels(event),
    });
  }

  /** Sends what is due; returns how many were delivered. */
  async deliverDue(limit = 20): Promise<number> {
    let delivered = 0;
    for (const row of await claimDueNotifications(this.db, limit)) {
      try {
        await this.send(row);
        await markDelivered(this.db, row.id);
        delivered++;
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        const max = this.opts.maxAttempts ?? 10;
        const delay = Math.min(
          (this.opts.baseDelayMs ?? 5000) * 2 ** (row.attempts - 1),
          this.opts.maxDelayMs ?? 3600_000,
        );
        await markFailed(this.db, row.id, error, row.attempts >= max ? 'give-up' : { retryInMs: delay });
        this.log.warn('notification not delivered', {
          id: row.id,
          channel: row.channel,
          event: row.event,
          attempt: row.attempts,
          err: error.slice(0, 200),
        });
      }
    }
    return delivered;
  }

  private async send(row: OutboxRow) {
    const message = row.payload as NotificationMessage;
    if (row.channel === 'email') {
      const to = this.config.emailTo[row.event as NotificationEvent] ?? [];
      if (!this.mailer || !to.length) throw new Error('e-mail is no longer configured for this event');
      await this.mailer.sendMail({
        from: this.config.smtp!.from,
        to,
        subject: message.subject,
        text: message.text,
        headers: { 'X-Assure-Desk-Event': row.event },
      });
      return;
    }
    if (row.channel === 'webhook') {
      const hook = this.config.webhook;
      if (!hook) throw new Error('the webhook is no longer configured');
      // `text` first: Slack's and Teams' incoming-webhook adapters show it as it is.
      const body = JSON.stringify({
        id: `${row.id}`,
        event: row.event,
        sentAt: new Date().toISOString(),
        text: `${message.subject}\n${message.text}`,
        data: message.data,
      });
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_SIGNATURE_HEADER]: signBody(body, hook.secret),
          [WEBHOOK_EVENT_HEADER]: row.event,
          [WEBHOOK_DELIVERY_HEADER]: `${row.id}-${randomUUID()}`,
        },
        body,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
      await res.body?.cancel().catch(() => {});
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
      return;
    }
    throw new Error(`unknown channel ${row.channel}`);
  }

  close() {
    this.mailer?.close();
  }
}
