import type { CurrentUser } from '../context';
import { listAudit } from '../db/audit';
import { caseAssignment } from '../db/cases';
import type { Db } from '../db/client';
import { activeClaim, type ClaimRow } from '../db/review';

/**
 * Whether `user` is working the case: holds the process's live claim, or the case of its dossier is assigned to
 * them. Only they see its identifiers and full result without giving a reason; everyone else gives one (need to
 * know). `since`: when they started working it (the claim, else the assignment), for the once-per-view audit.
 */
export async function worksCase(
  db: Db,
  row: { processId: string; dossierId: string },
  user: CurrentUser,
): Promise<{ works: boolean; claim: ClaimRow | undefined; since: Date | undefined }> {
  const [claim, assignment] = await Promise.all([
    activeClaim(db, row.processId),
    caseAssignment(db, row.dossierId),
  ]);
  if (claim?.userId === user.id) return { works: true, claim, since: claim.claimedAt };
  if (assignment?.assigneeId === user.id)
    return { works: true, claim, since: assignment.assignedAt ?? undefined };
  return { works: false, claim, since: undefined };
}

/** The action of the audit event "opened the case with its identifiers in full", recorded once per claim or assignment. */
export const CASE_VIEW_ACTION = 'case.view';

/** True when no view of this case by `user` was recorded since `since` (the claim): the caller records one. */
export async function firstViewSince(
  db: Db,
  processId: string,
  username: string,
  since: Date,
): Promise<boolean> {
  const rows = await listAudit(db, {
    target: processId,
    actor: username,
    action: CASE_VIEW_ACTION,
    from: since,
    limit: 1,
  });
  return rows.length === 0;
}
