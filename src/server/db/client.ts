import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** The connection a transaction's callback receives. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /**
   * Subscribes to a PostgreSQL notification channel (LISTEN) on a connection of its own. `onState(false)` when that
   * connection is lost (it is re-established in the background, then `onState(true)`). Returns the unsubscribe.
   */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onState: (listening: boolean) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
/** Serialises migrations when several instances start at once on one PostgreSQL. */
const MIGRATION_LOCK = 727_001;

/** Runs the migrations on `url` under an advisory lock, so several instances starting at once take turns. */
async function migratePostgres(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg({ client, schema }), { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end().catch(() => {});
  }
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/** LISTEN on a dedicated PostgreSQL connection, re-connecting with back-off when it drops. */
function listenPostgres(url: string) {
  return async (
    channel: string,
    onMessage: (payload: string) => void,
    onState: (listening: boolean) => void,
  ) => {
    if (!CHANNEL.test(channel)) throw new Error('invalid channel name');
    let stopped = false;
    let client: pg.Client | undefined;
    let retry: NodeJS.Timeout | undefined;
    const connect = async (delayMs: number): Promise<void> => {
      if (stopped) return;
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      const lost = () => {
        if (client !== c) return;
        client = undefined;
        onState(false);
        void c.end().catch(() => {});
        if (!stopped) retry = setTimeout(() => void connect(Math.min(delayMs * 2, 30_000)), delayMs);
      };
      c.on('error', lost);
      c.on('end', lost);
      c.on('notification', (n) => n.channel === channel && onMessage(n.payload ?? ''));
      client = c;
      try {
        await c.connect();
        await c.query(`LISTEN ${channel}`);
        if (client === c) onState(true);
      } catch {
        lost();
      }
    };
    await connect(500);
    return async () => {
      stopped = true;
      clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    };
  };
}

/**
 * Opens PostgreSQL at `databaseUrl`, or embedded PGlite in `dataDir` ('memory://' for a throwaway one), and migrates
 * — through `migrationUrl` when given (a role that owns the schema, while `databaseUrl` is the app's own role).
 */
export async function openDatabase(opts: {
  databaseUrl?: string;
  migrationUrl?: string;
  dataDir: string;
}): Promise<Database> {
  if (opts.databaseUrl) {
    await migratePostgres(opts.migrationUrl ?? opts.databaseUrl);
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    // An idle client that loses its connection (database restart) must not crash the process.
    pool.on('error', () => {});
    return {
      db: drizzlePg({ client: pool, schema }),
      kind: 'postgres',
      listen: listenPostgres(opts.databaseUrl),
      close: () => pool.end(),
    };
  }
  // PGlite gets its own folder in DATA_DIR, which also holds the demo sandbox's state.
  const dir = opts.dataDir.startsWith('memory://') ? opts.dataDir : join(opts.dataDir, 'pglite');
  if (dir !== opts.dataDir) mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir, { extensions: { pg_trgm } });
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder });
  const listen: Database['listen'] = async (channel, onMessage, onState) => {
    if (!CHANNEL.test(channel)) throw new Error('invalid channel name');
    const unlisten = await client.listen(channel, onMessage);
    onState(true);
    return unlisten;
  };
  return { db, kind: 'pglite', listen, close: () => client.close() };
}

/** Runs raw SQL and returns its rows; both drivers answer `{ rows }`. */
export async function query<T>(db: Db, q: SQL): Promise<T[]> {
  const result = (await db.execute(q)) as unknown as { rows: T[] };
  return result.rows;
}

/** Runs one statement in a transaction of its own, with `settings` (configuration parameters) in force for it alone. */
export async function queryWith<T>(db: Db, settings: Record<string, string>, q: SQL): Promise<T[]> {
  const set = Object.entries(settings).map(([name, value]) => sql`set_config(${name}, ${value}, true)`);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT ${sql.join(set, sql`, `)}`);
    return query<T>(tx as unknown as Db, q);
  });
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`SELECT 1`);
    return true;
  } catch {
    return false;
  }
}
