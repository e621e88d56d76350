import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt from node:crypto: memory-hard, no native add-on to build. Stored as scrypt$N$r$p$salt$hash.
// OWASP's current minimum for scrypt: N=2^17, r=8, p=1 (128 MiB per hash). Hashes with lower parameters still verify
// and are replaced at the user's next successful sign-in.
export const PARAMS = { N: 2 ** 17, r: 8, p: 1 };
const KEYLEN = 32;
/** scrypt needs 128 * N * r * p bytes; Node's default cap (32 MiB) is below that. */
const maxmem = (o: { N: number; r: number; p: number }) => 128 * o.N * o.r * o.p + 16 * 1024 * 1024;
/** Stored parameters beyond these are refused rather than computed (a tampered row must not exhaust memory). */
const MAX_N = 2 ** 20;

function derive(password: string, salt: Buffer, opts: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...opts, maxmem: maxmem(opts) };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEYLEN, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

function parse(stored: string) {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const valid =
    scheme === 'scrypt' &&
    salt &&
    hash &&
    Number.isInteger(params.N) &&
    params.N >= 2 &&
    params.N <= MAX_N &&
    (params.N & (params.N - 1)) === 0 &&
    Number.isInteger(params.r) &&
    params.r >= 1 &&
    params.r <= 32 &&
    Number.isInteger(params.p) &&
    params.p >= 1 &&
    params.p <= 16;
  return valid ? { params, salt: salt!, hash: hash! } : undefined;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const expected = Buffer.from(parsed.hash, 'base64url');
  const key = await derive(password, Buffer.from(parsed.salt, 'base64url'), parsed.params);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when the stored hash was made with weaker parameters than today's: re-hash at the next sign-in. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return false;
  const { N, r, p } = parsed.params;
  return N < PARAMS.N || r < PARAMS.r || p < PARAMS.p;
}

/** A hash to compare against when the user does not exist, so timing does not reveal valid usernames. */
export const DUMMY_HASH_PROMISE = hashPassword('not-a-real-password');
