import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/client';
import { sharedSecret } from '../db/secrets';

/**
 * The device cookie (OWASP's "device cookies" against lock-out): set at a successful sign-in, HttpOnly, signed for
 * that username. A sign-in that brings a valid one for the username it signs in as is counted on its own, per device,
 * so guesses from elsewhere (another address, or colleagues and attackers behind the same one) do not lock it out.
 * Value: `<nonce>.<HMAC-SHA-256(key, username ":" nonce)>`; the username is not in the cookie.
 */
export const DEVICE_COOKIE = 'ad_device';
/** A year: the browser stays recognised as long as someone keeps signing in with it. */
export const DEVICE_COOKIE_MAX_AGE_S = 365 * 86_400;

const keys = new WeakMap<Db, Promise<Buffer>>();
function keyOf(db: Db) {
  let key = keys.get(db);
  if (!key) {
    key = sharedSecret(db, 'device-cookie');
    keys.set(db, key);
    key.catch(() => keys.delete(db));
  }
  return key;
}

const sign = (key: Buffer, username: string, nonce: string) =>
  createHmac('sha256', key).update(`${username}:${nonce}`).digest('base64url');

export async function issueDeviceCookie(db: Db, username: string): Promise<string> {
  const nonce = randomBytes(16).toString('base64url');
  return `${nonce}.${sign(await keyOf(db), username, nonce)}`;
}

/** The device's id when `value` is a valid device cookie for `username`, else undefined. */
export async function verifiedDevice(
  db: Db,
  username: string,
  value: string | undefined,
): Promise<string | undefined> {
  const m = value ? /^([\w-]{22})\.([\w-]{43})$/.exec(value) : null;
  if (!m) return undefined;
  const expected = Buffer.from(sign(await keyOf(db), username, m[1]!));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? m[1] : undefined;
}
