import { eventSchema, verifySignature } from '../assure/events';
import type { PolicyRoutes } from '../auth/guard';
import type { AppDeps } from '../context';
import { webhookEvents } from '../db/schema';
import { badRequest, HttpError } from '../lib/errors';
import { errorFields } from '../lib/logger';

// POST /api/webhooks/assure (contract §6): verify the raw bytes first, reject expired events, deduplicate on id,
// answer at once and re-read the process in the background (the event is only a hint).
export function webhookRoutes(r: PolicyRoutes, { database, sync, config, log }: AppDeps) {
  r.post('/api/webhooks/assure', async (c) => {
    const secret = config.assure?.webhookSecret;
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!secret) throw new HttpError(401, 'webhooks_disabled', 'Webhooks are not configured (ASSURE_WEBHOOK_SECRET).');
    const signatureHeader = config.assure?.signatureHeader ?? 'X-Signicat-Signature';
    if (!verifySignature(raw, c.req.header(signatureHeader), secret)) {
      log.warn('webhook with a bad signature refused', { requestId: c.get('requestId') });
      throw new HttpError(401, 'bad_signature', 'The event signature is missing or wrong.');
    }
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      throw badRequest('The event is not valid JSON.', 'invalid_json');
    }
    const parsed = eventSchema.safeParse(body);
    if (!parsed.success) throw badRequest('The event does not match the Assure event envelope.', 'invalid_event');
    const event = parsed.data;
    if (Date.parse(event.expiresAt) < Date.now()) throw badRequest('The event has expired.', 'expired_event');

    const inserted = await database.db
      .insert(webhookEvents)
      .values({ id: event.id, eventName: event.eventName, processId: event.eventData.processId ?? null })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.id });
    const { dossierId, processId } = event.eventData;
    if (inserted.length > 0 && dossierId && processId) {
      void sync
        .track(sync.refresh(dossierId, processId))
        .catch((err) => log.warn('webhook refresh failed', { processId, ...errorFields(err) }));
    }
    return c.json({ received: true, duplicate: inserted.length === 0 }, 202);
  });
}
