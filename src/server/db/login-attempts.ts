import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import { loginAttempts } from './schema';

// The sign-in attempts the limiter counts (src/server/auth/rate-limit.ts holds the policy).

/** Forgets attempts made before `before`. */
export async function deleteAttemptsBefore(db: Db, before: Date) {
  await db.delete(loginAttempts).where(lt(loginAttempts.at, before));
}

/** Records an attempt in flight; returns its id. */
export async function insertPendingAttempt(
  db: Db,
  username: string,
  address: string,
  device: string | null,
): Promise<number> {
  const [attempt] = await db
    .insert(loginAttempts)
    .values({ username, address, device, pending: true })
    .returning({ id: loginAttempts.id });
  return attempt!.id;
}

/** The attempt becomes a settled failure. */
export async function settleAttempt(db: Db, id: number) {
  await db.update(loginAttempts).set({ pending: false }).where(eq(loginAttempts.id, id));
}

export async function deleteAttempt(db: Db, id: number) {
  await db.delete(loginAttempts).where(eq(loginAttempts.id, id));
}

/** Attempts of a username from one device since `since`, other than `selfId`: how many, and the latest's time. */
export async function countDeviceAttempts(
  db: Db,
  s: { username: string; device: string },
  since: Date,
  selfId: number,
) {
  const other = sql`${loginAttempts.id} <> ${selfId}`;
  const [r] = await db
    .select({ n: sql<number>`count(*)::int`, latest: sql<string | null>`max(${loginAttempts.at})` })
    .from(loginAttempts)
    .where(
      and(
        gt(loginAttempts.at, since),
        eq(loginAttempts.username, s.username),
        eq(loginAttempts.device, s.device),
        other,
      ),
    );
  return r;
}

/**
 * Attempts without a device cookie since `since`, counted per bucket (each with its latest time): this username and
 * address, this username, this address's settled failures — all but `selfId` — and this address's attempts in flight.
 */
export async function countAttemptBuckets(
  db: Db,
  s: { username: string; address: string },
  since: Date,
  selfId: number,
) {
  const other = sql`${loginAttempts.id} <> ${selfId}`;
  const untrusted = isNull(loginAttempts.device);
  const pair = and(eq(loginAttempts.username, s.username), eq(loginAttempts.address, s.address));
  const user = eq(loginAttempts.username, s.username);
  const here = eq(loginAttempts.address, s.address);
  const failedHere = and(here, eq(loginAttempts.pending, false));
  const [r] = await db
    .select({
      pair: sql<number>`count(*) FILTER (WHERE ${pair} AND ${other})::int`,
      pairLatest: sql<string | null>`max(${loginAttempts.at}) FILTER (WHERE ${pair} AND ${other})`,
      user: sql<number>`count(*) FILTER (WHERE ${user} AND ${other})::int`,
      userLatest: sql<string | null>`max(${loginAttempts.at}) FILTER (WHERE ${user} AND ${other})`,
      failedHere: sql<number>`count(*) FILTER (WHERE ${failedHere})::int`,
      failedHereLatest: sql<string | null>`max(${loginAttempts.at}) FILTER (WHERE ${failedHere})`,
      inFlightHere: sql<number>`count(*) FILTER (WHERE ${here} AND ${loginAttempts.pending})::int`,
    })
    .from(loginAttempts)
    .where(and(gt(loginAttempts.at, since), untrusted, or(user, here)));
  return r;
}

/**
 * Deletes attempt `attemptId` and the settled failures of its bucket: the device's for this username, or (without a
 * device cookie) this username and address's.
 */
export async function deleteBucketFailures(
  db: Db,
  s: { username: string; address: string; device?: string },
  attemptId: number,
) {
  const bucket = s.device
    ? and(eq(loginAttempts.username, s.username), eq(loginAttempts.device, s.device))
    : and(
        eq(loginAttempts.username, s.username),
        eq(loginAttempts.address, s.address),
        isNull(loginAttempts.device),
      );
  await db
    .delete(loginAttempts)
    .where(or(eq(loginAttempts.id, attemptId), and(bucket, eq(loginAttempts.pending, false))));
}
