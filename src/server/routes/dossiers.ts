import { requirePermission, type PolicyRoutes } from '../auth/guard';
import type { AppDeps } from '../context';
import { dossierProcesses, findDossier } from '../db/processes';
import { reviewStatesFor } from '../db/review';
import { notFound } from '../lib/errors';
import { pathParam } from '../lib/query';
import { dossierCase } from './cases';
import { caseListInfo, toListItem } from './serialize';
import { caseStatesFor } from '../db/cases';

export function dossierRoutes(r: PolicyRoutes, { database }: AppDeps) {
  r.get('/api/dossiers/:dossierId', async (c) => {
    const user = requirePermission(c);
    const dossierId = pathParam(c, 'dossierId');
    const [dossier, rows] = await Promise.all([findDossier(database.db, dossierId), dossierProcesses(database.db, dossierId)]);
    if (!dossier && rows.length === 0) throw notFound('No dossier with that id is known to Assure Desk.');
    const [review, states, kase] = await Promise.all([
      reviewStatesFor(database.db, rows.map((row) => row.processId)),
      caseStatesFor(database.db, [dossierId]),
      dossierCase(database.db, dossierId, user),
    ]);
    return c.json({
      dossierId,
      deletedUpstream: dossier?.deletedUpstream ?? false,
      processes: rows.map((row) => toListItem(row, user, review.get(row.processId), caseListInfo(states.get(dossierId)))),
      case: kase,
    });
  });
}
