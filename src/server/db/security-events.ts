import { lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { securityEvents } from './schema';

/**
 * Security signals that do not belong in the hash-chained audit log: failed sign-ins above all (they would flood
 * it, contend for its lock and keep addresses forever). Kept SECURITY_EVENTS_RETENTION_DAYS, then purged.
 */
export type SecurityEventKind = 'login_failed';

export async function recordSecurityEvent(
  db: Db,
  e: { kind: SecurityEventKind; username?: string; address?: string; details?: Record<string, unknown> },
) {
  await db.insert(securityEvents).values({
    kind: e.kind,
    username: e.username ?? null,
    address: e.address ?? null,
    details: e.details ?? {},
  });
}

/** Removes security events older than `days` days. */
export async function purgeSecurityEvents(db: Db, days: number) {
  await db.delete(securityEvents).where(lt(securityEvents.at, sql`now() - make_interval(days => ${days})`));
}
