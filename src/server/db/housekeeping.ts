import { lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { loginAttempts, sessions, webhookEvents } from './schema';

/** Removes what has no further use: expired sessions, webhook ids older than any retry window, old sign-in failures. */
export async function purgeHousekeeping(db: Db) {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  await db.delete(webhookEvents).where(lt(webhookEvents.receivedAt, sql`now() - interval '7 days'`));
  await db.delete(loginAttempts).where(lt(loginAttempts.at, sql`now() - interval '1 day'`));
}
