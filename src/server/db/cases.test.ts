import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, query, type Database } from './client';
import { backfillCases } from './cases';
import { upsertProcess } from './processes';

// A database from before cases existed: processes whose dossiers have no case row. The backfill must compute
// exactly the missing ones, across batch boundaries, and leave a case that already exists as it is.
describe('case backfill', () => {
  let database: Database;
  const dossiers = Array.from({ length: 7 }, (_, i) => `dossier-${i}`);

  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
    for (const [i, dossierId] of dossiers.entries())
      for (const n of [0, 1])
        await upsertProcess(database.db, dossierId, {
          processId: `p-${i}-${n}`,
          provider: 'readid',
          status: n === 0 ? 'failed' : 'inconclusive',
          createdAt: new Date(Date.UTC(2026, 0, 10, 12, i, n)).toISOString(),
          updatedAt: new Date(Date.UTC(2026, 0, 10, 12, i, n)).toISOString(),
        });
  });
  afterAll(async () => database?.close());

  it('computes the cases of dossiers without one, in batches, and keeps the ones that exist', async () => {
    const db = database.db;
    // dossier-3 keeps its case, marked so a recomputation would show.
    await db.execute(sql`UPDATE cases SET assignee = 'kept' WHERE dossier_id = 'dossier-3'`);
    await db.execute(sql`DELETE FROM cases WHERE dossier_id <> 'dossier-3'`);

    expect(await backfillCases(db, 2)).toBe(6);

    const rows = await query<{ dossier_id: string; state: string; assignee: string | null }>(
      db,
      sql`SELECT dossier_id, state, assignee FROM cases ORDER BY dossier_id`,
    );
    expect(rows.map((r) => r.dossier_id)).toEqual(dossiers);
    // The latest attempt of each is inconclusive: every recomputed case waits for review.
    expect(rows.filter((r) => r.dossier_id !== 'dossier-3').every((r) => r.state === 'needs_review')).toBe(
      true,
    );
    expect(rows.find((r) => r.dossier_id === 'dossier-3')?.assignee).toBe('kept');
    expect(await backfillCases(db, 2)).toBe(0);
  });
});
