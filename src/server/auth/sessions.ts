import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';

export const SESSION_COOKIE = 'ad_session';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const token = () => randomBytes(32).toString('base64url');

export async function createSession(db: Db, userId: number, ttlMs: number) {
  const cookieValue = token();
  const csrfToken = token();
  const expiresAt = new Date(Date.now() + ttlMs);
  await db.insert(sessions).values({ id: sha256(cookieValue), userId, csrfToken, expiresAt });
  return { cookieValue, csrfToken, expiresAt };
}

type SessionRow = { id: string; csrfToken: string; expiresAt: Date; userId: number; username: string; role: string; active: boolean };

/** The session lookup as a prepared statement (parsed and planned once per connection), one per database. */
const lookups = new WeakMap<Db, { execute(values: { id: string; now: Date }): Promise<SessionRow[]> }>();
function lookup(db: Db) {
  let prepared = lookups.get(db);
  if (!prepared) {
    prepared = db
      .select({
        id: sessions.id,
        csrfToken: sessions.csrfToken,
        expiresAt: sessions.expiresAt,
        userId: users.id,
        username: users.username,
        role: users.role,
        active: users.active,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now'))))
      .limit(1)
      .prepare('session_lookup');
    lookups.set(db, prepared);
  }
  return prepared;
}

/**
 * A very short-lived, per-instance cache of session lookups, so a page that fires a burst of requests (list, live
 * rows, health, session) asks the database once. Several instances share one PostgreSQL and cannot tell each other
 * about a sign-out, so a session revoked on another instance (sign-out, "sign out everywhere", deactivation) or
 * idle or expired there stays usable here for at most `cacheMs` (default 2 s, SESSION_CACHE_MS; 0 turns it off).
 * Sign-outs and revocations made by this instance drop their entries at once.
 */
const caches = new WeakMap<Db, Map<string, { row: SessionRow | undefined; until: number }>>();
const MAX_CACHED = 10_000;
function cacheOf(db: Db) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

/** The live session behind a cookie value with its user, or undefined when unknown, expired or deactivated. */
export async function findSession(db: Db, cookieValue: string, opts: { cacheMs?: number } = {}) {
  const id = sha256(cookieValue);
  const cacheMs = opts.cacheMs ?? 0;
  const now = Date.now();
  const cache = cacheOf(db);
  const hit = cacheMs > 0 ? cache.get(id) : undefined;
  let row: SessionRow | undefined;
  if (hit && hit.until > now) row = hit.row;
  else {
    [row] = await lookup(db).execute({ id, now: new Date(now) });
    if (cacheMs > 0) {
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(id, { row, until: now + cacheMs });
    }
  }
  // The session's own expiry holds even inside the cache window.
  return row && row.active && row.expiresAt.getTime() > now ? row : undefined;
}

/** Drops cached lookups: one session's, or every session of a user. */
function forget(db: Db, match: { id?: string; userId?: number }) {
  const cache = caches.get(db);
  if (!cache) return;
  for (const [key, entry] of cache) if (key === match.id || (match.userId !== undefined && entry.row?.userId === match.userId)) cache.delete(key);
}

export async function deleteSession(db: Db, cookieValue: string) {
  const id = sha256(cookieValue);
  forget(db, { id });
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteUserSessions(db: Db, userId: number) {
  forget(db, { userId });
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
