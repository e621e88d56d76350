import { attemptDiff, identitySnapshot, type AttemptChange, type DiffField } from '@domain/identity-keys';
import { MASK, maskedKeysFor } from '@domain/pii';
import { API } from '@domain/contracts';
import type { Routes } from '../auth/guard';
import type { AppDeps } from '../context';
import { dossierAnswers, dossierProcesses, findDossier } from '../db/processes';
import { reviewStatesFor } from '../db/review';
import { notFound } from '../lib/errors';
import { dossierCase } from './cases';
import { caseListInfo, toListItem } from './serialize';
import { caseStatesFor } from '../db/cases';

/** The personal-data key each diff field is masked under (src/domain/pii); the rest are never personal. */
const DIFF_PII_KEYS: Partial<Record<DiffField, string>> = {
  firstName: 'firstName',
  lastName: 'lastName',
  documentNumber: 'documentNumber',
  dateOfBirth: 'dateOfBirth',
};

/** The attempt diff as a role may see it: values masked like the process; which fields changed stays visible. */
export function maskAttemptDiff(diff: AttemptChange[], role: string): AttemptChange[] {
  const masked = maskedKeysFor(role);
  return diff.map((change) => ({
    ...change,
    changed: change.changed.map((c) => {
      const key = DIFF_PII_KEYS[c.field];
      return key && masked.has(key) ? { ...c, from: MASK, to: MASK } : c;
    }),
  }));
}

export function dossierRoutes(r: Routes, { database }: AppDeps) {
  r.on(API.dossier, async (_c, { user, params: { dossierId } }) => {
    const [dossier, rows, answers] = await Promise.all([
      findDossier(database.db, dossierId),
      dossierProcesses(database.db, dossierId),
      dossierAnswers(database.db, dossierId),
    ]);
    if (!dossier && rows.length === 0) throw notFound('No dossier with that id is known to Assure Desk.');
    const [review, states, kase] = await Promise.all([
      reviewStatesFor(
        database.db,
        rows.map((row) => row.processId),
      ),
      caseStatesFor(database.db, [dossierId]),
      dossierCase(database.db, dossierId, user),
    ]);
    return {
      dossierId,
      deletedUpstream: dossier?.deletedUpstream ?? false,
      externalReference: dossier?.externalReference ?? null,
      processes: rows.map((row) =>
        toListItem(row, user, review.get(row.processId), caseListInfo(states.get(dossierId))),
      ),
      case: kase,
      attemptDiff: maskAttemptDiff(
        attemptDiff(
          answers.map((a) => ({
            processId: a.processId,
            snapshot: { ...identitySnapshot(a.raw), ...(a.device ? { device: a.device } : {}) },
          })),
        ),
        user.role,
      ),
    };
  });
}
