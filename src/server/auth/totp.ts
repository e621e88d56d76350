import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

// TOTP (RFC 6238) as authenticator apps expect it: SHA-1, 6 digits, 30 s steps, a 160-bit base32 secret.
const PERIOD = 30;
const ISSUER = 'Assure Desk';

const totpOf = (secretBase32: string, label = 'user') =>
  new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URL an authenticator app reads from the enrolment QR code. */
export function otpauthUrl(secretBase32: string, username: string): string {
  return totpOf(secretBase32, username).toString();
}

/**
 * The time step a code belongs to when it is valid now (one step of clock drift either way), else undefined.
 * The caller refuses a step that was already used, so a code cannot be replayed within its window.
 */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpOf(secretBase32).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? undefined : TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
}

/** The code of a given moment (tests and the e2e helper use it as an authenticator app would). */
export function totpCode(secretBase32: string, timestamp = Date.now()): string {
  return totpOf(secretBase32).generate({ timestamp });
}

// Recovery codes: 10 of them, 50 bits each from a 32-letter alphabet without look-alikes, shown once, stored hashed.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(10)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Recovery codes are random and long enough that a plain SHA-256 suffices; typing is forgiving about case and dashes. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256')
    .update(code.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .digest('hex');
}
