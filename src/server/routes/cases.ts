import { API } from '@domain/contracts';
import { type CaseItem, type CaseState, type DossierCase } from '@domain/cases';
import { can, ROLES } from '@domain/policy';
import { audit } from '../audit/audit';
import type { Routes } from '../auth/guard';
import type { AppDeps, CurrentUser } from '../context';
import { dossiersLinkedToRejected } from '../db/links';
import {
  activeUser,
  assignCase,
  reviewers,
  findCase,
  listCases,
  openCaptureLink,
  reviewSlaHours,
  type CaseListRow,
} from '../db/cases';
import { countRetries } from '../db/retries';
import { getSetting } from '../db/settings';
import type { Db } from '../db/client';
import { DEFAULT_RETRY_LIMIT } from '../review/retries';
import { badRequest, notFound } from '../lib/errors';
import { maskValue } from '../lib/masking';

/** A case as the API answers it, with names masked for roles without personal-data rights. */
export function caseJson(row: CaseListRow, user: CurrentUser, linkedToRejected = false): CaseItem {
  const c = row.case;
  const masked = !can(user.role, 'processes:pii');
  return {
    dossierId: c.dossierId,
    state: c.state as CaseState,
    processId: c.processId,
    attemptNumber: c.attemptNumber,
    attempts: c.attempts,
    provider: c.provider,
    providers: c.providers,
    processType: c.processType,
    status: c.status,
    reason: c.reasonLabel,
    reasonCode: c.reason,
    firstName: masked ? maskValue(row.firstName) : row.firstName,
    lastName: masked ? maskValue(row.lastName) : row.lastName,
    documentCountry: c.documentCountry,
    masked,
    waitingSince: c.waitingSince?.toISOString() ?? null,
    dueAt: row.dueAt ? new Date(row.dueAt).toISOString() : null,
    overdue: Boolean(row.overdue),
    assignee: c.assignee,
    claim:
      row.claimUser && c.processId && row.claimedAt && row.claimExpiresAt
        ? {
            processId: c.processId,
            username: row.claimUser,
            claimedAt: row.claimedAt.toISOString(),
            expiresAt: row.claimExpiresAt.toISOString(),
            mine: row.claimUserId === user.id,
          }
        : null,
    decision:
      row.decisionOutcome && row.decisionActor && row.decisionAt
        ? {
            outcome: row.decisionOutcome as 'approve' | 'reject' | 'retry',
            actor: row.decisionActor,
            decidedAt: row.decisionAt.toISOString(),
            reasonCode: row.decisionReason,
          }
        : null,
    linkedToRejected,
  };
}

/**
 * A dossier's case as its page and its processes' headers show it: the case, the retries used against the limit,
 * and the capture link of a running desk retry (kept server-side, shown again until that process is final).
 */
export async function dossierCase(db: Db, dossierId: string, user: CurrentUser): Promise<DossierCase | null> {
  const [row, used, limit, link] = await Promise.all([
    findCase(db, dossierId, await reviewSlaHours(db)),
    countRetries(db, dossierId),
    getSetting(db, 'retryLimit', DEFAULT_RETRY_LIMIT),
    openCaptureLink(db, { dossierId }),
  ]);
  if (!row) return null;
  return {
    ...caseJson(row, user),
    retries: { used, limit },
    captureLink: link
      ? {
          processId: link.processId,
          provider: link.provider,
          processType: link.processType,
          url: link.url,
          startedBy: link.actor,
          startedAt: link.createdAt.toISOString(),
        }
      : null,
  };
}

export function caseRoutes(r: Routes, deps: AppDeps) {
  const db = deps.database.db;

  r.on(API.cases, async (_c, { user, query }) => {
    const sla = await reviewSlaHours(db);
    // Without personal-data rights, search matches ids only: names and document numbers would unmask by guessing.
    const generation = deps.links.keyring.lookup;
    const page = await listCases(
      db,
      {
        ...query,
        userId: user.id,
        searchIdsOnly: !can(user.role, 'processes:pii'),
        linkGeneration: generation,
      },
      sla,
    );
    // The queue's flag: linked to a case the desk rejected (one indexed query for the page).
    const linked = await dossiersLinkedToRejected(
      db,
      page.rows.map((row) => row.case.dossierId),
      generation,
    );
    return {
      items: page.rows.map((row) => caseJson(row, user, linked.has(row.case.dossierId))),
      nextCursor: page.nextCursor,
      counts: page.counts,
      reasons: page.reasons,
      slaHours: sla,
    };
  });

  r.on(API.caseAssignees, async () => ({
    items: await reviewers(
      db,
      ROLES.filter((role) => can(role, 'review:decide')),
    ),
  }));

  r.on(API.assignCase, async (c, { user, params: { dossierId }, body: { username } }) => {
    const assignee = username === null ? null : await activeUser(db, username);
    if (username !== null && !assignee) throw badRequest(`No active user "${username}".`, 'unknown_user');
    if (assignee && !can(assignee.role, 'review:decide'))
      throw badRequest(`${assignee.username} cannot review cases (role ${assignee.role}).`, 'not_a_reviewer');
    const done = await assignCase(db, dossierId, assignee ?? null);
    if (!done) throw notFound('No case with that dossier id is known to Assure Desk.');
    await audit(db, {
      actor: user.username,
      action: assignee ? 'case.assign' : 'case.unassign',
      target: dossierId,
      requestId: c.get('requestId'),
      details: { assignee: assignee?.username ?? null, previous: done.previous },
    });
    const row = await findCase(db, dossierId, await reviewSlaHours(db));
    return caseJson(row!, user);
  });
}
