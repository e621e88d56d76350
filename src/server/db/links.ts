import { and, asc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { query } from './client';
import { identityLinks, linkExclusions, linkKeys, processes } from './schema';

export type LinkKeyRow = typeof linkKeys.$inferSelect;

export interface HashedKey {
  kind: string;
  generation: number;
  keyHash: string;
}

/** Serialises changes of the key generations across instances starting or rotating at once. */
const LINK_KEYS_LOCK = 727_017;

/** Takes the lock on the key generations until `tx` ends. */
export async function lockLinkKeys(tx: Db | Tx) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${LINK_KEYS_LOCK})`);
}

export async function linkKeyRows(db: Db | Tx): Promise<LinkKeyRow[]> {
  return db.select().from(linkKeys).orderBy(asc(linkKeys.generation));
}

export async function linkKeyAt(db: Db | Tx, generation: number): Promise<LinkKeyRow | undefined> {
  const [row] = await db.select().from(linkKeys).where(eq(linkKeys.generation, generation));
  return row;
}

export async function insertLinkKey(tx: Db | Tx, row: typeof linkKeys.$inferInsert) {
  await tx.insert(linkKeys).values(row);
}

/** Forgets every key generation (an empty index starting over with another key). */
export async function deleteLinkKeys(tx: Db | Tx) {
  await tx.delete(linkKeys);
}

/** Stores the retired key (base64) of `generation`, for lookups until the next one is re-keyed. */
export async function retireLinkKey(tx: Db | Tx, generation: number, retiredKey: string) {
  await tx.update(linkKeys).set({ retiredKey }).where(eq(linkKeys.generation, generation));
}

/** A re-keying batch of `rows` rows done at `generation`, up to process `cursor`. */
export async function advanceRekey(db: Db | Tx, generation: number, cursor: string, rows: number) {
  await db
    .update(linkKeys)
    .set({ rekeyCursor: cursor, rekeyDone: sql`${linkKeys.rekeyDone} + ${rows}` })
    .where(eq(linkKeys.generation, generation));
}

/** The last re-keying batch (`rows` rows) done: `generation` becomes the one lookups read. */
export async function finishRekey(tx: Db | Tx, generation: number, rows: number) {
  await tx
    .update(linkKeys)
    .set({ rekeyedAt: new Date(), rekeyCursor: null, rekeyDone: sql`${linkKeys.rekeyDone} + ${rows}` })
    .where(eq(linkKeys.generation, generation));
}

/** Whether the index holds no link and no exclusion. */
export async function linkIndexEmpty(tx: Db | Tx): Promise<boolean> {
  const [link] = await tx.select({ p: identityLinks.processId }).from(identityLinks).limit(1);
  const [exclusion] = await tx.select({ id: linkExclusions.id }).from(linkExclusions).limit(1);
  return !link && !exclusion;
}

/**
 * Replaces the identity keys of a process, unless its personal data was erased meanwhile (its keys, computed while
 * it still had the data, stay). Marks the process as indexed.
 */
export async function replaceIdentityKeys(db: Db, processId: string, dossierId: string, keys: HashedKey[]) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ erased: processes.personalDataErasedAt })
      .from(processes)
      .where(eq(processes.processId, processId))
      .for('update');
    if (!row || row.erased) return;
    await tx.delete(identityLinks).where(eq(identityLinks.processId, processId));
    if (keys.length) {
      await tx
        .insert(identityLinks)
        .values(keys.map((k) => ({ ...k, processId, dossierId })))
        .onConflictDoNothing();
    }
    await tx.update(processes).set({ identityKeysAt: new Date() }).where(eq(processes.processId, processId));
  });
}

/** Processes whose keys were never computed and still can be (indexed before linking existed), for the backfill. */
export async function unlinkedProcesses(db: Db, limit: number) {
  return db
    .select({ processId: processes.processId, dossierId: processes.dossierId, raw: processes.raw })
    .from(processes)
    .where(and(isNull(processes.identityKeysAt), isNull(processes.personalDataErasedAt)))
    .orderBy(asc(processes.processId))
    .limit(limit);
}

/** The rows of the next `limit` processes (by id, after `cursor`) at `generation`: one batch of a re-keying. */
export async function linkRowsAfter(db: Db, generation: number, cursor: string, limit: number) {
  const ids = db
    .selectDistinct({ id: identityLinks.processId })
    .from(identityLinks)
    .where(and(eq(identityLinks.generation, generation), gt(identityLinks.processId, cursor)))
    .orderBy(asc(identityLinks.processId))
    .limit(limit);
  return db
    .select()
    .from(identityLinks)
    .where(and(eq(identityLinks.generation, generation), inArray(identityLinks.processId, ids)))
    .orderBy(asc(identityLinks.processId));
}

export async function insertLinkRows(db: Db, rows: Array<typeof identityLinks.$inferInsert>) {
  if (rows.length) await db.insert(identityLinks).values(rows).onConflictDoNothing();
}

/** Deletes up to `limit` rows of generations older than `generation` (after a rotation); returns how many. */
export async function deleteOldGenerations(db: Db, generation: number, limit: number): Promise<number> {
  const rows = await query<{ n: number }>(
    db,
    sql`WITH gone AS (
          DELETE FROM identity_links WHERE (generation, key_hash, process_id) IN (
            SELECT generation, key_hash, process_id FROM identity_links WHERE generation < ${generation} LIMIT ${limit})
          RETURNING 1)
        SELECT count(*)::int AS n FROM gone`,
  );
  await db.delete(linkExclusions).where(lt(linkExclusions.generation, generation));
  return rows[0]?.n ?? 0;
}

export async function countLinkRows(db: Db, generation: number): Promise<number> {
  const rows = await query<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM identity_links WHERE generation = ${generation}`,
  );
  return rows[0]?.n ?? 0;
}

export interface LinkRow {
  processId: string;
  dossierId: string;
  kinds: string[];
  provider: string;
  processType: string | null;
  status: string;
  createdAt: Date;
  firstName: string | null;
  lastName: string | null;
  personalDataErasedAt: Date | null;
  decision: string | null;
  reasonCode: string | null;
  decidedAt: Date | null;
  /** The linked dossier's case state (src/domain/cases.ts). */
  caseState: string | null;
}

/**
 * The lookup, one statement, as the bench also runs it bare: whether the process is known, and the processes of
 * other dossiers sharing one of its keys (not excluded), newest first, with their status and the desk's decision.
 * Always one row at least: `known` null for an unknown process, the link columns null when nothing links.
 */
export function linksSql(processId: string, generation: number, limit: number) {
  return sql`
    SELECT me.process_id AS known, l.*
    FROM (SELECT 1) AS one
    LEFT JOIN processes me ON me.process_id = ${processId}
    LEFT JOIN LATERAL (
      SELECT k.process_id AS "processId", k.dossier_id AS "dossierId", k.kinds, p.provider, p.process_type AS "processType",
             p.status, p.created_at AS "createdAt", p.first_name AS "firstName", p.last_name AS "lastName",
             p.personal_data_erased_at AS "personalDataErasedAt", d.outcome AS decision, d.reason_code AS "reasonCode",
             d.decided_at AS "decidedAt", c.state AS "caseState"
      FROM (
        SELECT o.process_id, o.dossier_id, array_agg(DISTINCT o.kind) AS kinds
        FROM identity_links m
        JOIN identity_links o ON o.generation = m.generation AND o.key_hash = m.key_hash AND o.dossier_id <> m.dossier_id
        WHERE m.process_id = me.process_id AND m.generation = ${generation}
          AND NOT EXISTS (SELECT 1 FROM link_exclusions x WHERE x.generation = m.generation AND x.key_hash = m.key_hash)
        GROUP BY o.process_id, o.dossier_id
      ) k
      JOIN processes p ON p.process_id = k.process_id
      LEFT JOIN decisions d ON d.process_id = k.process_id
      LEFT JOIN cases c ON c.dossier_id = k.dossier_id
      ORDER BY p.created_at DESC, k.process_id DESC
      LIMIT ${limit}
    ) l ON true`;
}

type RawLinkRow = Omit<LinkRow, 'createdAt' | 'personalDataErasedAt' | 'decidedAt' | 'processId'> & {
  known: string | null;
  processId: string | null;
  createdAt: Date | string;
  personalDataErasedAt: Date | string | null;
  decidedAt: Date | string | null;
};

/** The links of a process; undefined when the process is unknown. */
export async function findLinks(
  db: Db,
  processId: string,
  generation: number,
  limit = 200,
): Promise<LinkRow[] | undefined> {
  const rows = await query<RawLinkRow>(db, linksSql(processId, generation, limit));
  if (!rows[0]?.known) return undefined;
  const date = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));
  return rows
    .filter((r): r is RawLinkRow & { processId: string } => r.processId !== null)
    .map(({ known: _known, ...r }) => ({
      ...r,
      createdAt: date(r.createdAt)!,
      personalDataErasedAt: date(r.personalDataErasedAt),
      decidedAt: date(r.decidedAt),
    }));
}

// --- Exclusions ---------------------------------------------------------------------------------------------------

export type LinkExclusionRow = typeof linkExclusions.$inferSelect;

export async function listExclusions(db: Db, generation: number): Promise<LinkExclusionRow[]> {
  return db
    .select()
    .from(linkExclusions)
    .where(eq(linkExclusions.generation, generation))
    .orderBy(asc(linkExclusions.createdAt));
}

export async function allExclusionsAt(db: Db, generation: number): Promise<LinkExclusionRow[]> {
  return db.select().from(linkExclusions).where(eq(linkExclusions.generation, generation));
}

/** Adds an exclusion at each live generation; returns the row at the first (undefined when it existed). */
export async function insertExclusion(db: Db, rows: Array<typeof linkExclusions.$inferInsert>) {
  const inserted = await db.insert(linkExclusions).values(rows).onConflictDoNothing().returning();
  return inserted.find((r) => r.generation === rows[0]?.generation);
}

/** Adds exclusion rows, skipping those that exist (re-keying copies them to the next generation). */
export async function copyExclusions(tx: Db | Tx, rows: Array<typeof linkExclusions.$inferInsert>) {
  await tx.insert(linkExclusions).values(rows).onConflictDoNothing();
}

export async function findExclusion(db: Db, id: number) {
  const [row] = await db.select().from(linkExclusions).where(eq(linkExclusions.id, id));
  return row;
}

export async function deleteExclusionHashes(db: Db, pairs: Array<{ generation: number; keyHash: string }>) {
  for (const p of pairs) {
    await db
      .delete(linkExclusions)
      .where(and(eq(linkExclusions.generation, p.generation), eq(linkExclusions.keyHash, p.keyHash)));
  }
}

/**
 * Cases (dossiers) linked to another dossier whose desk decision was a rejection: the queue's flag and the
 * `linked=rejected` filter. `dossierIds` limits it to a page; without it, the SQL is a filter on `cases`.
 */
export function linkedToRejectedSql(generation: number) {
  return sql`(
    SELECT m.dossier_id FROM identity_links m
    JOIN identity_links o ON o.generation = m.generation AND o.key_hash = m.key_hash AND o.dossier_id <> m.dossier_id
    JOIN decisions d ON d.process_id = o.process_id AND d.outcome = 'reject'
    WHERE m.generation = ${generation}
      AND NOT EXISTS (SELECT 1 FROM link_exclusions x WHERE x.generation = m.generation AND x.key_hash = m.key_hash))`;
}

export async function dossiersLinkedToRejected(
  db: Db,
  dossierIds: string[],
  generation: number,
): Promise<Set<string>> {
  if (dossierIds.length === 0) return new Set();
  const rows = await query<{ dossier_id: string }>(
    db,
    sql`SELECT DISTINCT m.dossier_id FROM identity_links m
        JOIN identity_links o ON o.generation = m.generation AND o.key_hash = m.key_hash AND o.dossier_id <> m.dossier_id
        JOIN decisions d ON d.process_id = o.process_id AND d.outcome = 'reject'
        WHERE m.generation = ${generation} AND m.dossier_id IN (${sql.join(
          dossierIds.map((id) => sql`${id}`),
          sql`, `,
        )})
          AND NOT EXISTS (SELECT 1 FROM link_exclusions x WHERE x.generation = m.generation AND x.key_hash = m.key_hash)`,
  );
  return new Set(rows.map((r) => r.dossier_id));
}
