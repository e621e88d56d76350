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

/**
 * Starts a sign-in attempt. It is recorded *before* its password is checked, so guesses sent in parallel are counted
 * as they arrive: of any number of concurrent attempts on one username, at most MAX_FAILURES get past this check.
 * An address is limited by its settled failures only, so colleagues behind one address signing in at the same
 * moment do not lock each other out. Returns the attempt's id (`failLoginAttempt` on a wrong password,
 * `clearLoginFailures` on success) and, when blocked, the seconds to wait (the attempt is then not kept). Kept in
 * the database, so every server instance applies the same limit.
 */
export async function beginLoginAttempt(db: Db, username: string, address: string): Promise<{ id: number; wait: number }> {
  // Old attempts are of no further use.
  await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(Date.now() - WINDOW_MS)));
  const [attempt] = await db.insert(loginAttempts).values({ username, address, pending: true }).returning({ id: loginAttempts.id });
  const id = attempt!.id;
  const wait = await blockedFor(db, username, address);
  if (wait > 0) await db.delete(loginAttempts).where(eq(loginAttempts.id, id));
  return { id, wait };
}

/** A wrong password: the attempt becomes a failure of its address too. */
export async function failLoginAttempt(db: Db, id: number) {
  await db.update(loginAttempts).set({ pending: false }).where(eq(loginAttempts.id, id));
}

/** Seconds until the oldest counted attempt leaves the window, when the username (this attempt included) or the address is over the limit. */
async function blockedFor(db: Db, username: string, address: string): Promise<number> {
  const since = new Date(Date.now() - WINDOW_MS);
  const byAddress = and(eq(loginAttempts.address, address), eq(loginAttempts.pending, false));
  const rows = await db
    .select({
      byUser: sql<number>`count(*) FILTER (WHERE ${loginAttempts.username} = ${username})::int`,
      byAddress: sql<number>`count(*) FILTER (WHERE ${byAddress})::int`,
      oldestUser: sql<string | null>`min(${loginAttempts.at}) FILTER (WHERE ${loginAttempts.username} = ${username})`,
      oldestAddress: sql<string | null>`min(${loginAttempts.at}) FILTER (WHERE ${byAddress})`,
    })
    .from(loginAttempts)
    .where(and(gt(loginAttempts.at, since), or(eq(loginAttempts.username, username), byAddress)));
  const r = rows[0];
  if (!r) return 0;
  const waits: number[] = [];
  if (r.byUser > MAX_FAILURES && r.oldestUser) waits.push(Date.parse(r.oldestUser) + WINDOW_MS - Date.now());
  if (r.byAddress >= MAX_FAILURES && r.oldestAddress) waits.push(Date.parse(r.oldestAddress) + WINDOW_MS - Date.now());
  return waits.length ? Math.max(1, Math.ceil(Math.max(...waits) / 1000)) : 0;
}

/** A successful sign-in forgets the username's failures (and its own attempt). */
export async function clearLoginFailures(db: Db, username: string) {
  await db.delete(loginAttempts).where(eq(loginAttempts.username, username));
}
