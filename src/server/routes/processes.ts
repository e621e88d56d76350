import type { ProcessDetailResponse } from '@domain/process-detail-api';
import { API } from '@domain/contracts';
import { explainProcess } from '@domain/explain';
import { maskedKeysFor } from '@domain/pii';
import { can } from '@domain/policy';
import { RESULT_STATUSES } from '@domain/status';
import { audit } from '../audit/audit';
import { AssureError } from '../assure/errors';
import { fullResultStream } from '../assure/full-result';
import { errorFields } from '../lib/logger';
import type { Routes } from '../auth/guard';
import type { AppDeps } from '../context';
import { listAudit } from '../db/audit';
import {
  decodeCursor,
  findDossier,
  findProcess,
  findProcesses,
  listProcessPage,
  setProcessDevice,
} from '../db/processes';
import { countRetries } from '../db/retries';
import { findDecision, reviewStatesFor } from '../db/review';
import { getSetting } from '../db/settings';
import { CASE_VIEW_ACTION, firstViewSince, worksCase } from '../review/case-access';
import { DEFAULT_RETRY_LIMIT } from '../review/retries';
import { auditJson } from './audit';
import { claimJson, decisionJson, freeText } from './review';
import { badRequest, conflict, HttpError, notFound } from '../lib/errors';
import { mapLimit } from '../sync/sync';
import { caseListInfo, toListItem } from './serialize';
import { dossierCase } from './cases';
import { caseStatesFor } from '../db/cases';
import { findField, maskProcess, scrubDerived } from '@domain/mask-process';
import { requireRecentSignIn } from '../auth/step-up';

export function processRoutes(r: Routes, { database, sync, client, config, log }: AppDeps) {
  const db = database.db;
  const upstreamStale = () => client.health().state !== 'ok';

  r.on(API.processes, async (_c, { user, query }) => {
    if (query.cursor && !decodeCursor(query.cursor))
      throw badRequest(
        'cursor is not a page position this list gave out; start from the first page.',
        'invalid_cursor',
      );
    // Without personal-data rights, search matches ids only: names and document numbers would unmask by guessing.
    const page = await listProcessPage(db, query, { searchIdsOnly: !can(user.role, 'processes:pii') });
    return {
      items: page.rows.map(({ row, review, kase }) => toListItem(row, user, review, caseListInfo(kase))),
      nextCursor: page.nextCursor,
      prevCursor: page.prevCursor,
      stale: upstreamStale(),
    };
  });

  // The list's live rows: one request for all visible non-final processes, each refreshed at most once per
  // freshness window however many browsers ask.
  r.on(API.processBatch, async (_c, { user, body: { processIds } }) => {
    let failed = false;
    await mapLimit([...new Set(processIds)], 8, async (id) => {
      failed = (await sync.refreshIfStale(id)).failed || failed;
    });
    const [rows, review] = await Promise.all([
      findProcesses(db, processIds),
      reviewStatesFor(db, processIds),
    ]);
    const states = await caseStatesFor(
      db,
      rows.map((row) => row.dossierId),
    );
    return {
      items: rows.map((row) =>
        toListItem(row, user, review.get(row.processId), caseListInfo(states.get(row.dossierId))),
      ),
      stale: failed || upstreamStale(),
    };
  });

  r.on(API.process, async (c, { user, params: { processId } }) => {
    const { failed } = await sync.refreshIfStale(processId);
    const row = await findProcess(db, processId);
    if (!row) throw notFound('No process with that id is known to Assure Desk.');
    const [{ works, claim, since }, dossier, decision, used, limit, kase] = await Promise.all([
      worksCase(db, row, user),
      findDossier(db, row.dossierId),
      findDecision(db, row.processId),
      countRetries(db, row.dossierId),
      getSetting(db, 'retryLimit', DEFAULT_RETRY_LIMIT),
      dossierCase(db, row.dossierId, user),
    ]);
    // The reviewer working the case (claim or assignment) sees its identifiers in full; that view is audited once
    // per claim or assignment.
    const identifiers = works && can(user.role, 'processes:pii');
    const { process, masked, hidden } = maskProcess(row.raw, user.role, { identifiers });
    if (identifiers && since && (await firstViewSince(db, row.processId, user.username, since))) {
      await audit(db, {
        actor: user.username,
        action: CASE_VIEW_ACTION,
        target: row.processId,
        requestId: c.get('requestId'),
        details: { dossierId: row.dossierId },
      });
    }
    return {
      // The stored process passed processSchema when it was indexed: its id, provider and status are there.
      process: process as ProcessDetailResponse['process'],
      dossierId: row.dossierId,
      externalReference: dossier?.externalReference ?? null,
      syncedAt: row.syncedAt.toISOString(),
      stale: failed || (!row.isFinal && upstreamStale()),
      deletedUpstream: row.deletedUpstream,
      personalDataErasedAt: row.personalDataErasedAt?.toISOString() ?? null,
      masked,
      worksCase: works,
      // Computed from the unmasked data (the rule does not depend on who looks), then masked like the process.
      explanation: scrubDerived(
        explainProcess(row.raw, { personalDataErased: row.personalDataErasedAt !== null }),
        user.role,
        hidden,
      ),
      review: {
        claim: claim ? claimJson(claim, user) : null,
        decision: decision ? decisionJson(decision, user.role, user.username) : null,
        retries: { used, limit },
      },
      case: kase,
    };
  });

  // Shows a masked field with a reason; the reveal (not the value) is an audit event.
  r.on(API.reveal, async (c, { user, params, body: { field, reason } }) => {
    await requireRecentSignIn(db, user); // step-up, when configured (issue #20)
    const row = await findProcess(db, params.processId);
    if (!row) throw notFound('No process with that id is known to Assure Desk.');
    if (!maskedKeysFor(user.role).has(field))
      throw badRequest(`"${field}" is not a masked field.`, 'validation_failed');
    await audit(db, {
      actor: user.username,
      action: 'pii.reveal',
      target: row.processId,
      requestId: c.get('requestId'),
      details: { field, reason },
    });
    return { field, values: findField(row.raw, field) };
  });

  // The process's review timeline: claims, decisions, reveals, downloads, and retries in its dossier.
  r.on(API.processTimeline, async (_c, { user, params }) => {
    const row = await findProcess(db, params.processId);
    if (!row) throw notFound('No process with that id is known to Assure Desk.');
    const rows = await listAudit(db, { targets: [row.processId, row.dossierId], limit: 500, order: 'asc' });
    const items = rows.map(auditJson).map((e) => ({
      ...e,
      details: Object.fromEntries(
        Object.entries(e.details).map(([k, v]) => [
          k,
          (k === 'note' || k === 'reason') && typeof v === 'string' ? freeText(v, user.role) : v,
        ]),
      ),
    }));
    return { items, nextCursor: null };
  });

  // Streams the zip from Assure, capped in size (for ReadID keeping a copy within that cap, to read the device), and
  // records who retrieved it.
  r.on(API.fullResult, async (c, { user, params, query }) => {
    await requireRecentSignIn(db, user); // step-up, when configured (issue #20)
    const row = await findProcess(db, params.processId);
    if (!row) throw notFound('No process with that id is known to Assure Desk.');
    // The full result holds the same identifiers as the process: only the reviewer working the case (claimant or
    // assignee) opens it without saying why. (Managers never reach here: they lack fullResult:read.)
    const reason = query.reason ?? '';
    const { works } = await worksCase(db, row, user);
    if (!works && !reason) {
      throw new HttpError(
        403,
        'reason_required',
        'You are not working this case: give a reason to open its full result.',
      );
    }
    if (!RESULT_STATUSES.has(row.status)) {
      throw conflict(
        `A full result exists only for accepted, rejected or inconclusive processes; this one is ${row.status}.`,
        'no_full_result',
      );
    }
    let upstream: Response;
    try {
      upstream = await client.fullResult(row.dossierId, row.processId);
    } catch (err) {
      if (err instanceof AssureError && err.kind === 'not_found')
        throw notFound('Assure no longer holds this full result (deleted upstream).');
      if (err instanceof AssureError && err.kind === 'conflict')
        throw conflict('Assure has not produced the full result yet. Try again later.', 'not_ready');
      throw new HttpError(
        502,
        'upstream_unavailable',
        'Assure could not deliver the full result. Try again shortly.',
      );
    }
    const max = config.fullResultMaxBytes;
    // fetch has already decoded any content-encoding: the upstream length would then not match the bytes sent.
    const declared = upstream.headers.has('content-encoding')
      ? NaN
      : Number(upstream.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > max) {
      await upstream.body?.cancel();
      throw new HttpError(
        502,
        'too_large',
        `The full result is larger than the ${Math.round(max / 1048576)} MB limit.`,
      );
    }
    await audit(db, {
      actor: user.username,
      action: 'fullResult.download',
      target: row.processId,
      requestId: c.get('requestId'),
      details: { dossierId: row.dossierId, provider: row.provider, ...(works ? {} : { reason }) },
    });
    // ReadID: the device the session ran on, read from the zip once it has gone through (for the attempt diff).
    const device =
      row.provider === 'readid' && !row.device
        ? {
            onDevice: (found: string) => setProcessDevice(db, row.processId, found),
            onError: (err: unknown) =>
              log.warn('the device of a full result could not be stored', {
                processId: row.processId,
                ...errorFields(err),
              }),
          }
        : undefined;
    const capped = upstream.body!.pipeThrough(fullResultStream(max, device));
    return new Response(capped, {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="full-result-${row.processId.replace(/[^\w-]/g, '')}.zip"`,
        'cache-control': 'no-store',
        ...(Number.isFinite(declared) && declared > 0 ? { 'content-length': String(declared) } : {}),
      },
    });
  });
}
