import type { Db } from './client';
import { webhookEvents } from './schema';

/** Records an Assure event by its id; false when it was seen before (a redelivery). */
export async function recordWebhookEvent(
  db: Db,
  event: { id: string; eventName: string; processId: string | null },
): Promise<boolean> {
  const inserted = await db
    .insert(webhookEvents)
    .values(event)
    .onConflictDoNothing()
    .returning({ id: webhookEvents.id });
  return inserted.length > 0;
}
