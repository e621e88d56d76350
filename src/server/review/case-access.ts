import { listAudit } from '../audit/audit';
import type { CurrentUser } from '../context';
import type { Db } from '../db/client';
import { activeClaim, type ClaimRow } from '../db/review';

/**
 * Whether `user` is working the case: holds its live claim (or it is assigned to them). Only they see its
 * identifiers and full result without giving a reason; everyone else gives one (need to know).
 */
export async function worksCase(db: Db, processId: string, user: CurrentUser): Promise<{ works: boolean; claim: ClaimRow | undefined }> {
  const claim = await activeClaim(db, processId);
  return { works: claim?.userId === user.id, claim };
}

/** The action of the audit event "opened the case with its identifiers in full", recorded once per claim. */
export const CASE_VIEW_ACTION = 'case.view';

/** True when no view of this case by `user` was recorded since `since` (the claim): the caller records one. */
export async function firstViewSince(db: Db, processId: string, username: string, since: Date): Promise<boolean> {
  const rows = await listAudit(db, { target: processId, actor: username, action: CASE_VIEW_ACTION, from: since, limit: 1 });
  return rows.length === 0;
}
