import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginAttempts } from '../db/schema';

export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60_000;

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

/** Sign-ins of one address with their passwords being checked at once, beyond which further ones wait a moment. */
export const MAX_IN_FLIGHT_PER_ADDRESS = 2 * MAX_FAILURES;
const IN_FLIGHT_WAIT_S = 2;

/**
 * Starts a sign-in attempt. It is recorded *before* its password is checked, so guesses sent in parallel are counted
 * as they arrive: of any number of concurrent attempts on one username, at most MAX_FAILURES get past this check.
 * An address is limited by its settled failures, so colleagues behind one address signing in at the same moment do
 * not lock each other out, and by the attempts it has in flight (MAX_IN_FLIGHT_PER_ADDRESS), so a burst across many
 * usernames cannot check more passwords than that before its failures settle. Returns the attempt's id and, when
 * blocked, the seconds to wait (the attempt is then not kept). Kept in the database, so every server instance applies
 * the same limit.
 */
export async function beginLoginAttempt(db: Db, username: string, address: string): Promise<{ id: number; wait: number }> {
  // Old attempts are of no further use.
  await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(Date.now() - WINDOW_MS)));
  const [attempt] = await db.insert(loginAttempts).values({ username, address, pending: true }).returning({ id: loginAttempts.id });
  const id = attempt!.id;
  const wait = await blockedFor(db, username, address);
  if (wait > 0) await endLoginAttempt(db, id);
  return { id, wait };
}

/** A wrong password: the attempt becomes a failure of its address too. */
export async function failLoginAttempt(db: Db, id: number) {
  await db.update(loginAttempts).set({ pending: false }).where(eq(loginAttempts.id, id));
}

/** Forgets an attempt that was refused before its password was checked, or that failed on an error of ours. */
export async function endLoginAttempt(db: Db, id: number) {
  await db.delete(loginAttempts).where(eq(loginAttempts.id, id));
}

/** Seconds to wait when the username (this attempt included) or the address is over its limit, else 0. */
async function blockedFor(db: Db, username: string, address: string): Promise<number> {
  const since = new Date(Date.now() - WINDOW_MS);
  const failedHere = and(eq(loginAttempts.address, address), eq(loginAttempts.pending, false));
  const [r] = await db
    .select({
      byUser: sql<number>`count(*) FILTER (WHERE ${loginAttempts.username} = ${username})::int`,
      failedHere: sql<number>`count(*) FILTER (WHERE ${failedHere})::int`,
      inFlightHere: sql<number>`count(*) FILTER (WHERE ${loginAttempts.address} = ${address} AND ${loginAttempts.pending})::int`,
      oldestUser: sql<string | null>`min(${loginAttempts.at}) FILTER (WHERE ${loginAttempts.username} = ${username})`,
      oldestHere: sql<string | null>`min(${loginAttempts.at}) FILTER (WHERE ${failedHere})`,
    })
    .from(loginAttempts)
    .where(and(gt(loginAttempts.at, since), or(eq(loginAttempts.username, username), eq(loginAttempts.address, address))));
  if (!r) return 0;
  const untilOutOfWindow = (oldest: string | null) => (oldest ? Math.ceil((Date.parse(oldest) + WINDOW_MS - Date.now()) / 1000) : 1);
  const waits: number[] = [];
  if (r.byUser > MAX_FAILURES) waits.push(untilOutOfWindow(r.oldestUser));
  if (r.failedHere >= MAX_FAILURES) waits.push(untilOutOfWindow(r.oldestHere));
  if (r.failedHere + r.inFlightHere > MAX_IN_FLIGHT_PER_ADDRESS) waits.push(IN_FLIGHT_WAIT_S);
  return waits.length ? Math.max(1, ...waits) : 0;
}

/**
 * A successful sign-in forgets the username's settled failures and its own attempt. Attempts still in flight on
 * other instances stay counted until they settle.
 */
export async function clearLoginFailures(db: Db, username: string, attemptId: number) {
  await db
    .delete(loginAttempts)
    .where(and(eq(loginAttempts.username, username), or(eq(loginAttempts.pending, false), eq(loginAttempts.id, attemptId))));
}
