import { lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { loginAttempts, sessions, webhookEvents } from './schema';
import { purgeSecurityEvents } from './security-events';

/**
 * Removes what has no further use: expired and idle sessions, webhook ids older than any retry window, old sign-in
 * attempts, and security events past their retention (SECURITY_EVENTS_RETENTION_DAYS).
 */
export async function purgeHousekeeping(
  db: Db,
  opts: { sessionIdleMs?: number; securityEventsDays?: number } = {},
) {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  if (opts.sessionIdleMs)
    await db.delete(sessions).where(lt(sessions.lastSeenAt, new Date(Date.now() - opts.sessionIdleMs)));
  await db.delete(webhookEvents).where(lt(webhookEvents.receivedAt, sql`now() - interval '7 days'`));
  await db.delete(loginAttempts).where(lt(loginAttempts.at, sql`now() - interval '1 day'`));
  await purgeSecurityEvents(db, opts.securityEventsDays ?? 90);
}
