import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

// Read-only look at a PostgreSQL database for `npm run doctor`: reachable, migrations applied, pg_trgm present.
// Opens its own short connection and writes nothing (the migrations table is only read).

export interface DatabaseInspection {
  reachable: boolean;
  error?: string;
  serverVersion?: string;
  migrationsApplied?: number;
  migrationsKnown: number;
  /** Tag of the newest migration this build ships, and whether the database has it. */
  newestKnown?: string;
  newestApplied?: boolean;
  trigram?: boolean;
}

interface Journal {
  entries: Array<{ idx: number; when: number; tag: string }>;
}

function journal(): Journal {
  const path = fileURLToPath(new URL('./migrations/meta/_journal.json', import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as Journal;
}

export async function inspectPostgres(databaseUrl: string, timeoutMs = 5000): Promise<DatabaseInspection> {
  const entries = journal().entries;
  const newest = entries.reduce<Journal['entries'][number] | undefined>(
    (a, e) => (!a || e.when > a.when ? e : a),
    undefined,
  );
  const result: DatabaseInspection = {
    reachable: false,
    migrationsKnown: entries.length,
    newestKnown: newest?.tag,
  };
  const client = new pg.Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: timeoutMs,
    statement_timeout: timeoutMs,
  });
  try {
    await client.connect();
    await client.query('SET default_transaction_read_only = on');
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    result.reachable = true;
    result.serverVersion = version.rows[0]?.server_version;
    const trgm = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'");
    result.trigram = (trgm.rowCount ?? 0) > 0;
    const table = await client.query(
      "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present",
    );
    if ((table.rows[0] as { present: boolean } | undefined)?.present) {
      const applied = await client.query<{ n: number; newest: string | null }>(
        'SELECT count(*)::int AS n, max(created_at)::text AS newest FROM drizzle.__drizzle_migrations',
      );
      result.migrationsApplied = applied.rows[0]?.n ?? 0;
      result.newestApplied = newest !== undefined && Number(applied.rows[0]?.newest ?? 0) >= newest.when;
    } else {
      result.migrationsApplied = 0;
      result.newestApplied = false;
    }
  } catch (err) {
    result.error =
      err instanceof Error ? err.message.replace(/postgres(ql)?:\/\/\S+/g, '(url)') : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
  return result;
}
