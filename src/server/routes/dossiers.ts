import { requirePermission, type PolicyRoutes } from '../auth/guard';
import type { AppDeps } from '../context';
import { dossierProcesses, findDossier } from '../db/processes';
import { reviewStatesFor } from '../db/review';
import { notFound } from '../lib/errors';
import { pathParam } from '../lib/query';
import { toListItem } from './serialize';

export function dossierRoutes(r: PolicyRoutes, { database }: AppDeps) {
  r.get('/api/dossiers/:dossierId', async (c) => {
    const user = requirePermission(c);
    const dossierId = pathParam(c, 'dossierId');
    const [dossier, rows] = await Promise.all([findDossier(database.db, dossierId), dossierProcesses(database.db, dossierId)]);
    if (!dossier && rows.length === 0) throw notFound('No dossier with that id is known to Assure Desk.');
    const review = await reviewStatesFor(database.db, rows.map((row) => row.processId));
    return c.json({
      dossierId,
      deletedUpstream: dossier?.deletedUpstream ?? false,
      processes: rows.map((row) => toListItem(row, user, review.get(row.processId))),
    });
  });
}
