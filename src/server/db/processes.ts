import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gt,
  gte,
  inArray,
  lt,
  or,
  param,
  sql,
  type Placeholder,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ListReview, ProcessListQuery } from '@domain/api';
import { normaliseCountry } from '@domain/countries';
import { displayFields } from '@domain/display-fields';
import { erasePersonalData } from '@domain/pii';
import type { AssureProcess } from '@domain/process';
import { isFinalStatus, STATUSES } from '@domain/status';
import type { Db } from './client';
import { refreshCase } from './cases';
import { decodeCursor, encodeCursor } from './keyset';
import { cases, claims, decisions, dossiers, processes, webhookEvents } from './schema';
import { erasedSearchText, searchNeedle, searchTextOf } from './search';

export { decodeCursor, encodeCursor, erasedSearchText };

export type ProcessRow = typeof processes.$inferSelect;

/** What lists show: every column but the raw Get process JSON and the search text, which lists never need. */
const { raw: _raw, searchText: _searchText, ...listColumnSet } = getTableColumns(processes);
export const listColumns = listColumnSet;
export type ProcessListRow = Omit<ProcessRow, 'raw' | 'searchText'>;

function parseTime(value: string | undefined, fallback: Date): Date {
  const t = value ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? fallback : new Date(t);
}

/** The index columns derived from a Get process answer. */
export function processColumns(dossierId: string, p: AssureProcess, now = new Date()) {
  const f = displayFields(p);
  const createdAt = parseTime(p.createdAt, now);
  return {
    processId: p.processId,
    dossierId,
    provider: p.provider,
    processType: p.processType ?? null,
    status: p.status,
    isFinal: isFinalStatus(p.status),
    createdAt,
    updatedAt: parseTime(p.updatedAt, createdAt),
    firstName: f.firstName ?? null,
    lastName: f.lastName ?? null,
    documentNumber: f.documentNumber ?? null,
    // One spelling per country (ISO alpha-3): Connect's alpha-2 claims and the documents' alpha-3 meet here.
    documentCountry: normaliseCountry(f.documentCountry) ?? null,
    searchText: searchTextOf([f.firstName, f.lastName, f.documentNumber, p.processId, dossierId]),
    raw: p,
    syncedAt: now,
    deletedUpstream: false,
    deletedAt: null,
  };
}

/** Computes and stores the link index's keys of a process (src/server/links), for every answer stored. */
export interface ProcessIndexer {
  index(processId: string, dossierId: string, raw: unknown): Promise<void>;
}

/**
 * Stores the latest Get process answer. The rule is in the statement itself, so concurrent refreshes (webhook,
 * poll, discovery, reads, other instances) cannot undo each other: a final process is never overwritten by a
 * non-final answer (final statuses never change), and an answer older than the stored one is ignored. A row whose
 * personal data was erased (retention) keeps it erased: the statement writes the erased copy of the answer and no
 * names, whatever Assure still holds.
 * With `links`, the process's identity keys are (re)written to the link index.
 * Returns the previous status, if any, and whether the status changed.
 */
export async function upsertProcess(db: Db, dossierId: string, p: AssureProcess, links?: ProcessIndexer) {
  const values = processColumns(dossierId, p);
  const [previous] = await db
    .select({ status: processes.status })
    .from(processes)
    .where(eq(processes.processId, p.processId));
  const kept = sql`${processes.personalDataErasedAt} IS NULL`;
  const written = await db
    .insert(processes)
    .values(values)
    .onConflictDoUpdate({
      target: processes.processId,
      set: {
        ...values,
        refreshClaimedAt: null,
        raw: sql`CASE WHEN ${kept} THEN excluded.raw ELSE ${JSON.stringify(erasePersonalData(p).value)}::jsonb END`,
        firstName: sql`CASE WHEN ${kept} THEN excluded.first_name END`,
        lastName: sql`CASE WHEN ${kept} THEN excluded.last_name END`,
        documentNumber: sql`CASE WHEN ${kept} THEN excluded.document_number END`,
        searchText: sql`CASE WHEN ${kept} THEN excluded.search_text ELSE ${erasedSearchText(p.processId, dossierId)} END`,
      },
      setWhere: and(
        or(eq(processes.isFinal, false), sql`excluded.is_final`),
        sql`excluded.updated_at >= ${processes.updatedAt}`,
      ),
    })
    .returning({ status: processes.status });
  if (written.length === 0) {
    // Kept what we had; it was still confirmed just now.
    await db
      .update(processes)
      .set({ syncedAt: values.syncedAt, refreshClaimedAt: null })
      .where(eq(processes.processId, p.processId));
    return { previousStatus: previous?.status, changed: false };
  }
  await db
    .insert(dossiers)
    .values({ dossierId })
    .onConflictDoUpdate({
      target: dossiers.dossierId,
      set: { syncedAt: new Date(), deletedUpstream: false },
    });
  await refreshCase(db, dossierId);
  // Keys are computed from the answer as Assure sent it; a row erased meanwhile keeps the keys it had.
  await links?.index(p.processId, dossierId, p);
  return { previousStatus: previous?.status, changed: previous?.status !== values.status };
}

export async function markProcessDeleted(db: Db, processId: string) {
  await db
    .update(processes)
    .set({
      deletedUpstream: true,
      deletedAt: sql`coalesce(${processes.deletedAt}, now())`,
      syncedAt: new Date(),
    })
    .where(eq(processes.processId, processId));
}

export async function markDossierDeleted(db: Db, dossierId: string) {
  await db.update(dossiers).set({ deletedUpstream: true }).where(eq(dossiers.dossierId, dossierId));
  await db
    .update(processes)
    .set({ deletedUpstream: true, deletedAt: sql`coalesce(${processes.deletedAt}, now())` })
    .where(eq(processes.dossierId, dossierId));
}

export async function findProcess(db: Db, processId: string): Promise<ProcessRow | undefined> {
  const [row] = await db.select().from(processes).where(eq(processes.processId, processId)).limit(1);
  return row;
}

export async function findProcesses(db: Db, processIds: string[]): Promise<ProcessListRow[]> {
  if (processIds.length === 0) return [];
  return db.select(listColumns).from(processes).where(inArray(processes.processId, processIds));
}

export async function dossierProcesses(db: Db, dossierId: string): Promise<ProcessListRow[]> {
  return db
    .select(listColumns)
    .from(processes)
    .where(eq(processes.dossierId, dossierId))
    .orderBy(asc(processes.createdAt), asc(processes.processId));
}

/** The Get process answers of a dossier's attempts, oldest first (for the attempt diff). */
export async function dossierAnswers(
  db: Db,
  dossierId: string,
): Promise<Array<{ processId: string; raw: unknown; device: string | null }>> {
  return db
    .select({ processId: processes.processId, raw: processes.raw, device: processes.device })
    .from(processes)
    .where(eq(processes.dossierId, dossierId))
    .orderBy(asc(processes.createdAt), asc(processes.processId));
}

/** Records the device a ReadID attempt ran on (read from its full result). */
export async function setProcessDevice(db: Db, processId: string, device: string) {
  await db.update(processes).set({ device }).where(eq(processes.processId, processId));
}

export async function findDossier(db: Db, dossierId: string) {
  const [row] = await db.select().from(dossiers).where(eq(dossiers.dossierId, dossierId)).limit(1);
  return row;
}

/** Which of these processes we already hold, with their status and update time, to skip unchanged ones. */
export async function knownProcesses(db: Db, processIds: string[]) {
  if (processIds.length === 0) return new Map<string, { isFinal: boolean; updatedAt: Date }>();
  const rows = await db
    .select({ processId: processes.processId, isFinal: processes.isFinal, updatedAt: processes.updatedAt })
    .from(processes)
    .where(inArray(processes.processId, processIds));
  return new Map(rows.map((r) => [r.processId, r]));
}

/** Dossiers we know (not deleted upstream), with the `updatedAt` Assure last reported for each. */
export async function knownDossiers(db: Db): Promise<Map<string, number | null>> {
  const rows = await db
    .select({ id: dossiers.dossierId, updatedAt: dossiers.updatedAt })
    .from(dossiers)
    .where(eq(dossiers.deletedUpstream, false));
  return new Map(rows.map((r) => [r.id, r.updatedAt?.getTime() ?? null]));
}

/**
 * Records a dossier as seen in Assure's list, with its `updatedAt` when Assure gives one, and the customer's own
 * `externalReference` when it carries one (an answer without it keeps the one we know).
 */
export async function touchDossier(
  db: Db,
  dossierId: string,
  updatedAt: Date | null,
  externalReference?: string,
) {
  const reference = externalReference ? { externalReference } : {};
  await db
    .insert(dossiers)
    .values({ dossierId, updatedAt, ...reference })
    .onConflictDoUpdate({
      target: dossiers.dossierId,
      set: { updatedAt, syncedAt: new Date(), deletedUpstream: false, ...reference },
    });
}

/** Dossiers the customer's system names `externalReference` (exact match; a reference may name several). */
export async function dossiersByExternalReference(
  db: Db,
  externalReference: string,
  limit = 5,
): Promise<string[]> {
  const rows = await db
    .select({ id: dossiers.dossierId })
    .from(dossiers)
    .where(and(eq(dossiers.externalReference, externalReference), eq(dossiers.deletedUpstream, false)))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Records what an event led to: `resolved` (a process was refreshed) or `unresolved` (it led nowhere). */
export async function setEventOutcome(
  db: Db,
  eventId: string,
  outcome: 'resolved' | 'unresolved',
  processId?: string,
) {
  await db
    .update(webhookEvents)
    .set({ outcome, ...(processId ? { processId } : {}) })
    .where(eq(webhookEvents.id, eventId));
}

/** Events of the last `hours` that led to no process (shown on /api/health). */
export async function countUnresolvedEvents(db: Db, hours = 24): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(webhookEvents)
    .where(
      and(
        eq(webhookEvents.outcome, 'unresolved'),
        gte(webhookEvents.receivedAt, new Date(Date.now() - hours * 3600_000)),
      ),
    );
  return Number(row?.n ?? 0);
}

/** Dossiers holding at least one process that is not final yet: the only ones discovery must re-list. */
export async function dossiersWithOpenProcesses(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ id: processes.dossierId })
    .from(processes)
    .where(and(eq(processes.isFinal, false), eq(processes.deletedUpstream, false)));
  return new Set(rows.map((r) => r.id));
}

/** The longest a process in an unrecognised status waits between two fallback polls. */
export const UNKNOWN_STATUS_MAX_POLL_GAP_S = 6 * 3600;

/**
 * Non-final processes not refreshed for `olderThanMs`, oldest first. A status we do not recognise (contract §9:
 * `not_matched`) is never final, so it is polled too, but with back-off: the gap grows with the time since Assure
 * last changed the process (a quarter of it), up to UNKNOWN_STATUS_MAX_POLL_GAP_S.
 */
export async function staleOpenProcesses(db: Db, olderThanMs: number, limit: number) {
  const known = sql.join(
    STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const backedOff = sql`${processes.syncedAt} < now() - least(greatest(${olderThanMs}::int * interval '1 millisecond', (now() - ${processes.updatedAt}) / 4), ${UNKNOWN_STATUS_MAX_POLL_GAP_S}::int * interval '1 second')`;
  return db
    .select({ processId: processes.processId, dossierId: processes.dossierId })
    .from(processes)
    .where(
      and(
        eq(processes.isFinal, false),
        eq(processes.deletedUpstream, false),
        lt(processes.syncedAt, new Date(Date.now() - olderThanMs)),
        or(sql`${processes.status} IN (${known})`, backedOff),
      ),
    )
    .orderBy(asc(processes.syncedAt))
    .limit(limit);
}

/**
 * Takes on the next upstream refresh of a process unless another viewer or instance did within `windowMs`.
 * Only the caller that gets `true` asks Assure; everyone else serves the index.
 */
export async function claimRefresh(db: Db, processId: string, windowMs: number): Promise<boolean> {
  const cutoff = new Date(Date.now() - windowMs);
  const rows = await db
    .update(processes)
    .set({ refreshClaimedAt: new Date() })
    .where(
      and(
        eq(processes.processId, processId),
        lt(processes.syncedAt, cutoff),
        or(sql`${processes.refreshClaimedAt} IS NULL`, lt(processes.refreshClaimedAt, cutoff)),
      ),
    )
    .returning({ id: processes.processId });
  return rows.length > 0;
}

// --- Listing with keyset pagination ----------------------------------------------------------------------------

const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
/** Start of a calendar day in a time zone, computed by PostgreSQL (DST included). */
const dayStart = (day: unknown, tz: unknown, plusDays = 0) =>
  sql`((${day}::date + ${plusDays}::int)::timestamp AT TIME ZONE ${tz})`;

/**
 * How a filter value enters the SQL: as a parameter (the default), or as a named placeholder, so that the SQL of a
 * list page is built once per shape of query and run with each request's values (listPageQuery).
 */
type Bind = (name: string, value: unknown) => unknown;
/** A `LIKE` pattern for ids starting with `q` as typed (lower case, LIKE's wildcards escaped). */
const idPrefixOf = (q: string) => `${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const asParam: Bind = (_name, value) => (Array.isArray(value) ? param(value) : value);

export function listFilters(
  q: Omit<ProcessListQuery, 'cursor' | 'limit' | 'sort'>,
  opts: { searchIdsOnly?: boolean } = {},
  bind: Bind = asParam,
): SQL[] {
  const where: SQL[] = [];
  // `= ANY(array)`: one parameter however many values, so one SQL text serves every such filter.
  if (q.status.length) where.push(sql`${processes.status} = ANY(${bind('status', q.status)})`);
  if (q.caseState?.length) {
    where.push(
      sql`${processes.processId} IN (SELECT ${cases.processId} FROM ${cases} WHERE ${cases.state} = ANY(${bind('caseState', q.caseState)}))`,
    );
  }
  if (q.provider.length) where.push(sql`${processes.provider} = ANY(${bind('provider', q.provider)})`);
  if (q.processType) where.push(sql`${processes.processType} = ${bind('processType', q.processType)}`);
  if (q.country) where.push(sql`${processes.documentCountry} = ${bind('country', q.country)}`);
  // `YYYY-MM-DD` bounds are whole days, inclusive, in `tz` (default UTC); full timestamps are taken as they are.
  const tz = bind('tz', q.tz ?? 'UTC');
  if (q.from)
    where.push(
      isDay(q.from)
        ? sql`${processes.createdAt} >= ${dayStart(bind('from', q.from), tz)}`
        : sql`${processes.createdAt} >= ${bind('from', new Date(q.from))}`,
    );
  if (q.to)
    where.push(
      isDay(q.to)
        ? sql`${processes.createdAt} < ${dayStart(bind('to', q.to), tz, 1)}`
        : sql`${processes.createdAt} <= ${bind('to', new Date(q.to))}`,
    );
  if (q.q) {
    const search = bind('q', q.q) as Placeholder;
    // The customer's own reference of the dossier (contract §9) is how their systems name the person: searchable too.
    // Folded like the search text (migration 0007), with a trigram index on the folded reference (0013).
    const byReference = (pattern: SQL) =>
      sql`${processes.dossierId} IN (SELECT ${dossiers.dossierId} FROM ${dossiers} WHERE ${dossiers.externalReference} IS NOT NULL AND desk_fold(${dossiers.externalReference}) LIKE ${pattern})`;
    where.push(
      opts.searchIdsOnly
        ? sql`(lower(${processes.processId}) LIKE ${bind('idPrefix', idPrefixOf(q.q))} OR lower(${processes.dossierId}) LIKE ${bind('idPrefix', idPrefixOf(q.q))} OR ${byReference(prefixNeedle(search))})`
        : // Two index lookups joined by UNION (the trigram index on the search text, the one on the folded reference):
          // an OR of the two would make PostgreSQL walk the sort index and test every row (≈300 ms at 1,000,000).
          sql`${processes.processId} IN (SELECT s.process_id FROM processes s WHERE s.search_text LIKE ${searchNeedle(search)}
                UNION SELECT r.process_id FROM processes r JOIN dossiers d ON d.dossier_id = r.dossier_id
                  WHERE d.external_reference IS NOT NULL AND desk_fold(d.external_reference) LIKE ${searchNeedle(search)})`,
    );
  }
  return where;
}

/** A `LIKE` pattern matching folded texts that start with `q`. */
const prefixNeedle = (q: string | Placeholder) =>
  sql`replace(replace(replace(desk_fold(${q}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;

/** One page of the list, the rows alone (the CSV export): the list page's own query and cursors. */
export async function listProcesses(db: Db, q: ProcessListQuery, opts: { searchIdsOnly?: boolean } = {}) {
  const page = await listProcessPage(db, q, opts);
  return { ...page, rows: page.rows.map((r) => r.row) };
}

/** A list row with its review state (decided by whom, or claimed by whom) and its dossier's case. */
export interface ListPageRow {
  row: ProcessListRow;
  review: ListReview;
  kase:
    | {
        state: string;
        processId: string | null;
        attemptNumber: number | null;
        decisionOutcome: string | null;
      }
    | undefined;
}

const caseDecisions = alias(decisions, 'case_decisions');

/**
 * The SQL of one list page (built, not run; what listProcessPage runs and the list benchmark's bare server runs): the
 * page with each row's review state and case, in one round trip. The keyset page is a subquery, and the decision, the
 * live claim and the case are joined to its ≤ limit+1 rows by primary or unique key.
 */
export function listPageQuery(
  db: Db,
  q: ProcessListQuery,
  opts: { searchIdsOnly?: boolean } = {},
  bind: Bind = asParam,
) {
  const byUpdated = q.sort.endsWith('updated');
  const column = byUpdated ? processes.updatedAt : processes.createdAt;
  const descending = q.sort.startsWith('-');
  const cursor = decodeCursor(q.cursor);
  const backwards = cursor?.d === 'p';
  const ascending = descending === backwards;
  const where = listFilters(q, opts, bind);
  if (cursor) {
    const k = bind('cursorKey', new Date(cursor.k));
    const id = bind('cursorId', cursor.id);
    where.push(
      ascending
        ? sql`(${column}, ${processes.processId}) > (${k}, ${id})`
        : sql`(${column}, ${processes.processId}) < (${k}, ${id})`,
    );
  }
  const page = db
    .select(listColumns)
    .from(processes)
    .where(where.length ? and(...where) : undefined)
    .orderBy(
      ...(ascending ? [asc(column), asc(processes.processId)] : [desc(column), desc(processes.processId)]),
    )
    .limit(bind('limit', q.limit + 1) as number)
    .as('page');
  const pageKey = byUpdated ? page.updatedAt : page.createdAt;
  const row = Object.fromEntries(
    Object.keys(listColumns).map((k) => [k, page[k as keyof typeof listColumns]]),
  ) as {
    [K in keyof typeof listColumns]: (typeof page)[K];
  };
  // Each joined table is read per page row (LATERAL, by its unique key; LIMIT 1 keeps PostgreSQL from flattening it back
  // into a join): a plain join let the planner hash the whole decisions table for 51 rows once it held a few thousand
  // decisions, a sequential scan that grows with the table (1.0 of 1.8 ms at 100,000 processes).
  const decision = db
    .select({ outcome: decisions.outcome, actor: decisions.actor, state: decisions.state })
    .from(decisions)
    .where(eq(decisions.processId, page.processId))
    .limit(1)
    .as('decision');
  const claim = db
    .select({ username: claims.username })
    .from(claims)
    .where(and(eq(claims.processId, page.processId), gt(claims.expiresAt, sql`now()`)))
    .limit(1)
    .as('claim');
  const kase = db
    .select({
      state: cases.state,
      processId: cases.processId,
      attemptNumber: cases.attemptNumber,
      outcome: caseDecisions.outcome,
    })
    .from(cases)
    .leftJoin(caseDecisions, eq(caseDecisions.id, cases.decisionId))
    .where(eq(cases.dossierId, page.dossierId))
    .limit(1)
    .as('kase');
  const found = db
    .select({
      row,
      decision: decision.outcome,
      decidedBy: decision.actor,
      decisionState: decision.state,
      claimedBy: claim.username,
      caseState: kase.state,
      caseProcessId: kase.processId,
      caseAttempt: kase.attemptNumber,
      caseDecision: kase.outcome,
    })
    .from(page)
    .leftJoinLateral(decision, sql`true`)
    .leftJoinLateral(claim, sql`true`)
    .leftJoinLateral(kase, sql`true`)
    .orderBy(...(ascending ? [asc(pageKey), asc(page.processId)] : [desc(pageKey), desc(page.processId)]));
  return { found, cursor, backwards, byUpdated };
}

type PreparedPage = ReturnType<ReturnType<typeof listPageQuery>['found']['prepare']>;
/** Per database, the list page's SQL built once per shape of query (drizzle takes ~0.5 ms to build it). */
const preparedPages = new WeakMap<Db, Map<string, PreparedPage>>();
const MAX_SHAPES = 500;

/** What changes the SQL text of a list page (not its values): the sort, the paging direction, which filters are set. */
function listShape(q: ProcessListQuery, opts: { searchIdsOnly?: boolean }): string {
  const d = decodeCursor(q.cursor)?.d ?? '';
  const day = (v: string | undefined) => (v === undefined ? '' : isDay(v) ? 'd' : 't');
  const set = (v: unknown) => ((Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '') ? '1' : '0');
  return [
    q.sort,
    d,
    set(q.status),
    set(q.caseState),
    set(q.provider),
    set(q.processType),
    set(q.country),
    day(q.from),
    day(q.to),
    set(q.q),
    opts.searchIdsOnly ? '1' : '0',
  ].join('|');
}

/** The values of a list page's placeholders (see listFilters and listPageQuery for where each goes). */
function listValues(q: ProcessListQuery): Record<string, unknown> {
  const cursor = decodeCursor(q.cursor);
  return {
    status: q.status,
    caseState: q.caseState,
    provider: q.provider,
    processType: q.processType,
    country: q.country,
    tz: q.tz ?? 'UTC',
    from: q.from && !isDay(q.from) ? new Date(q.from) : q.from,
    to: q.to && !isDay(q.to) ? new Date(q.to) : q.to,
    q: q.q,
    idPrefix: q.q ? idPrefixOf(q.q) : undefined,
    cursorKey: cursor ? new Date(cursor.k) : undefined,
    cursorId: cursor?.id,
    limit: q.limit + 1,
  };
}

export async function listProcessPage(db: Db, q: ProcessListQuery, opts: { searchIdsOnly?: boolean } = {}) {
  const cursor = decodeCursor(q.cursor);
  const backwards = cursor?.d === 'p';
  const byUpdated = q.sort.endsWith('updated');
  let pages = preparedPages.get(db);
  if (!pages) preparedPages.set(db, (pages = new Map()));
  const shape = listShape(q, opts);
  let prepared = pages.get(shape);
  if (!prepared) {
    if (pages.size >= MAX_SHAPES) pages.clear();
    // Unnamed (''): PostgreSQL still plans each page with its values, as a search or a rare status needs.
    prepared = listPageQuery(db, q, opts, (name) => sql.placeholder(name)).found.prepare('');
    pages.set(shape, prepared);
  }
  const found = await prepared.execute(listValues(q));
  const more = found.length > q.limit;
  const rows: ListPageRow[] = found.slice(0, q.limit).map((f) => ({
    row: f.row,
    // A decision ends the claim: a decided row shows who decided, never a stale claim.
    review: f.decision
      ? {
          decision: f.decision as ListReview['decision'],
          decidedBy: f.decidedBy,
          claimedBy: null,
          pendingSecondReview: f.decisionState === 'pending_second_review',
        }
      : { decision: null, decidedBy: null, claimedBy: f.claimedBy },
    kase: f.caseState
      ? {
          state: f.caseState,
          processId: f.caseProcessId,
          attemptNumber: f.caseAttempt,
          decisionOutcome: f.caseDecision,
        }
      : undefined,
  }));
  if (backwards) rows.reverse();
  const key = (r: ProcessListRow) => (byUpdated ? r.updatedAt : r.createdAt).getTime();
  const first = rows[0]?.row;
  const last = rows[rows.length - 1]?.row;
  const hasNext = backwards ? true : more;
  const hasPrev = backwards ? more : Boolean(cursor);
  return {
    rows,
    nextCursor: hasNext && last ? encodeCursor({ k: key(last), id: last.processId, d: 'n' }) : null,
    prevCursor: hasPrev && first ? encodeCursor({ k: key(first), id: first.processId, d: 'p' }) : null,
  };
}
