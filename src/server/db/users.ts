import { and, eq, inArray } from 'drizzle-orm';
import type { Role } from '@domain/policy';
import { hashPassword, verifyPassword } from '../auth/password';
import type { Db } from './client';
import { users } from './schema';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_USERS: readonly Role[] = ['reviewer', 'operator', 'manager', 'admin'];

export async function findUserByUsername(db: Db, username: string) {
  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return user;
}

export async function findUserById(db: Db, id: number) {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

export async function listUsers(db: Db) {
  return db.select().from(users).orderBy(users.username);
}

/** Changes role, state or password hash; the updated user, or undefined when there is none with that id. */
export async function updateUser(
  db: Db,
  id: number,
  patch: { role?: Role; active?: boolean; passwordHash?: string },
) {
  if (Object.keys(patch).length === 0) return findUserById(db, id);
  const [user] = await db
    .update(users)
    .set({ ...patch, ...(patch.passwordHash ? { passwordChangedAt: new Date() } : {}) })
    .where(eq(users.id, id))
    .returning();
  return user;
}

export async function createUser(db: Db, username: string, role: Role, password: string) {
  const [user] = await db
    .insert(users)
    .values({ username, role, passwordHash: await hashPassword(password) })
    .returning();
  return user!;
}

/** Creates the four demo users (password `demo-password`) where they do not exist yet. */
export async function ensureDemoUsers(db: Db): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await db
    .insert(users)
    .values(DEMO_USERS.map((role) => ({ username: role, role, passwordHash: hash })))
    .onConflictDoNothing({ target: users.username });
}

/** Replaces a password hash with a stronger one of the same password, unless it changed in the meantime. */
export async function replacePasswordHash(db: Db, userId: number, oldHash: string, newHash: string) {
  await db
    .update(users)
    .set({ passwordHash: newHash })
    .where(and(eq(users.id, userId), eq(users.passwordHash, oldHash)));
}

/** The demo usernames that still sign in with the demo password (checked once per distinct hash). */
export async function demoUsersWithDemoPassword(db: Db): Promise<string[]> {
  const rows = await db
    .select({ username: users.username, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(inArray(users.username, [...DEMO_USERS]));
  const verdicts = new Map<string, Promise<boolean>>();
  const found: string[] = [];
  for (const row of rows) {
    if (!row.active) continue;
    if (!verdicts.has(row.passwordHash))
      verdicts.set(row.passwordHash, verifyPassword(DEMO_PASSWORD, row.passwordHash));
    if (await verdicts.get(row.passwordHash)) found.push(row.username);
  }
  return found;
}
