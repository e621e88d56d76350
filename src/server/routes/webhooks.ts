import { API } from '@domain/contracts';
import { eventSchema, signatureShape, verifySignature } from '../assure/events';
import type { Routes } from '../auth/guard';
import type { AppDeps } from '../context';
import { recordWebhookEvent } from '../db/webhook-events';
import { badRequest, HttpError } from '../lib/errors';
import { errorFields } from '../lib/logger';

// POST /api/webhooks/assure (contract §6, §9): verify the raw bytes first (current or previous secret; hex, base64,
// `sha256=`, comma-separated lists), reject expired events, deduplicate on id, answer at once and follow the event to
// its process in the background (the event is only a hint; it may name only the processId and the customer's
// reference). Routed on nothing but its data: not on eventName or sender.
export function webhookRoutes(r: Routes, { database, sync, config, log }: AppDeps) {
  r.on(API.assureWebhook, async (c) => {
    const secrets = [config.assure?.webhookSecret, config.assure?.webhookSecretPrevious].filter(
      (s): s is string => Boolean(s),
    );
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (secrets.length === 0 || !config.assure?.webhookSecret) {
      throw new HttpError(401, 'webhooks_disabled', 'Webhooks are not configured (ASSURE_WEBHOOK_SECRET).');
    }
    const signatureHeader = config.assure.signatureHeader ?? 'X-Signicat-Signature';
    const signature = c.req.header(signatureHeader);
    if (!verifySignature(raw, signature, secrets)) {
      // The header's shape (length, alphabet, prefix), never its value: enough to spot an encoding mismatch.
      log.warn('webhook with a bad signature refused', {
        requestId: c.get('requestId'),
        header: signatureHeader,
        shape: signatureShape(signature),
      });
      throw new HttpError(401, 'bad_signature', 'The event signature is missing or wrong.');
    }
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      throw badRequest('The event is not valid JSON.', 'invalid_json');
    }
    const parsed = eventSchema.safeParse(body);
    if (!parsed.success)
      throw badRequest('The event does not match the Assure event envelope.', 'invalid_event');
    const event = parsed.data;
    if (Date.parse(event.expiresAt) < Date.now()) throw badRequest('The event has expired.', 'expired_event');

    const { dossierId, processId, externalReference } = event.eventData;
    const fresh = await recordWebhookEvent(database.db, {
      id: event.id,
      eventName: event.eventName ?? '',
      processId: processId ?? null,
    });
    if (fresh) {
      const reference =
        externalReference === null || externalReference === undefined || externalReference === ''
          ? undefined
          : String(externalReference);
      void sync
        .track(
          sync.handleEvent({
            id: event.id,
            dossierId: dossierId ?? undefined,
            processId: processId ?? undefined,
            externalReference: reference,
          }),
        )
        .catch((err) => log.warn('webhook refresh failed', { processId, ...errorFields(err) }));
    }
    return { received: true as const, duplicate: !fresh };
  });
}
