import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, query } from './client';

describe('the embedded database in DATA_DIR', () => {
  it('lives in DATA_DIR/pglite and keeps its data across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'assure-desk-data-'));
    const before = await openDatabase({ dataDir });
    await before.db.execute(
      sql`INSERT INTO users (username, password_hash, role) VALUES ('kept', 'x', 'admin')`,
    );
    await before.close();
    expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    const after = await openDatabase({ dataDir });
    try {
      expect(
        await query<{ username: string }>(after.db, sql`SELECT username FROM users WHERE username = 'kept'`),
      ).toEqual([{ username: 'kept' }]);
    } finally {
      await after.close();
    }
  }, 60_000);
});
