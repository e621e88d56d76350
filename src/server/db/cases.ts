import { and, asc, desc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import {
  caseOf,
  caseReason,
  DEFAULT_REVIEW_SLA_HOURS,
  OPEN_CASE_STATES,
  REVIEW_SLA_SETTING,
  type CaseListQuery,
  type CaseState,
} from '@domain/cases';
import { explainProcess } from '@domain/explain';
import { query, type Db } from './client';
import { decodeCursor, encodeCursor } from './keyset';
import { searchNeedle } from './search';
import { linkedToRejectedSql } from './links';
import { cases, claims, decisions, processes, retries, users } from './schema';
import { getSetting } from './settings';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Conn = Db | Tx;

export type CaseRow = typeof cases.$inferSelect;

/** Retry reservations that stand for a retry under way or done (a dropped one is deleted). */
const LIVE_RETRY_STATES = ['pending', 'created', 'unknown'];

/** Recomputes the cases of these dossiers from their attempts, decisions and retries (see src/domain/cases.ts). */
async function computeCases(db: Conn, dossierIds: string[]) {
  if (dossierIds.length === 0) return [];
  // One after the other: inside a transaction the three share one connection.
  const attempts = await db
    .select({
      processId: processes.processId,
      dossierId: processes.dossierId,
      status: processes.status,
      provider: processes.provider,
      processType: processes.processType,
      documentCountry: processes.documentCountry,
      createdAt: processes.createdAt,
      updatedAt: processes.updatedAt,
    })
    .from(processes)
    .where(inArray(processes.dossierId, dossierIds));
  const decided = await db
    .select({
      id: decisions.id,
      processId: decisions.processId,
      dossierId: decisions.dossierId,
      outcome: decisions.outcome,
      actor: decisions.actor,
      decidedAt: decisions.decidedAt,
      reasonCode: decisions.reasonCode,
      state: decisions.state,
    })
    .from(decisions)
    .where(inArray(decisions.dossierId, dossierIds));
  const retried = await db
    .select({ dossierId: retries.dossierId, processId: retries.processId, createdAt: retries.createdAt })
    .from(retries)
    .where(and(inArray(retries.dossierId, dossierIds), inArray(retries.state, LIVE_RETRY_STATES)));
  const group = <T extends { dossierId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.dossierId, [...(m.get(r.dossierId) ?? []), r]);
    return m;
  };
  const [byAttempts, byDecisions, byRetries] = [group(attempts), group(decided), group(retried)];
  const computed = dossierIds.map((dossierId) => {
    const own = (byAttempts.get(dossierId) ?? []).sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.processId < b.processId ? -1 : 1),
    );
    const ownDecisions = byDecisions.get(dossierId) ?? [];
    const summary = caseOf({
      attempts: own.map((a) => ({
        processId: a.processId,
        status: a.status,
        createdAt: a.createdAt.toISOString(),
        updatedAt: a.updatedAt.toISOString(),
      })),
      decisions: ownDecisions.map((d) => ({
        processId: d.processId,
        outcome: d.outcome as 'approve' | 'reject' | 'retry',
        actor: d.actor,
        decidedAt: d.decidedAt.toISOString(),
        reasonCode: d.reasonCode,
        state: d.state === 'pending_second_review' ? ('pending_second_review' as const) : ('final' as const),
      })),
      retries: (byRetries.get(dossierId) ?? []).map((r) => ({
        processId: r.processId,
        createdAt: r.createdAt.toISOString(),
      })),
    });
    const subject = own.find((a) => a.processId === summary.processId);
    const latest = own[own.length - 1];
    const decision = summary.decision
      ? ownDecisions.find((d) => d.processId === summary.decision!.processId)
      : undefined;
    const activity = Math.max(latest?.updatedAt.getTime() ?? 0, decision?.decidedAt.getTime() ?? 0);
    return {
      dossierId,
      state: summary.state,
      processId: summary.processId,
      attemptNumber: summary.attemptNumber,
      attempts: summary.attempts,
      provider: subject?.provider ?? latest?.provider ?? null,
      providers: [...new Set(own.map((a) => a.provider))],
      processType: subject?.processType ?? null,
      status: subject?.status ?? null,
      reason: null as string | null,
      reasonLabel: null as string | null,
      documentCountry:
        subject?.documentCountry ??
        [...own].reverse().find((a) => a.documentCountry)?.documentCountry ??
        null,
      waitingSince: summary.waitingSince ? new Date(summary.waitingSince) : null,
      sortAt: summary.waitingSince ? new Date(summary.waitingSince) : new Date(activity || Date.now()),
      decisionId: decision?.id ?? null,
      computedAt: new Date(),
    };
  });
  // Why the attempt under review is inconclusive: from its provider data, read only for those attempts.
  const inconclusive = computed
    .filter((c) => c.status === 'inconclusive' && c.processId)
    .map((c) => c.processId!);
  if (inconclusive.length) {
    const raws = await db
      .select({ processId: processes.processId, raw: processes.raw })
      .from(processes)
      .where(inArray(processes.processId, inconclusive));
    const reasons = new Map(raws.map((r) => [r.processId, caseReason(explainProcess(r.raw).checks)]));
    for (const c of computed) {
      const reason = c.processId ? reasons.get(c.processId) : undefined;
      if (reason) Object.assign(c, { reason: reason.code, reasonLabel: reason.label });
    }
  }
  return computed;
}

/** Writes computed cases, keeping each case's assignment. */
async function writeCases(db: Conn, rows: Awaited<ReturnType<typeof computeCases>>, onlyMissing = false) {
  if (rows.length === 0) return;
  const insert = db.insert(cases).values(rows);
  if (onlyMissing) {
    await insert.onConflictDoNothing({ target: cases.dossierId });
    return;
  }
  const { dossierId: _id, ...rest } = rows[0]!;
  const set = Object.fromEntries(Object.keys(rest).map((k) => [k, sql.raw(`excluded.${toColumn(k)}`)]));
  await insert.onConflictDoUpdate({ target: cases.dossierId, set });
}

const toColumn = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Recomputes one dossier's case. Called after every change to its attempts, decisions or retries; serialised per
 * dossier (an advisory lock held to the end of the transaction), so two concurrent changes cannot leave the older
 * answer in place. Pass the caller's transaction when the change is part of one, so the case commits with it.
 */
export async function refreshCase(db: Conn, dossierId: string): Promise<void> {
  const run = async (tx: Conn) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${'case:' + dossierId}))`);
    await writeCases(tx, await computeCases(tx, [dossierId]));
  };
  if (isTx(db)) await run(db);
  else await (db as Db).transaction(run);
}

const isTx = (db: Conn): db is Tx => 'rollback' in db;

/**
 * Computes the cases of dossiers that have none yet (a database from before cases existed), in batches. Safe to run
 * beside live traffic: it only inserts missing rows, so a case refreshed meanwhile keeps its newer answer.
 */
export async function backfillCases(db: Db, batch = 500): Promise<number> {
  let total = 0;
  // Walks the dossiers in id order along the dossier index, so each batch reads only its own stretch: asking afresh
  // for "dossiers without a case" re-read every dossier already done, quadratic at a million processes.
  for (let after = ''; ;) {
    const page = await query<{ id: string; has_case: boolean }>(
      db,
      sql`SELECT d.id, EXISTS (SELECT 1 FROM ${cases} WHERE ${cases.dossierId} = d.id) AS has_case
          FROM (SELECT DISTINCT ${processes.dossierId} AS id FROM ${processes}
                WHERE ${processes.dossierId} > ${after} ORDER BY 1 LIMIT ${batch}) AS d
          ORDER BY d.id`,
    );
    if (page.length === 0) return total;
    after = page[page.length - 1]!.id;
    const missing = page.filter((d) => !d.has_case).map((d) => d.id);
    if (missing.length === 0) continue;
    await writeCases(db, await computeCases(db, missing), true);
    total += missing.length;
  }
}

// --- Reading -----------------------------------------------------------------------------------------------------

export async function reviewSlaHours(db: Db): Promise<number> {
  const v = await getSetting<unknown>(db, REVIEW_SLA_SETTING, undefined);
  return typeof v === 'number' && v > 0 ? v : DEFAULT_REVIEW_SLA_HOURS;
}

/** Due time and overdue, computed by the database against the SLA: a case waits from when its attempt became inconclusive. */
export const dueAtSql = (sla: number) =>
  sql<Date | null>`CASE WHEN ${cases.state} = 'needs_review' THEN ${cases.waitingSince} + make_interval(hours => ${sla}::int) END`;
export const overdueSql = (sla: number) =>
  sql<boolean>`(${cases.state} = 'needs_review' AND ${cases.waitingSince} + make_interval(hours => ${sla}::int) < now())`;

export interface CaseFilters extends Omit<CaseListQuery, 'cursor' | 'limit' | 'state'> {
  state?: CaseState[];
  /** The signed-in user, for `assignee=me`. */
  userId?: number;
  /** Without personal-data rights, search matches ids only. */
  searchIdsOnly?: boolean;
  /** The link index's lookup generation, for `linked=rejected`. */
  linkGeneration?: number;
}

/** WHERE clauses for every filter but state (the tabs count across states with the same filters). */
export function caseFilters(f: CaseFilters, sla: number): SQL[] {
  const where: SQL[] = [];
  if (f.provider.length)
    where.push(
      sql`${cases.providers} && ${sql`ARRAY[${sql.join(
        f.provider.map((p) => sql`${p}`),
        sql`, `,
      )}]::text[]`}`,
    );
  if (f.reason) where.push(eq(cases.reason, f.reason));
  if (f.country) where.push(eq(cases.documentCountry, f.country));
  if (f.assignee === 'me') where.push(eq(cases.assigneeId, f.userId ?? -1));
  else if (f.assignee === 'unassigned') where.push(isNull(cases.assigneeId));
  else if (f.assignee) where.push(eq(cases.assignee, f.assignee));
  if (f.linked === 'rejected')
    where.push(sql`${cases.dossierId} IN ${linkedToRejectedSql(f.linkGeneration ?? 0)}`);
  if (f.overdue === true) where.push(overdueSql(sla));
  if (f.overdue === false) where.push(sql`NOT ${overdueSql(sla)}`);
  if (f.q) {
    const needle = f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(
      f.searchIdsOnly
        ? sql`(lower(${cases.dossierId}) LIKE ${needle + '%'} OR ${cases.dossierId} IN (SELECT ${processes.dossierId} FROM ${processes} WHERE lower(${processes.processId}) LIKE ${needle + '%'}))`
        : sql`${cases.dossierId} IN (SELECT ${processes.dossierId} FROM ${processes} WHERE ${processes.searchText} LIKE ${searchNeedle(f.q)})`,
    );
  }
  return where;
}

/** Waiting states are worked oldest (soonest due) first; settled ones are looked up newest first. */
export const ascendingFor = (states: readonly CaseState[]) =>
  states.length > 0 && states.every((s) => OPEN_CASE_STATES.has(s));

const caseColumns = (sla: number) => ({
  case: cases,
  firstName: processes.firstName,
  lastName: processes.lastName,
  dueAt: dueAtSql(sla),
  overdue: overdueSql(sla),
  claimUser: claims.username,
  claimUserId: claims.userId,
  claimedAt: claims.claimedAt,
  claimExpiresAt: claims.expiresAt,
  decisionOutcome: decisions.outcome,
  decisionActor: decisions.actor,
  decisionAt: decisions.decidedAt,
  decisionReason: decisions.reasonCode,
});

function caseQuery(db: Db, sla: number) {
  return db
    .select(caseColumns(sla))
    .from(cases)
    .leftJoin(processes, eq(processes.processId, cases.processId))
    .leftJoin(claims, and(eq(claims.processId, cases.processId), gt(claims.expiresAt, sql`now()`)))
    .leftJoin(decisions, eq(decisions.id, cases.decisionId));
}

export type CaseListRow = Awaited<ReturnType<ReturnType<typeof caseQuery>['execute']>>[number];

/** A page of cases in the given states, by due time (keyset: `sort_at`, dossier id), and how many each state has. */
export async function listCases(
  db: Db,
  q: CaseListQuery & { userId?: number; searchIdsOnly?: boolean; linkGeneration?: number },
  sla: number,
) {
  const states: CaseState[] = q.state.length ? q.state : ['needs_review'];
  const filters = caseFilters(q, sla);
  const ascending = ascendingFor(states);
  const cursor = decodeCursor(q.cursor);
  const where = [...filters, inArray(cases.state, states)];
  if (cursor) {
    const k = new Date(cursor.k);
    where.push(
      ascending
        ? sql`(${cases.sortAt}, ${cases.dossierId}) > (${k}, ${cursor.id})`
        : sql`(${cases.sortAt}, ${cases.dossierId}) < (${k}, ${cursor.id})`,
    );
  }
  const [rows, counts, reasons] = await Promise.all([
    caseQuery(db, sla)
      .where(and(...where))
      .orderBy(
        ...(ascending
          ? [asc(cases.sortAt), asc(cases.dossierId)]
          : [desc(cases.sortAt), desc(cases.dossierId)]),
      )
      .limit(q.limit + 1),
    db
      .select({ state: cases.state, n: sql<number>`count(*)::int` })
      .from(cases)
      .where(filters.length ? and(...filters) : undefined)
      .groupBy(cases.state),
    db
      .select({
        code: cases.reason,
        label: sql<string>`min(${cases.reasonLabel})`,
        n: sql<number>`count(*)::int`,
      })
      .from(cases)
      .where(
        and(
          ...caseFilters({ ...q, reason: undefined }, sla),
          inArray(cases.state, states),
          sql`${cases.reason} IS NOT NULL`,
        ),
      )
      .groupBy(cases.reason),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor({ k: last.case.sortAt.getTime(), id: last.case.dossierId, d: 'n' })
        : null,
    counts: Object.fromEntries(counts.map((c) => [c.state, c.n])) as Record<string, number>,
    reasons: reasons
      .filter((r) => r.code)
      .map((r) => ({ code: r.code!, label: r.label, n: r.n }))
      .sort((a, b) => b.n - a.n),
  };
}

export async function findCase(db: Db, dossierId: string, sla: number): Promise<CaseListRow | undefined> {
  const [row] = await caseQuery(db, sla).where(eq(cases.dossierId, dossierId));
  return row;
}

/** The case state of each of these dossiers, for a page of the processes list. */
export async function caseStatesFor(db: Db, dossierIds: string[]) {
  if (!dossierIds.length)
    return new Map<
      string,
      Pick<CaseRow, 'state' | 'processId' | 'attemptNumber'> & { decisionOutcome: string | null }
    >();
  const rows = await db
    .select({
      dossierId: cases.dossierId,
      state: cases.state,
      processId: cases.processId,
      attemptNumber: cases.attemptNumber,
      decisionOutcome: decisions.outcome,
    })
    .from(cases)
    .leftJoin(decisions, eq(decisions.id, cases.decisionId))
    .where(inArray(cases.dossierId, [...new Set(dossierIds)]));
  return new Map(rows.map(({ dossierId, ...r }) => [dossierId, r]));
}

/** Assigns a case to a user (or nobody). Returns the case's previous assignee, or undefined when there is no case. */
export async function assignCase(db: Db, dossierId: string, user: { id: number; username: string } | null) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ assignee: cases.assignee })
      .from(cases)
      .where(eq(cases.dossierId, dossierId))
      .for('update');
    if (!before) return undefined;
    await tx
      .update(cases)
      .set({
        assigneeId: user?.id ?? null,
        assignee: user?.username ?? null,
        assignedAt: user ? new Date() : null,
      })
      .where(eq(cases.dossierId, dossierId));
    return { previous: before.assignee };
  });
}

export async function activeUser(db: Db, username: string) {
  const [row] = await db
    .select({ id: users.id, username: users.username, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.username, username));
  return row?.active ? row : undefined;
}

/** Active users who may review, to assign cases to. */
export async function reviewers(db: Db, roles: string[]) {
  return db
    .select({ username: users.username })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, roles)))
    .orderBy(asc(users.username));
}

/** The link a running desk retry handed to the end-user, kept until that process is final. */
export async function openCaptureLink(db: Db, where: { dossierId?: string; processId?: string }) {
  const [row] = await db
    .select({
      processId: retries.processId,
      provider: retries.provider,
      processType: retries.processType,
      url: retries.url,
      actor: retries.actor,
      createdAt: retries.createdAt,
    })
    .from(retries)
    .leftJoin(processes, eq(processes.processId, retries.processId))
    .where(
      and(
        where.dossierId ? eq(retries.dossierId, where.dossierId) : undefined,
        where.processId ? eq(retries.processId, where.processId) : undefined,
        eq(retries.state, 'created'),
        sql`${retries.url} IS NOT NULL`,
        sql`coalesce(${processes.isFinal}, false) = false`,
      ),
    )
    .orderBy(desc(retries.createdAt))
    .limit(1);
  return row?.processId && row.url ? { ...row, processId: row.processId, url: row.url } : undefined;
}

/** To whom the case of this dossier is assigned, and since when; undefined when nobody (or there is no case). */
export async function caseAssignment(
  db: Db,
  dossierId: string,
): Promise<{ assigneeId: number; assignedAt: Date | null } | undefined> {
  const [row] = await db
    .select({ assigneeId: cases.assigneeId, assignedAt: cases.assignedAt })
    .from(cases)
    .where(eq(cases.dossierId, dossierId));
  return row?.assigneeId == null ? undefined : { assigneeId: row.assigneeId, assignedAt: row.assignedAt };
}
