import { sql } from 'drizzle-orm';
import { Agent, createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseConfig } from '../src/server/config';
import { openDatabase, query, type Database } from '../src/server/db/client';
import { linksSql } from '../src/server/db/links';
import { createLogger } from '../src/server/lib/logger';
import { startServer } from '../src/server/server';
import { createTestDatabase } from '../test-support/databases';
import { TestClient } from '../test-support/test-server';
import { mediansSideBySide, ms, ratio, type BenchResult } from './lib';
import { seed, withoutRollupTriggers } from './outcomes';

// GET /api/processes/{processId}/links at 1,000,000 processes in PostgreSQL, with realistic repetition: most
// people come once, 30% of dossiers belong to people with several (about six each, some on a new document),
// families and agencies share a few document numbers, and one test document is used everywhere (excluded from
// linking, as an administrator would). Each lookup is timed through the real server against the same SQL run
// bare on the same pool in the same run.

const PROCESSES = Number(process.env.BENCH_LINKS_PROCESSES ?? 1_000_000);
const RUNS = 200;

/** A keyed-hash look-alike computed in SQL (the lookup never hashes: it joins the stored hashes). */
const hashOf = (text: string) => sql.raw(`encode(sha256(convert_to(${text}, 'UTF8')), 'base64')`);

async function seedLinks(database: Database, n: number) {
  const db = database.db;
  const dossiers = Math.floor(n / 2);
  const repeatPeople = Math.max(1, Math.floor(dossiers / 20));
  // Person of a dossier: 70% people of their own, 30% one of `repeatPeople` (≈ 6 dossiers each).
  // Document: the person's own, a new one for 20% of a repeat person's dossiers, one of 100 family/agency
  // documents for 0.5% of dossiers, and the test document for 0.2% of dossiers.
  await db.execute(sql`
    CREATE TEMP TABLE bench_people AS
    SELECT p.process_id, p.dossier_id, p.provider, x.person, x.hd AS h,
      CASE WHEN x.hd % 1000 < 2 THEN 'test-document'
           WHEN x.hd % 1000 < 7 THEN 'shared-' || (x.hp % 100)
           WHEN x.person LIKE 'r%' AND x.hd % 5 = 0 THEN 'new-' || p.dossier_id
           ELSE 'doc-' || x.person END AS document
    FROM processes p,
    LATERAL (SELECT abs(hashtext(p.dossier_id)) AS h, abs(hashtext(p.dossier_id || '/person')) AS hp) AS hh,
    LATERAL (SELECT hh.h AS h, hh.hp AS hp, abs(hashtext(p.dossier_id || '/document')) AS hd,
      CASE WHEN hh.h % 10 < 7 THEN 'u' || p.dossier_id ELSE 'r' || (hh.hp % ${repeatPeople}) END AS person) AS x`);
  await db.execute(sql`
    INSERT INTO identity_links (generation, key_hash, process_id, dossier_id, kind)
    SELECT 0, ${hashOf("'person|' || person")}, process_id, dossier_id, 'person' FROM bench_people
    UNION ALL
    SELECT 0, ${hashOf("'document|' || document")}, process_id, dossier_id, 'document' FROM bench_people WHERE provider <> 'connect'
    UNION ALL
    SELECT 0, ${hashOf("'nationalId|' || person")}, process_id, dossier_id, 'nationalId' FROM bench_people WHERE h % 5 < 2
    ON CONFLICT DO NOTHING`);
  await db.execute(
    sql`INSERT INTO link_exclusions (generation, key_hash, kind, note, created_by) VALUES (0, ${hashOf("'document|test-document'")}, 'document', 'Test document', 'admin')`,
  );
  await db.execute(sql`UPDATE processes SET identity_keys_at = now()`);
  await db.execute(sql`VACUUM ANALYZE identity_links`);
  await db.execute(sql`VACUUM ANALYZE processes`);
  const [rows] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM identity_links`);
  // The lookups timed: a repeat person, a family document, a person seen once, one with the test document.
  const pick = async (where: string) =>
    (
      await query<{ process_id: string }>(
        db,
        sql.raw(`SELECT process_id FROM bench_people WHERE ${where} ORDER BY process_id LIMIT 1`),
      )
    )[0]?.process_id;
  return {
    rows: rows?.n ?? 0,
    cases: [
      {
        name: 'person with several dossiers',
        processId: await pick(
          `person LIKE 'r%' AND document NOT LIKE 'shared-%' AND document <> 'test-document' AND provider <> 'connect'`,
        ),
      },
      {
        name: 'family document shared by ~25 dossiers',
        processId: await pick(`document LIKE 'shared-%' AND provider <> 'connect'`),
      },
      {
        name: 'person seen once (no links)',
        processId: await pick(`person LIKE 'u%' AND document LIKE 'doc-%'`),
      },
      {
        name: 'excluded test document',
        processId: await pick(`document = 'test-document' AND person LIKE 'u%'`),
      },
    ],
  };
}

/** GET `url` with `cookie` over `agent`; the parsed JSON body (throws unless 200). */
function getJson(url: string, cookie: string, agent: Agent): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent, headers: cookie ? { cookie } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${url} answered ${res.statusCode}`));
        else resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

export async function benchLinks(): Promise<BenchResult> {
  const pg = await createTestDatabase();
  const database = await openDatabase({ databaseUrl: pg.url, dataDir: '' });
  const lines: string[] = [];
  try {
    const t0 = performance.now();
    // Seeded as a bulk import, without the outcome rollups' triggers (the links never read the rollups).
    let seeded: Awaited<ReturnType<typeof seedLinks>> | undefined;
    await withoutRollupTriggers(database, async () => {
      await seed(database, PROCESSES);
      seeded = await seedLinks(database, PROCESSES);
    });
    const { rows, cases } = seeded!;
    lines.push(
      `seeded ${PROCESSES.toLocaleString('en')} processes and ${rows.toLocaleString('en')} link keys in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const config = parseConfig({
      PORT: '0',
      DATABASE_URL: pg.url,
      DEMO_USERS: '1',
      LOG_LEVEL: 'silent',
      DATA_DIR: 'memory://',
      LINK_KEY: 'bench-link-key-0123456789abcdefghijklmnop',
    });
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
    // The bare side: the same statement on the server's own pool, and a bare node:http server running it and
    // writing the rows as JSON (what HTTP alone costs). All three are timed in turn within each run, over one
    // keep-alive HTTP client (a browser's or fetch's own cost is not the server's).
    const pool = server.deps.database.db;
    let bareProcessId = '';
    const bare = createServer((_req, res) => {
      void query(pool, linksSql(bareProcessId, 0, 200)).then(
        (rows) =>
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: rows })),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const login = await new TestClient(server.url).login('reviewer', 'demo-password');
      const cookie = login.cookie;
      const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
      for (const c of cases) {
        if (!c.processId) continue;
        bareProcessId = c.processId;
        const apiUrl = `${server.url}/api/processes/${c.processId}/links`;
        const found = ((await getJson(apiUrl, cookie, agent)) as { items: unknown[] }).items.length;
        const [api, http, sqlOnly] = await mediansSideBySide(
          [
            () => getJson(apiUrl, cookie, agent),
            () => getJson(bareUrl, '', agent),
            () => query(pool, linksSql(c.processId!, 0, 200)),
          ],
          RUNS,
        );
        lines.push(
          `${c.name} (${found} links): API ${ms(api)} vs bare SQL ${ms(sqlOnly)} → ${ratio(api, sqlOnly)}; ` +
            `bare node:http + SQL ${ms(http)} (API ${ratio(api, http)})`,
        );
      }
    } finally {
      agent.destroy();
      await new Promise((resolve) => bare.close(resolve));
      await server.close();
    }
  } finally {
    await database.close();
    await pg.drop();
  }
  return {
    name: `Linked identities at ${PROCESSES.toLocaleString('en')} processes (PostgreSQL, medians of ${RUNS})`,
    lines,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchLinks();
  console.log(`${r.name}\n${r.lines.map((l) => `  ${l}`).join('\n')}`);
}
