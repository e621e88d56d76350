import type { ProcessListItem, ListReview } from '@domain/api';
import { can } from '@domain/policy';
import type { CurrentUser } from '../context';
import type { ProcessListRow } from '../db/processes';
import { maskValue } from '../lib/masking';

/** A list row as the SPA sees it, with names masked for roles that may not see personal data. */
export function toListItem(row: ProcessListRow, user: CurrentUser, review: ListReview | null = null): ProcessListItem {
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
  };
}
