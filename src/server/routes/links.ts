import { API } from '@domain/contracts';
import { SUSPECTED_FRAUD_REASON, type LinkItem } from '@domain/links-api';
import { LINK_KINDS, type LinkKind } from '@domain/identity-keys';
import { can } from '@domain/policy';
import { DECISION_OUTCOMES, type DecisionOutcome } from '@domain/review';
import type { Routes } from '../auth/guard';
import type { AppDeps } from '../context';
import { findLinks, type LinkRow } from '../db/links';
import { badRequest, notFound } from '../lib/errors';

const isKind = (k: string): k is LinkKind => (LINK_KINDS as readonly string[]).includes(k);
const isOutcome = (o: string | null): o is DecisionOutcome =>
  o !== null && (DECISION_OUTCOMES as readonly string[]).includes(o);

/** A link as a role may see it: never an identifier; the name only for roles that see names. */
export function toLinkItem(row: LinkRow, role: string): LinkItem {
  const name = [row.firstName, row.lastName].filter(Boolean).join(' ');
  const decision = isOutcome(row.decision) ? row.decision : null;
  return {
    processId: row.processId,
    dossierId: row.dossierId,
    matchedOn: LINK_KINDS.filter((k) => row.kinds.some((kind) => isKind(kind) && kind === k)),
    provider: row.provider,
    processType: row.processType,
    status: row.status,
    caseState: row.caseState,
    decision,
    reasonCode: row.reasonCode,
    rejectedAsFraud: decision === 'reject' && row.reasonCode === SUSPECTED_FRAUD_REASON,
    createdAt: row.createdAt.toISOString(),
    name: can(role, 'processes:pii') && name ? name : null,
    personalDataErased: row.personalDataErasedAt !== null,
  };
}

export function linkRoutes(r: Routes, { database, links }: AppDeps) {
  const db = database.db;

  // Other dossiers sharing an identity key with this process (same document, person or national number).
  r.on(API.processLinks, async (_c, { user, params: { processId } }) => {
    // One statement: the lookup also says whether the process is known.
    const rows = await findLinks(db, processId, links.keyring.lookup);
    if (!rows) throw notFound('No process with that id is known to Assure Desk.');
    return { items: rows.map((link) => toLinkItem(link, user.role)) };
  });

  r.on(API.linkKey, () => links.status());

  // Demo mode: a new key into DATA_DIR; the index is re-keyed in the background (progress in GET above).
  r.on(API.rotateLinkKey, async (c, { user }) => {
    await links.rotate(user.username, c.get('requestId'));
    return links.status();
  });

  r.on(API.linkExclusions, async () => ({
    items: (await links.listExclusions()).map((e) => ({
      id: e.id,
      kind: e.kind,
      note: e.note,
      createdBy: e.createdBy,
      createdAt: e.createdAt.toISOString(),
    })),
  }));

  r.on(API.addLinkExclusion, async (c, { user, body: input }) => {
    const row = await links.exclude(input, user.username, c.get('requestId'));
    if (!row) throw badRequest('Enter a document number and its issuing country.', 'validation_failed');
    return {
      id: row.id,
      kind: row.kind,
      note: row.note,
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
    };
  });

  r.on(API.removeLinkExclusion, async (c, { user, params: { id } }) => {
    if (!(await links.removeExclusion(id, user.username, c.get('requestId'))))
      throw notFound('No such exclusion.');
    return c.body(null, 204);
  });
}
