import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, query } from './client';

describe('the embedded database in DATA_DIR', () => {
  it('lives in DATA_DIR/pglite, and a DATA_DIR that is itself a database (the earlier layout) keeps its data', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'assure-desk-data-'));
    const a = await openDatabase({ dataDir: fresh });
    await a.close();
    expect(existsSync(join(fresh, 'pglite', 'PG_VERSION'))).toBe(true);

    // The earlier layout: the database files directly in DATA_DIR, with a user in it.
    const legacy = join(fresh, 'pglite');
    const before = await openDatabase({ dataDir: legacy });
    await before.db.execute(sql`INSERT INTO users (username, password_hash, role) VALUES ('kept', 'x', 'admin')`);
    await before.close();
    const after = await openDatabase({ dataDir: legacy });
    try {
      expect(await query<{ username: string }>(after.db, sql`SELECT username FROM users WHERE username = 'kept'`)).toEqual([{ username: 'kept' }]);
      expect(existsSync(join(legacy, 'pglite'))).toBe(false);
    } finally {
      await after.close();
    }
  }, 60_000);
});
