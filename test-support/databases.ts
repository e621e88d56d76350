import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<boolean> | undefined;
/**
 * Whether the PostgreSQL at `url` answers. On a developer's machine without one, PostgreSQL variants are skipped
 * with a printed warning; under CI (`CI=true`) an unreachable PostgreSQL is a failure, never a silent skip.
 */
export async function checkPostgres(url: string, ci: boolean): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    const host = new URL(url).host;
    if (ci)
      throw new Error(
        `PostgreSQL at ${host} is unreachable under CI=true: the PostgreSQL variants cannot run (${String(err)})`,
      );
    console.warn(
      `\n⚠ PostgreSQL at ${host} is unreachable (${String(err)}); PostgreSQL variants are SKIPPED.\n`,
    );
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export function postgresReachable(): Promise<boolean> {
  reachable ??= checkPostgres(TEST_DATABASE_URL, process.env.CI === 'true');
  return reachable;
}

/** A fresh, empty PostgreSQL database for one test; dropped again by the returned function. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ad_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export type DbKind = 'pglite' | 'postgres';
export const DB_KINDS: DbKind[] = ['pglite', 'postgres'];
