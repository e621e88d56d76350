import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { createServer, type Server } from 'node:http';
import postgres from 'pg';
import { pathToFileURL } from 'node:url';
import { parseConfig } from '../src/server/config';
import { openDatabase, query } from '../src/server/db/client';
import { processListQuerySchema } from '../src/domain/api';
import { encodeCursor, listPageQuery } from '../src/server/db/processes';
import { searchNeedle } from '../src/server/db/search';
import { createLogger } from '../src/server/lib/logger';
import { startServer } from '../src/server/server';
import { createTestDatabase } from '../test-support/databases';
import { TestClient } from '../test-support/test-server';
import { mediansSideBySide, ms, ratio, type BenchResult } from './lib';

/** Enough runs for a stable median on a busy 2-core machine. */
const RUNS = 60;
import { seed } from './outcomes';

// GET /api/processes at 1,000,000 processes in PostgreSQL: the first page, a deep page (keyset cursor half-way
// through), a filtered page and searches, through the real server, each against a bare `node:http` server that runs the
// very SQL the API runs for that page (the keyset page with its review states and case joined, taken from
// listPageQuery) over a pool of the same size (10) and writes the rows as JSON, keep-alive on both sides: what any
// HTTP list over this SQL costs at least, the rest of the API's time being the sign-in check, validation, masking and
// shaping. Beside them, the API's SQL and the keyset page alone (no joins) run bare on the same database.

/** A bare `node:http` server answering `/<n>` with the rows of query n as JSON. */
async function bareServer(url: string, queries: { sql: string; params: unknown[] }[]) {
  const pool = new postgres.Pool({ connectionString: url, max: 10 }); // the server's own pool size (db/client.ts)
  const server: Server = createServer((req, res) => {
    const q = queries[Number(req.url?.slice(1))];
    if (!q) return void res.writeHead(404).end();
    pool.query(q.sql, q.params).then(
      (r) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ items: r.rows.slice(0, 50), nextCursor: null })),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    pool,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

/** The columns the list reads (everything but the raw Get process JSON and the search text). */
const COLUMNS = sql.raw(
  'process_id, dossier_id, provider, process_type, status, is_final, created_at, updated_at, first_name, last_name, document_number, document_country, synced_at, refresh_claimed_at, deleted_upstream, deleted_at',
);

const PROCESSES = Number(process.env.BENCH_LIST_PROCESSES ?? 1_000_000);

export async function benchList(): Promise<BenchResult> {
  const pg = await createTestDatabase();
  const database = await openDatabase({ databaseUrl: pg.url, dataDir: '' });
  const lines: string[] = [];
  try {
    const seeded = performance.now();
    await seed(database, PROCESSES);
    // Names people cannot type as written: one process in 2,000 belongs to a SØRENSEN, a BĂLĂNESCU or a MÜLLER.
    await query(
      database.db,
      sql`UPDATE processes SET last_name = (ARRAY['SØRENSEN', 'BĂLĂNESCU', 'MÜLLER'])[1 + (substr(process_id, 4)::int / 2000) % 3],
            search_text = desk_search_text(concat_ws(' ', first_name, (ARRAY['SØRENSEN', 'BĂLĂNESCU', 'MÜLLER'])[1 + (substr(process_id, 4)::int / 2000) % 3], document_number, process_id, dossier_id))
          WHERE substr(process_id, 4)::int % 2000 = 0`,
    );
    await query(database.db, sql`ANALYZE processes`);
    lines.push(
      `seeded ${PROCESSES.toLocaleString('en')} processes in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
    );
    const config = parseConfig({ PORT: '0', DATABASE_URL: pg.url, DEMO_USERS: '1', LOG_LEVEL: 'silent' });
    const server = await startServer(
      {
        ...config,
        assure: {
          baseUrl: 'http://127.0.0.1:9/assure',
          tokenUrl: 'http://127.0.0.1:9/t',
          clientId: 'x',
          clientSecret: 'y',
          signatureHeader: 'x',
        },
      },
      { log: createLogger('silent'), startSync: false },
    );
    try {
      const client = await new TestClient(server.url).login('reviewer', 'demo-password');
      const [mid] = await query<{ created_at: Date; process_id: string }>(
        database.db,
        sql`SELECT created_at, process_id FROM processes ORDER BY created_at DESC, process_id DESC OFFSET ${Math.floor(PROCESSES / 2)} LIMIT 1`,
      );
      const cursor = encodeCursor({ k: new Date(mid!.created_at).getTime(), id: mid!.process_id, d: 'n' });
      const cases = [
        {
          name: 'first page',
          api: '/api/processes?limit=50&sort=-created',
          query: {},
          bare: sql`SELECT ${COLUMNS} FROM processes ORDER BY created_at DESC, process_id DESC LIMIT 51`,
        },
        {
          name: 'deep page (500,000 in)',
          api: `/api/processes?limit=50&sort=-created&cursor=${cursor}`,
          query: { cursor },
          bare: sql`SELECT ${COLUMNS} FROM processes WHERE (created_at, process_id) < (${new Date(mid!.created_at)}, ${mid!.process_id}) ORDER BY created_at DESC, process_id DESC LIMIT 51`,
        },
        {
          name: 'filtered (inconclusive ReadID)',
          api: '/api/processes?limit=50&sort=-created&status=inconclusive&provider=readid',
          query: { status: ['inconclusive'], provider: ['readid'] },
          bare: sql`SELECT ${COLUMNS} FROM processes WHERE status IN ('inconclusive') AND provider IN ('readid') ORDER BY created_at DESC, process_id DESC LIMIT 51`,
        },
        // Case- and diacritic-insensitive search as people type it ("Sorensen" finds SØRENSEN), through the trigram
        // index on the folded search text; the bare SQL is the same LIKE on the same index.
        ...['Sorensen', 'Balanescu', 'Muller'].map((q) => ({
          name: `search "${q}"`,
          api: `/api/processes?limit=50&sort=-created&q=${q}`,
          query: { q },
          bare: sql`SELECT ${COLUMNS} FROM processes WHERE search_text LIKE ${searchNeedle(q)} ORDER BY created_at DESC, process_id DESC LIMIT 51`,
        })),
      ];
      // The API's own SQL for each case, as a reviewer (who may search names) sends it.
      const apiSql = cases.map((c) =>
        listPageQuery(
          database.db,
          processListQuerySchema.parse({ sort: '-created', limit: 50, ...c.query }),
        ).found.toSQL(),
      );
      const dialect = new PgDialect();
      const bare = await bareServer(
        pg.url,
        apiSql.map((q) => ({ sql: q.sql, params: q.params })),
      );
      try {
        for (const [i, c] of cases.entries()) {
          const check = (await (await client.get(c.api)).json()) as { items?: unknown[] };
          if (!check.items?.length)
            throw new Error(`${c.api} found nothing: the benchmark would time an empty answer`);
          const pageAlone = dialect.sqlToQuery(c.bare);
          // Each variant once per round, in turn, so that load from elsewhere on the machine falls on all alike.
          const [api, http, sqlApi, sqlPage] = (await mediansSideBySide(
            [
              async () => {
                const res = await client.get(c.api);
                if (res.status !== 200) throw new Error(`${c.api} answered ${res.status}`);
                await res.arrayBuffer();
              },
              async () => {
                const res = await fetch(`${bare.url}/${i}`);
                if (res.status !== 200) throw new Error(`bare server answered ${res.status}`);
                await res.arrayBuffer();
              },
              () => bare.pool.query(apiSql[i]!.sql, apiSql[i]!.params),
              () => bare.pool.query(pageAlone.sql, pageAlone.params),
            ],
            RUNS,
          )) as [number, number, number, number];
          lines.push(
            `${c.name}: API ${ms(api)} vs bare node:http ${ms(http)} → ${ratio(api, http)}; its SQL bare ${ms(sqlApi)} (API ${ratio(api, sqlApi)}), the keyset page alone ${ms(sqlPage)}`,
          );
        }
      } finally {
        await bare.close();
      }
    } finally {
      await server.close();
    }
  } finally {
    await database.close();
    await pg.drop();
  }
  return { name: 'Processes list at 1,000,000 processes (PostgreSQL)', lines };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchList();
  console.log(`${r.name}\n${r.lines.map((l) => `  ${l}`).join('\n')}`);
}
