import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// Assure events (contract §6): envelope, signature check.

export const eventSchema = z.looseObject({
  id: z.string().min(1).max(200),
  timestamp: z.string(),
  eventName: z.string().min(1).max(200),
  eventData: z.looseObject({
    dossierId: z.string().min(1).max(200).optional(),
    processId: z.string().min(1).max(200).optional(),
    status: z.string().optional(),
  }),
  expiresAt: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'expiresAt must be a timestamp'),
});
export type AssureEvent = z.infer<typeof eventSchema>;

/** Lowercase hex HMAC-SHA256 of the raw body, compared in constant time. */
export function verifySignature(rawBody: Uint8Array, signature: string | undefined, secret: string): boolean {
  if (!signature || !/^[0-9a-fA-F]{64}$/.test(signature.trim())) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(signature.trim().toLowerCase(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
