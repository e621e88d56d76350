import type { Db } from '../db/client';
import {
  countAttemptBuckets,
  countDeviceAttempts,
  deleteAttempt,
  deleteAttemptsBefore,
  deleteBucketFailures,
  insertPendingAttempt,
  settleAttempt,
} from '../db/login-attempts';

/**
 * Sign-in limits (issue #15), kept in the database so every instance applies the same ones. Failures are counted in
 * buckets; past a bucket's free allowance each further attempt waits a back-off that doubles, counted from the
 * bucket's latest attempt:
 * - per username and address (IPv6 by /64): PAIR_FREE_FAILURES, then 30 s, 1 min, 2 min … at most 15 min;
 * - a browser holding a device cookie for the username (it signed in with it before) is its own bucket instead, so
 *   guesses from elsewhere — another address, or others behind the same one — never lock it out;
 * - per username over every address, for browsers without the device cookie: USER_FREE_FAILURES (distributed guessing);
 * - per address over every username (password spraying): ADDRESS_FREE_FAILURES settled failures, and at most
 *   MAX_IN_FLIGHT_PER_ADDRESS passwords being checked at once.
 * An attempt is recorded before its password is checked and counts while in flight, so parallel guesses (to one
 * instance or several) cannot get past a limit together.
 */
export const PAIR_FREE_FAILURES = 10;
export const USER_FREE_FAILURES = 30;
export const ADDRESS_FREE_FAILURES = 30;
/** Sign-ins of one address with their passwords being checked at once, beyond which further ones wait a moment. */
export const MAX_IN_FLIGHT_PER_ADDRESS = 20;
export const MAX_BACKOFF_S = 15 * 60;
/** How long attempts are remembered. */
export const WINDOW_MS = 60 * 60_000;
const IN_FLIGHT_WAIT_S = 2;

/** Seconds to wait before the next attempt once `counted` attempts are over a bucket's free allowance. */
export function backoffS(counted: number, free: number, baseS: number): number {
  if (counted < free) return 0;
  return Math.min(MAX_BACKOFF_S, baseS * 2 ** Math.min(counted - free, 20));
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs the sign-in attempts of one username one at a time on this instance, so that several correct sign-ins of
 * one account at the same moment (tabs, a test rig) never count as pending against each other; across instances
 * the reservation in `beginLoginAttempt` keeps the limit exact.
 */
export function oneAtATime<T>(username: string, fn: () => Promise<T>): Promise<T> {
  const run = (queues.get(username) ?? Promise.resolve()).then(fn);
  const settled = run.catch(() => undefined);
  queues.set(username, settled);
  void settled.then(() => queues.get(username) === settled && queues.delete(username));
  return run;
}

/** Who is signing in: the username (lower case), the address's limit group, and the device cookie's id if valid. */
export interface AttemptSource {
  username: string;
  address: string;
  device?: string;
}

/**
 * Starts a sign-in attempt: records it, then checks the limits with it counted. Returns the attempt's id and, when
 * blocked, the seconds to wait (the attempt is then not kept).
 */
export async function beginLoginAttempt(
  db: Db,
  username: string,
  address: string,
  device?: string,
): Promise<{ id: number; wait: number }> {
  // Old attempts are of no further use.
  await deleteAttemptsBefore(db, new Date(Date.now() - WINDOW_MS));
  const id = await insertPendingAttempt(db, username, address, device ?? null);
  const wait = await blockedFor(db, { username, address, device }, id);
  if (wait > 0) await endLoginAttempt(db, id);
  return { id, wait };
}

/** A wrong password: the attempt becomes a settled failure. */
export async function failLoginAttempt(db: Db, id: number) {
  await settleAttempt(db, id);
}

/** Forgets an attempt that was refused before its password was checked, or that failed on an error of ours. */
export async function endLoginAttempt(db: Db, id: number) {
  await deleteAttempt(db, id);
}

/** Seconds until `latest` plus `backoff` seconds, at least 1; 0 when there is no back-off. */
function waitFrom(latest: string | Date | null, backoff: number): number {
  if (backoff <= 0) return 0;
  const from = latest ? new Date(latest).getTime() : Date.now();
  return Math.ceil((from + backoff * 1000 - Date.now()) / 1000);
}

/** Seconds to wait when a bucket of this attempt is over its allowance and its back-off has not passed, else 0. */
async function blockedFor(db: Db, s: AttemptSource, selfId: number): Promise<number> {
  const since = new Date(Date.now() - WINDOW_MS);
  const waits: number[] = [];
  if (s.device) {
    // A recognised browser: only its own attempts count.
    const r = await countDeviceAttempts(db, { username: s.username, device: s.device }, since, selfId);
    waits.push(waitFrom(r?.latest ?? null, backoffS(r?.n ?? 0, PAIR_FREE_FAILURES, 30)));
  } else {
    const r = await countAttemptBuckets(db, s, since, selfId);
    if (!r) return 0;
    waits.push(waitFrom(r.pairLatest, backoffS(r.pair, PAIR_FREE_FAILURES, 30)));
    waits.push(waitFrom(r.userLatest, backoffS(r.user, USER_FREE_FAILURES, 60)));
    waits.push(waitFrom(r.failedHereLatest, backoffS(r.failedHere, ADDRESS_FREE_FAILURES, 60)));
    // Passwords being checked count against the address's allowance too, so a burst cannot get past it.
    if (r.failedHere + r.inFlightHere > ADDRESS_FREE_FAILURES || r.inFlightHere > MAX_IN_FLIGHT_PER_ADDRESS)
      waits.push(IN_FLIGHT_WAIT_S);
  }
  const wait = Math.max(0, ...waits);
  return wait > 0 ? Math.max(1, wait) : 0;
}

/**
 * A successful sign-in forgets its own attempt and the settled failures of its bucket: this device's, or this
 * username and address's. Failures elsewhere (other addresses' guesses) stay counted, and so do attempts in flight.
 */
export async function clearLoginFailures(db: Db, s: AttemptSource, attemptId: number) {
  await deleteBucketFailures(db, s, attemptId);
}
