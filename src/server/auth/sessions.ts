import { createHash, randomBytes } from 'node:crypto';
import type { Database, Db } from '../db/client';
import {
  deleteSessionById,
  deleteSessionsOfUser,
  insertSession,
  lookupSession,
  notify,
  touchSession,
  type SessionRow,
} from '../db/sessions';

/** The session cookie's name; `__Host-` prefixed (Secure, Path=/, no Domain) when served over HTTPS. */
export const SESSION_COOKIE = 'ad_session';
export const sessionCookieName = (secure: boolean) => (secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const token = () => randomBytes(32).toString('base64url');

/** `amr`: how the user authenticated (RFC 8176: pwd, otp, …; `oidc` for single sign-on). */
export async function createSession(db: Db, userId: number, ttlMs: number, amr: string[] = ['pwd']) {
  const cookieValue = token();
  const csrfToken = token();
  const expiresAt = new Date(Date.now() + ttlMs);
  await insertSession(db, { id: sha256(cookieValue), userId, csrfToken, expiresAt, amr });
  return { cookieValue, csrfToken, expiresAt };
}

/**
 * A very short-lived, per-instance cache of session lookups, so a page that fires a burst of requests (list, live
 * rows, health, session) asks the database once. The database stays the truth: every revocation (sign-out, "sign
 * out everywhere", deactivation, password change) is announced with NOTIFY on REVOCATIONS, and every instance drops
 * the matching entries when it hears it, so a revocation made on another instance takes effect at once. While an
 * instance is not listening (its connection for notifications is down) it does not cache at all.
 */
interface Cache {
  entries: Map<string, { row: SessionRow | undefined; until: number }>;
  listening: boolean;
  /** Bumped at every revocation heard: a lookup that started before one is not cached. */
  generation: number;
}
const caches = new WeakMap<Db, Cache>();
const MAX_CACHED = 10_000;
const REVOCATIONS = 'ad_session_revoked';

function cacheOf(db: Db): Cache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { entries: new Map(), listening: false, generation: 0 }));
  return cache;
}

/** Starts hearing revocations made by other instances; until this runs (or while it is cut off), nothing is cached. */
export async function listenForRevocations(database: Database): Promise<() => Promise<void>> {
  const cache = cacheOf(database.db);
  return database.listen(
    REVOCATIONS,
    (payload) => {
      cache.generation++;
      const [kind, value] = [payload.slice(0, 2), payload.slice(2)];
      if (kind === 's:') forget(cache, { id: value });
      else if (kind === 'u:') forget(cache, { userId: Number(value) });
      else cache.entries.clear();
    },
    (listening) => {
      cache.generation++;
      cache.entries.clear();
      cache.listening = listening;
    },
  );
}

/** Writes of last use are spread out: at most this often per session (and at least ten times per idle period). */
const touchEvery = (idleMs: number) => Math.min(60_000, idleMs / 10);

/**
 * The live session behind a cookie value with its user, or undefined when unknown, expired, idle for longer than
 * `idleMs` or deactivated. A use records the time of last use.
 */
export async function findSession(
  db: Db,
  cookieValue: string,
  opts: { cacheMs?: number; idleMs?: number } = {},
) {
  const id = sha256(cookieValue);
  const idleMs = opts.idleMs ?? 0;
  const cache = cacheOf(db);
  const cacheMs = cache.listening ? (opts.cacheMs ?? 0) : 0;
  const now = Date.now();
  const alive = (r: SessionRow | undefined) =>
    r !== undefined &&
    r.active &&
    r.expiresAt.getTime() > now &&
    (idleMs === 0 || r.lastSeenAt.getTime() + idleMs > now);
  const hit = cacheMs > 0 ? cache.entries.get(id) : undefined;
  const fresh = hit !== undefined && hit.until > now;
  let row = fresh ? hit.row : undefined;
  // A cached row that looks idle may have been used on another instance since: the database decides.
  if (!fresh || (row !== undefined && !alive(row))) {
    const generation = cache.generation;
    row = await lookupSession(db, { id, now: new Date(now), idleSince: new Date(idleMs ? now - idleMs : 0) });
    if (cacheMs > 0 && generation === cache.generation) {
      if (cache.entries.size >= MAX_CACHED) cache.entries.clear();
      cache.entries.set(id, { row, until: now + cacheMs });
    }
  }
  if (!alive(row)) return undefined;
  if (idleMs && now - row!.lastSeenAt.getTime() >= touchEvery(idleMs)) {
    const seen = new Date(now);
    await touchSession(db, id, seen);
    row!.lastSeenAt = seen;
  }
  return row;
}

/** Drops cached lookups: one session's, or every session of a user. */
function forget(cache: Cache | undefined, match: { id?: string; userId?: number }) {
  if (!cache) return;
  for (const [key, entry] of cache.entries) {
    if (key === match.id || (match.userId !== undefined && entry.row?.userId === match.userId))
      cache.entries.delete(key);
  }
}

/** Tells every instance (this one included) to drop what it cached of a revoked session or user. */
async function announce(db: Db, payload: string) {
  await notify(db, REVOCATIONS, payload);
}

export async function deleteSession(db: Db, cookieValue: string) {
  const id = sha256(cookieValue);
  forget(caches.get(db), { id });
  await deleteSessionById(db, id);
  await announce(db, `s:${id}`);
}

/** Ends every session of a user ("sign out everywhere", deactivation, password change); returns how many. */
export async function deleteUserSessions(db: Db, userId: number): Promise<number> {
  forget(caches.get(db), { userId });
  const deleted = await deleteSessionsOfUser(db, userId);
  await announce(db, `u:${userId}`);
  return deleted;
}
