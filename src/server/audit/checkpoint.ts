import type { Db } from '../db/client';
import { insertAuditCheckpoint, latestAuditCheckpoints } from '../db/audit-checkpoints';
import type { Logger } from '../lib/logger';
import { verifyAuditChain } from './audit';

/**
 * A periodic checkpoint of the audit chain (run by one instance at a time, under a lease): verifies the entries added
 * since the last intact checkpoint — and that the head it recorded still has its hash — then writes the head's id
 * and hash with the time to the log and to audit_checkpoints. The log lines leave the database: a rewrite of
 * history, even one that recomputes every hash, no longer matches a head hash logged before it.
 */
export async function checkpointAuditChain(db: Db, log: Logger) {
  const { verified } = await latestAuditCheckpoints(db);
  const result = await verifyAuditChain(
    db,
    verified ? { headId: verified.headId, headHash: verified.headHash } : undefined,
  );
  const entries = (verified?.entries ?? 0) + result.checked;
  const row = await insertAuditCheckpoint(db, {
    headId: result.headId,
    headHash: result.headHash,
    entries,
    ok: result.ok,
    brokenAt: result.brokenAt,
  });
  if (result.ok) {
    log.info('audit checkpoint', {
      at: row.at.toISOString(),
      headId: result.headId,
      headHash: result.headHash,
      entries,
    });
  } else {
    log.error('audit chain broken', {
      at: row.at.toISOString(),
      brokenAt: result.brokenAt,
      lastVerifiedHeadId: result.headId,
      lastVerifiedHeadHash: result.headHash,
    });
  }
  return row;
}
