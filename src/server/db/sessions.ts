import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { sessions, users } from './schema';

/** A session with its user, as the lookup reads it. */
export type SessionRow = {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
  userId: number;
  username: string;
  role: string;
  active: boolean;
};

export async function insertSession(
  db: Db,
  row: { id: string; userId: number; csrfToken: string; expiresAt: Date; amr: string[] },
) {
  await db.insert(sessions).values(row);
}

/** The session lookup as a prepared statement (parsed and planned once per connection), one per database. */
const lookups = new WeakMap<
  Db,
  { execute(values: { id: string; now: Date; idleSince: Date }): Promise<SessionRow[]> }
>();
function lookup(db: Db) {
  let prepared = lookups.get(db);
  if (!prepared) {
    prepared = db
      .select({
        id: sessions.id,
        csrfToken: sessions.csrfToken,
        expiresAt: sessions.expiresAt,
        lastSeenAt: sessions.lastSeenAt,
        userId: users.id,
        username: users.username,
        role: users.role,
        active: users.active,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          eq(sessions.id, sql.placeholder('id')),
          gt(sessions.expiresAt, sql.placeholder('now')),
          gt(sessions.lastSeenAt, sql.placeholder('idleSince')),
        ),
      )
      .limit(1)
      .prepare('session_lookup_idle');
    lookups.set(db, prepared);
  }
  return prepared;
}

/** The session `id` with its user, unless it expired by `now` or was last used before `idleSince`. */
export async function lookupSession(
  db: Db,
  values: { id: string; now: Date; idleSince: Date },
): Promise<SessionRow | undefined> {
  const [row] = await lookup(db).execute(values);
  return row;
}

/** Records the time of last use (never moving it back). */
export async function touchSession(db: Db, id: string, seen: Date) {
  await db
    .update(sessions)
    .set({ lastSeenAt: seen })
    .where(and(eq(sessions.id, id), lt(sessions.lastSeenAt, seen)));
}

export async function deleteSessionById(db: Db, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Deletes every session of a user; returns how many. */
export async function deleteSessionsOfUser(db: Db, userId: number): Promise<number> {
  const deleted = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return deleted.length;
}

/** NOTIFY on `channel` (heard by every instance LISTENing, this one included). */
export async function notify(db: Db, channel: string, payload: string) {
  await db.execute(sql`SELECT pg_notify(${channel}, ${payload})`);
}
