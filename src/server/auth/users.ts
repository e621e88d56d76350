import { eq } from 'drizzle-orm';
import type { Role } from '@domain/policy';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { hashPassword } from './password';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_USERS: readonly Role[] = ['reviewer', 'operator', 'manager', 'admin'];

export async function findUserByUsername(db: Db, username: string) {
  const [user] = await db.select().from(users).where(eq(users.username, username)).limit(1);
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
