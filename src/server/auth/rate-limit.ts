import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginAttempts } from '../db/schema';

export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60_000;

/**
 * Seconds until another sign-in may be tried, or 0: after MAX_FAILURES failures for a username or an address
 * within WINDOW_MS, further attempts wait until the oldest of them leaves the window. Kept in the database, so
 * every server instance applies the same limit.
 */
export async function loginBlockedFor(db: Db, username: string, address: string): Promise<number> {
  const since = new Date(Date.now() - WINDOW_MS);
  const rows = await db
    .select({
      byUser: sql<number>`count(*) FILTER (WHERE ${loginAttempts.username} = ${username})::int`,
      byAddress: sql<number>`count(*) FILTER (WHERE ${loginAttempts.address} = ${address})::int`,
      oldestUser: sql<string | null>`min(${loginAttempts.at}) FILTER (WHERE ${loginAttempts.username} = ${username})`,
      oldestAddress: sql<string | null>`min(${loginAttempts.at}) FILTER (WHERE ${loginAttempts.address} = ${address})`,
    })
    .from(loginAttempts)
    .where(and(gt(loginAttempts.at, since), or(eq(loginAttempts.username, username), eq(loginAttempts.address, address))));
  const r = rows[0];
  if (!r) return 0;
  const waits: number[] = [];
  if (r.byUser >= MAX_FAILURES && r.oldestUser) waits.push(Date.parse(r.oldestUser) + WINDOW_MS - Date.now());
  if (r.byAddress >= MAX_FAILURES && r.oldestAddress) waits.push(Date.parse(r.oldestAddress) + WINDOW_MS - Date.now());
  return waits.length ? Math.max(1, Math.ceil(Math.max(...waits) / 1000)) : 0;
}

export async function recordLoginFailure(db: Db, username: string, address: string) {
  await db.insert(loginAttempts).values({ username, address });
  // Old attempts are of no further use.
  await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(Date.now() - WINDOW_MS)));
}

export async function clearLoginFailures(db: Db, username: string) {
  await db.delete(loginAttempts).where(eq(loginAttempts.username, username));
}
