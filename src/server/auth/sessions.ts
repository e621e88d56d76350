import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
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

/** The live session behind a cookie value with its user, or undefined when unknown, expired or deactivated. */
export async function findSession(db: Db, cookieValue: string) {
  const [row] = await db
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
    .where(and(eq(sessions.id, sha256(cookieValue)), gt(sessions.expiresAt, new Date())))
    .limit(1);
  return row && row.active ? row : undefined;
}

export async function deleteSession(db: Db, cookieValue: string) {
  await db.delete(sessions).where(eq(sessions.id, sha256(cookieValue)));
}

export async function deleteUserSessions(db: Db, userId: number) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
