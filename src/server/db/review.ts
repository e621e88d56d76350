import { and, asc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { ListReview } from '@domain/api';
import { refreshCase } from './cases';
import type { Db } from './client';
import { claims, decisions, processes, reasonCodes } from './schema';

export type ClaimRow = typeof claims.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;

/**
 * Takes (or renews) the claim on a process for a user. Succeeds when nobody holds it, the holder's claim expired,
 * or the user already holds it; otherwise returns the current holder. One statement, so two concurrent claims
 * cannot both win.
 */
export async function takeClaim(
  db: Db,
  processId: string,
  user: { id: number; username: string },
  ttlMs: number,
) {
  const expiresAt = new Date(Date.now() + ttlMs);
  const won = await db
    .insert(claims)
    .values({ processId, userId: user.id, username: user.username, claimedAt: new Date(), expiresAt })
    .onConflictDoUpdate({
      target: claims.processId,
      set: {
        userId: user.id,
        username: user.username,
        claimedAt: sql`CASE WHEN ${claims.userId} = ${user.id} THEN ${claims.claimedAt} ELSE now() END`,
        expiresAt,
      },
      setWhere: or(lt(claims.expiresAt, sql`now()`), eq(claims.userId, user.id)),
    })
    .returning();
  if (won[0]) return { won: true as const, claim: won[0] };
  const [holder] = await db.select().from(claims).where(eq(claims.processId, processId));
  return { won: false as const, claim: holder! };
}

export async function releaseClaim(db: Db, processId: string, userId: number) {
  const rows = await db
    .delete(claims)
    .where(and(eq(claims.processId, processId), eq(claims.userId, userId)))
    .returning();
  return rows.length > 0;
}

export async function activeClaim(db: Db, processId: string): Promise<ClaimRow | undefined> {
  const [row] = await db
    .select()
    .from(claims)
    .where(and(eq(claims.processId, processId), gt(claims.expiresAt, sql`now()`)));
  return row;
}

export async function findDecision(db: Db, processId: string): Promise<DecisionRow | undefined> {
  const [row] = await db.select().from(decisions).where(eq(decisions.processId, processId));
  return row;
}

/** A second reviewer confirms a pending decision: it becomes final. Undefined when it was not pending (any more). */
export async function confirmDecision(
  tx: Db | Tx,
  id: number,
  confirmedBy: string,
): Promise<DecisionRow | undefined> {
  const [row] = await tx
    .update(decisions)
    .set({ state: 'final', confirmedBy, confirmedAt: new Date() })
    .where(and(eq(decisions.id, id), eq(decisions.state, 'pending_second_review')))
    .returning();
  if (row) await refreshCase(tx, row.dossierId);
  return row;
}

/** A second reviewer sends a pending decision back: it is withdrawn (the audit log keeps it) and the case is open again. */
export async function returnDecision(tx: Db | Tx, id: number): Promise<DecisionRow | undefined> {
  const [row] = await tx
    .delete(decisions)
    .where(and(eq(decisions.id, id), eq(decisions.state, 'pending_second_review')))
    .returning();
  if (row) await refreshCase(tx, row.dossierId);
  return row;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Inserts the decision unless the process already has one; returns undefined when it had. */
export async function insertDecision(
  tx: Db | Tx,
  d: typeof decisions.$inferInsert,
): Promise<DecisionRow | undefined> {
  const [row] = await tx
    .insert(decisions)
    .values(d)
    .onConflictDoNothing({ target: decisions.processId })
    .returning();
  // The case moves with the decision, in the same transaction.
  if (row) await refreshCase(tx, row.dossierId);
  return row;
}

/** Inconclusive processes without a final decision (those pending a second review stay), oldest first, with any live claim. */
export async function reviewQueue(db: Db, limit: number) {
  const where = and(
    eq(processes.status, 'inconclusive'),
    eq(processes.deletedUpstream, false),
    sql`NOT EXISTS (SELECT 1 FROM ${decisions} WHERE ${decisions.processId} = ${processes.processId} AND ${decisions.state} = 'final')`,
  );
  const rows = await db
    .select({ process: processes, claim: claims, decision: decisions })
    .from(processes)
    .leftJoin(claims, and(eq(claims.processId, processes.processId), gt(claims.expiresAt, sql`now()`)))
    .leftJoin(decisions, eq(decisions.processId, processes.processId))
    .where(where)
    .orderBy(asc(processes.updatedAt), asc(processes.processId))
    .limit(limit);
  const [{ total }] = (await db
    .select({ total: sql<number>`count(*)::int` })
    .from(processes)
    .where(where)) as [{ total: number }];
  return { rows, total };
}

export type ReasonCodeRow = typeof reasonCodes.$inferSelect;

/** Reason codes per outcome, in the order admins set. */
export async function listReasonCodes(db: Db) {
  return db
    .select()
    .from(reasonCodes)
    .orderBy(
      asc(reasonCodes.outcome),
      asc(reasonCodes.position),
      asc(reasonCodes.createdAt),
      asc(reasonCodes.code),
    );
}

/** The active reason code, or undefined when it is unknown or retired. */
export async function activeReasonCode(db: Db, code: string): Promise<ReasonCodeRow | undefined> {
  const [row] = await db
    .select()
    .from(reasonCodes)
    .where(and(eq(reasonCodes.code, code), eq(reasonCodes.active, true)));
  return row;
}

/** Adds a reason code at the end of its outcome's list; undefined when the code exists. */
export async function addReasonCode(db: Db, code: string, label: string, outcome: string) {
  const [row] = await db
    .insert(reasonCodes)
    .values({
      code,
      label,
      outcome,
      position: sql`(SELECT coalesce(max(${reasonCodes.position}), 0) + 1 FROM ${reasonCodes} WHERE ${reasonCodes.outcome} = ${outcome})`,
    })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function updateReasonCode(
  db: Db,
  code: string,
  set: { label?: string; active?: boolean; position?: number },
) {
  const [row] = await db.update(reasonCodes).set(set).where(eq(reasonCodes.code, code)).returning();
  return row;
}

/** Each listed process's review state (decision, or live claim), for a page of the list: two small lookups by id. */
export async function reviewStatesFor(db: Db, processIds: string[]): Promise<Map<string, ListReview>> {
  if (!processIds.length) return new Map();
  const [decided, claimed] = await Promise.all([
    db
      .select({
        processId: decisions.processId,
        outcome: decisions.outcome,
        actor: decisions.actor,
        state: decisions.state,
      })
      .from(decisions)
      .where(inArray(decisions.processId, processIds)),
    db
      .select({ processId: claims.processId, username: claims.username })
      .from(claims)
      .where(and(inArray(claims.processId, processIds), gt(claims.expiresAt, sql`now()`))),
  ]);
  const states = new Map<string, ListReview>(
    processIds.map((id) => [id, { decision: null, decidedBy: null, claimedBy: null }]),
  );
  for (const c of claimed)
    states.set(c.processId, { decision: null, decidedBy: null, claimedBy: c.username });
  for (const d of decided) {
    states.set(d.processId, {
      decision: d.outcome as ListReview['decision'],
      decidedBy: d.actor,
      claimedBy: null,
      pendingSecondReview: d.state === 'pending_second_review',
    });
  }
  return states;
}

export async function decisionsFor(db: Db, processIds: string[]) {
  if (!processIds.length) return [];
  return db.select().from(decisions).where(inArray(decisions.processId, processIds));
}
