import type { ProcessListItem, ListReview } from '@domain/api';
import { caseVerdict, isCaseState } from '@domain/cases';
import { can } from '@domain/policy';
import type { CurrentUser } from '../context';
import type { ProcessListRow } from '../db/processes';
import { maskValue } from '../lib/masking';

/** A list row as the SPA sees it, with names masked for roles that may not see personal data. */
/** The case fields of a list row: the dossier's case state and the desk's verdict in words. */
export function caseListInfo(
  c: { state: string; attemptNumber: number | null; decisionOutcome: string | null } | undefined,
) {
  if (!c || !isCaseState(c.state)) return { caseState: null, caseVerdict: null };
  return {
    caseState: c.state,
    caseVerdict: caseVerdict(c.state, {
      attemptNumber: c.attemptNumber,
      decision: c.decisionOutcome ? { outcome: c.decisionOutcome } : null,
    }),
  };
}

export function toListItem(
  row: ProcessListRow,
  user: CurrentUser,
  review: ListReview | null = null,
  kase: ReturnType<typeof caseListInfo> = { caseState: null, caseVerdict: null },
): ProcessListItem {
  const masked = !can(user.role, 'processes:pii');
  return {
    processId: row.processId,
    dossierId: row.dossierId,
    provider: row.provider,
    processType: row.processType,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    firstName: masked ? maskValue(row.firstName) : row.firstName,
    lastName: masked ? maskValue(row.lastName) : row.lastName,
    documentCountry: row.documentCountry,
    deletedUpstream: row.deletedUpstream,
    personalDataErased: row.personalDataErasedAt !== null,
    masked,
    review,
    ...kase,
  };
}
