import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import { erasePersonalData } from '@domain/pii';
import type { Db } from './client';
import { erasedSearchText } from './processes';
import { decisions, processes } from './schema';

/**
 * Erases the personal data of up to `limit` final processes last updated before `cutoff`, not erased yet and not
 * waiting for a review decision: the
 * personal values inside `raw` become null, the name, document number and search columns lose them, and
 * `personal_data_erased_at` is set. Status, provider, country, dates and checks stay, so figures do not change.
 * One transaction; rows another runner holds are skipped, and an upsert racing with it waits for it and then
 * sees the row as erased. Returns how many processes were erased.
 */
export async function erasePersonalDataBatch(db: Db, cutoff: Date, limit: number): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ processId: processes.processId, dossierId: processes.dossierId, raw: processes.raw })
      .from(processes)
      .where(
        // `is_final` spelled like the partial index processes_erasable_idx, so the planner can use it.
        and(
          sql`${processes.isFinal}`,
          isNull(processes.personalDataErasedAt),
          lt(processes.updatedAt, cutoff),
          // An inconclusive case nobody has decided is still open: the reviewer needs what the person showed.
          sql`NOT (${processes.status} = 'inconclusive' AND NOT EXISTS (SELECT 1 FROM ${decisions} WHERE ${decisions.processId} = ${processes.processId}))`,
        ),
      )
      .orderBy(asc(processes.updatedAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    const now = new Date();
    for (const row of rows) {
      await tx
        .update(processes)
        .set({
          raw: erasePersonalData(row.raw).value,
          firstName: null,
          lastName: null,
          documentNumber: null,
          searchText: erasedSearchText(row.processId, row.dossierId),
          personalDataErasedAt: now,
        })
        .where(eq(processes.processId, row.processId));
    }
    return rows.length;
  });
}
