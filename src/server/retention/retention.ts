import { DEFAULT_RETENTION_DAYS, RETENTION_SETTING } from '@domain/review';
import { audit } from '../audit/audit';
import type { Db } from '../db/client';
import { erasePersonalDataBatch } from '../db/retention';
import { getSetting } from '../db/settings';

const DAY_MS = 86_400_000;
/** Processes erased per transaction: bounded so a first run over years of history never holds long locks. */
export const RETENTION_BATCH = 100;

export async function retentionDays(db: Db): Promise<number> {
  return getSetting(db, RETENTION_SETTING, DEFAULT_RETENTION_DAYS);
}

/**
 * Erases the personal data of every final process last updated more than the retention setting's days ago, in
 * batches, and records one audit event for the run (how many, and the cutoff) when it erased anything. 0 days
 * (the default) keeps personal data indefinitely. `shouldStop` ends the run between batches (shutdown).
 */
export async function erasePersonalDataPastRetention(
  db: Db,
  opts: { now?: Date; batchSize?: number; shouldStop?: () => boolean } = {},
): Promise<{ erased: number; cutoff: Date | null }> {
  const days = await retentionDays(db);
  if (!days) return { erased: 0, cutoff: null };
  const cutoff = new Date((opts.now ?? new Date()).getTime() - days * DAY_MS);
  const batchSize = opts.batchSize ?? RETENTION_BATCH;
  let erased = 0;
  try {
    for (;;) {
      if (opts.shouldStop?.()) break;
      const n = await erasePersonalDataBatch(db, cutoff, batchSize);
      erased += n;
      if (n < batchSize) break;
    }
  } finally {
    // Batches commit one by one: what a run erased is on record even when a later batch failed.
    if (erased > 0) {
      await audit(db, {
        actor: 'system',
        action: 'retention.personal_data_erased',
        details: { count: erased, cutoff: cutoff.toISOString(), retentionDays: days },
      });
    }
  }
  return { erased, cutoff };
}
