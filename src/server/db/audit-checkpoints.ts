import { and, desc, eq, gt } from 'drizzle-orm';
import type { Db } from './client';
import { auditCheckpoints } from './schema';

export type AuditCheckpointRow = typeof auditCheckpoints.$inferSelect;

export async function insertAuditCheckpoint(
  db: Db,
  row: { headId: number; headHash: string; entries: number; ok: boolean; brokenAt?: number },
) {
  const [inserted] = await db
    .insert(auditCheckpoints)
    .values({
      headId: row.headId,
      headHash: row.headHash,
      entries: row.entries,
      ok: row.ok,
      brokenAt: row.brokenAt ?? null,
    })
    .returning();
  return inserted!;
}

/** The newest checkpoint that found the chain intact, and the newest one after it that found it broken. */
export async function latestAuditCheckpoints(
  db: Db,
): Promise<{ verified?: AuditCheckpointRow; broken?: AuditCheckpointRow }> {
  const [verified] = await db
    .select()
    .from(auditCheckpoints)
    .where(eq(auditCheckpoints.ok, true))
    .orderBy(desc(auditCheckpoints.id))
    .limit(1);
  const [broken] = await db
    .select()
    .from(auditCheckpoints)
    .where(and(eq(auditCheckpoints.ok, false), gt(auditCheckpoints.id, verified?.id ?? 0)))
    .orderBy(desc(auditCheckpoints.id))
    .limit(1);
  return { verified, broken };
}
