import { verifiedBy } from '@domain/cases';
import {
  APP_ONLY_PROVIDERS,
  isProvider,
  providerLabel,
  REDIRECT_PROVIDERS,
  STRONGEST_PROCESS_TYPE,
} from '@domain/providers';
import { appendAudit } from '../audit/audit';
import { AssureError } from '../assure/errors';
import type { AppDeps } from '../context';
import { dossierProcesses, upsertProcess, type ProcessListRow } from '../db/processes';
import {
  claimedRetryProcessIds,
  completeRetry,
  dropRetry,
  findRetryByKey,
  markRetryUnknown,
  reserveRetry,
  type RetryRow,
} from '../db/retries';
import { decisionsFor } from '../db/review';
import { getSetting } from '../db/settings';
import { conflict, HttpError, notFound } from '../lib/errors';

export const DEFAULT_RETRY_LIMIT = 2;
const WAIT_STEP_MS = 50;
const WAIT_MAX_MS = 30_000;
/** A reservation still pending after this long lost its request (crash, redeploy): reconcile it. */
const PENDING_STALE_MS = 60_000;

export interface RetryInput {
  dossierId: string;
  key: string;
  actor: string;
  provider?: string;
  processType?: string;
  sourceProcessId?: string;
  requestId?: string;
  /** Where the end-user lands after the capture flow. */
  redirectUrl: string;
}

type RetryResult = { processId: string; url: string | null };

/** Answers that prove Assure created nothing: the reservation can be freed. Anything else may hide a success. */
const surelyNotCreated = (err: unknown) =>
  err instanceof AssureError && ['client', 'not_found', 'conflict', 'auth'].includes(err.kind);

/**
 * Starts an end-user retry: a new process in the same dossier through the contract's create process / start
 * capture flow. Idempotent on the key (a repeat, even concurrent, gets the first result and never a second
 * process) and limited per dossier. When Assure's answer is lost, the reservation is kept and reconciled against
 * the dossier's processes before the key is used again, so a timeout that hid a success cannot create a second one.
 */
export async function startRetry(deps: AppDeps, input: RetryInput): Promise<RetryResult> {
  const db = deps.database.db;
  for (let waited = 0; ;) {
    const existing = await findRetryByKey(db, input.key);
    if (existing) {
      if (existing.dossierId !== input.dossierId)
        throw conflict(
          'This Idempotency-Key was already used for another dossier.',
          'idempotency_key_reused',
        );
      if (existing.state === 'created') return { processId: existing.processId!, url: existing.url };
      const stale =
        existing.state === 'unknown' || Date.now() - existing.createdAt.getTime() > PENDING_STALE_MS;
      if (stale) {
        const adopted = await reconcile(deps, existing, input);
        if (adopted) return adopted;
        continue; // nothing was created: the key is free again
      }
      if (waited >= WAIT_MAX_MS)
        throw new HttpError(
          503,
          'retry_pending',
          'The first request with this key is still under way. Try again shortly.',
        );
      await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
      waited += WAIT_STEP_MS;
      continue;
    }

    const attempts = await dossierProcesses(db, input.dossierId);
    if (attempts.length === 0) throw notFound('No dossier with that id is known to Assure Desk.');
    await refuseVerified(db, input.dossierId, attempts);
    const last = attempts[attempts.length - 1]!;
    const provider = input.provider ?? last.provider;
    const processType =
      input.processType ??
      (provider === last.provider
        ? (last.processType ?? undefined)
        : isProvider(provider)
          ? STRONGEST_PROCESS_TYPE[provider]
          : undefined);
    const limit = await getSetting(db, 'retryLimit', DEFAULT_RETRY_LIMIT);

    const reserved = await reserveRetry(
      db,
      {
        dossierId: input.dossierId,
        key: input.key,
        actor: input.actor,
        provider,
        processType: processType ?? null,
        sourceProcessId: input.sourceProcessId ?? null,
      },
      limit,
    );
    if (reserved.kind === 'exists') continue; // a concurrent duplicate got there first: wait for its result
    if (reserved.kind === 'limit') {
      throw conflict(
        `The retry limit for this dossier is reached (${reserved.used} of ${limit} retries started through Assure Desk).`,
        'retry_limit',
      );
    }

    let result: RetryResult;
    try {
      result = await createUpstream(deps, input, provider, processType);
    } catch (err) {
      if (surelyNotCreated(err)) await dropRetry(db, reserved.row.id);
      else {
        await markRetryUnknown(db, reserved.row.id);
        throw new HttpError(
          502,
          'retry_unconfirmed',
          'Assure did not confirm the retry. Send the same request again: it checks the dossier before starting another.',
        );
      }
      throw err;
    }
    await record(deps, reserved.row, input, result);
    return result;
  }
}

/**
 * A retry belongs to the case: none is started for a person already verified (a later attempt accepted, the latest
 * attempt accepted, or a reviewer's approval). The 409 names the attempt that verified them.
 */
async function refuseVerified(db: AppDeps['database']['db'], dossierId: string, attempts: ProcessListRow[]) {
  const [decided, retried] = await Promise.all([
    decisionsFor(
      db,
      attempts.map((a) => a.processId),
    ),
    claimedRetryProcessIds(db, dossierId),
  ]);
  const input = {
    attempts: attempts.map((a) => ({
      processId: a.processId,
      status: a.status,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    })),
    decisions: decided.map((d) => ({
      processId: d.processId,
      outcome: d.outcome as 'approve' | 'reject' | 'retry',
      actor: d.actor,
      decidedAt: d.decidedAt.toISOString(),
      reasonCode: d.reasonCode,
    })),
    // The desk's retries order attempts created within the same second (Assure stamps whole seconds).
    retries: [...retried].map((processId) => ({ processId, createdAt: '' })),
  };
  const by = verifiedBy(input);
  if (!by) return;
  const n = by.attemptNumber;
  const row = attempts.find((a) => a.processId === by.processId)!;
  const how =
    row.status === 'accepted'
      ? `was accepted by ${providerLabel(row.provider)} on ${row.updatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`
      : 'was approved by a reviewer';
  throw conflict(
    `This person is already verified: attempt #${n} (${row.processId}) ${how}. A retry would verify them again.`,
    'case_resolved',
  );
}

async function createUpstream(
  deps: AppDeps,
  input: RetryInput,
  provider: string,
  processType: string | undefined,
): Promise<RetryResult> {
  const { client, database, sync } = deps;
  const type = processType ? { processType } : {};
  if (APP_ONLY_PROVIDERS.has(provider) || REDIRECT_PROVIDERS.has(provider)) {
    const created = await client.createProcess(input.dossierId, { provider, ...type });
    await upsertProcess(database.db, input.dossierId, created, deps.links).catch(() => undefined);
    return {
      processId: created.processId,
      url: REDIRECT_PROVIDERS.has(provider) ? (created.redirectUrl ?? null) : null,
    };
  }
  // An answer without a process id (contract §9) is resolved by listing the dossier: the new process is one we did not know.
  const known = new Set((await dossierProcesses(database.db, input.dossierId)).map((p) => p.processId));
  const captured = await client.startCapture(
    input.dossierId,
    { providers: [{ provider, ...type }], redirectUrl: input.redirectUrl },
    known,
  );
  await sync.refresh(input.dossierId, captured.processId).catch(() => undefined);
  return { processId: captured.processId, url: captured.url };
}

/** Marks the reservation created and writes the audit entry. */
async function record(deps: AppDeps, row: RetryRow, input: RetryInput, result: RetryResult) {
  const db = deps.database.db;
  await completeRetry(db, row.id, result.processId, result.url);
  await db.transaction((tx) =>
    appendAudit(tx, {
      actor: row.actor,
      action: 'retry.start',
      target: row.dossierId,
      requestId: input.requestId,
      details: {
        processId: result.processId,
        provider: row.provider,
        processType: row.processType,
        sourceProcessId: row.sourceProcessId,
      },
    }),
  );
}

/**
 * Finds the process a lost request may have created: one of the reservation's provider in the dossier, created
 * since the reservation, that no other retry claims. Adopts it, or frees the reservation when there is none.
 */
async function reconcile(deps: AppDeps, row: RetryRow, input: RetryInput): Promise<RetryResult | undefined> {
  const db = deps.database.db;
  const upstream = await deps.client.listProcesses(row.dossierId);
  const claimed = await claimedRetryProcessIds(db, row.dossierId);
  const since = row.createdAt.getTime() - 60_000;
  const candidate = upstream
    .filter(
      (p) =>
        p.provider === row.provider && !claimed.has(p.processId) && Date.parse(p.createdAt ?? '') >= since,
    )
    .sort((a, b) => Date.parse(a.createdAt ?? '') - Date.parse(b.createdAt ?? ''))[0];
  if (!candidate) {
    await dropRetry(db, row.id);
    return undefined;
  }
  await upsertProcess(db, row.dossierId, candidate, deps.links);
  // The end-user link of a capture flow is not part of the process: the operator starts a new link if needed.
  const redirect = typeof candidate.redirectUrl === 'string' ? candidate.redirectUrl : null;
  const result = {
    processId: candidate.processId,
    url: REDIRECT_PROVIDERS.has(row.provider) ? redirect : null,
  };
  await record(deps, row, input, result);
  return result;
}
