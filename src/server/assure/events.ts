import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// Assure events (contract §6, corrected by §9): envelope, signature check.

const optionalId = z.string().min(1).max(200).nullish();

export const eventSchema = z.looseObject({
  id: z.string().min(1).max(200),
  timestamp: z.string().nullish(),
  // Not routed on (§9: the catalogue names types `<service>:<event>`); kept for the record.
  eventName: z.string().min(1).max(200).nullish(),
  eventData: z.looseObject({
    dossierId: optionalId,
    processId: optionalId,
    status: z.string().nullish(),
    // The customer's own reference of the dossier (§9), never our dossier id.
    externalReference: z.union([z.string().max(500), z.number()]).nullish(),
  }),
  expiresAt: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'expiresAt must be a timestamp'),
});
export type AssureEvent = z.infer<typeof eventSchema>;

const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const PREFIX = /^(sha256|hmac-sha256|v1)[=:]/i;

/** The candidate signatures in a header: comma-separated, each with an optional `sha256=` prefix, hex or base64. */
export function signatureCandidates(header: string | undefined): Buffer[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => part.trim().replace(PREFIX, '').trim())
    .filter((part) => part.length > 0 && part.length <= 200)
    .flatMap((part) => {
      if (part.length === 64 && HEX.test(part)) return [Buffer.from(part, 'hex')];
      if (BASE64.test(part) || BASE64URL.test(part)) {
        const bytes = Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
        return bytes.length === 32 ? [bytes] : [];
      }
      return [];
    });
}

/**
 * Whether any signature in the header is the HMAC-SHA256 of the raw body under any of the secrets (the current and,
 * during a rotation, the previous one). Hex, base64 (and base64url), a `sha256=` prefix and comma-separated lists are
 * accepted (contract §9: the vendor's encoding is not documented). Compared in constant time.
 */
export function verifySignature(
  rawBody: Uint8Array,
  header: string | undefined,
  secrets: string | readonly (string | undefined)[],
): boolean {
  const keys = (typeof secrets === 'string' ? [secrets] : secrets).filter((s): s is string => Boolean(s));
  const given = signatureCandidates(header);
  if (keys.length === 0 || given.length === 0) return false;
  let ok = false;
  for (const key of keys) {
    const expected = createHmac('sha256', key).update(rawBody).digest();
    for (const candidate of given)
      ok = (candidate.length === expected.length && timingSafeEqual(candidate, expected)) || ok;
  }
  return ok;
}

/** What a signature header looks like, for the log on failure: never its value (contract §9). */
export function signatureShape(header: string | undefined): Record<string, unknown> {
  if (header === undefined) return { present: false };
  const parts = header.split(',').map((p) => p.trim());
  return {
    present: true,
    length: header.length,
    parts: parts.length,
    shapes: parts.slice(0, 5).map((part) => {
      const prefix = PREFIX.exec(part)?.[0] ?? null;
      const value = prefix ? part.slice(prefix.length) : part;
      const alphabet =
        value === ''
          ? 'empty'
          : HEX.test(value)
            ? 'hex'
            : BASE64.test(value)
              ? 'base64'
              : BASE64URL.test(value)
                ? 'base64url'
                : 'other';
      return { prefix, length: value.length, alphabet };
    }),
  };
}
