import { sql } from 'drizzle-orm';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { OutcomesQuery } from '@domain/outcomes';
import { parseConfig } from '../src/server/config';
import { backlogWithTrend } from '../src/server/db/backlog';
import { openDatabase, query, type Database } from '../src/server/db/client';
import { rebuildOutcomeRollups } from '../src/server/db/outcome-rollups';
import {
  outcomeRollupStatements,
  outcomeStatements,
  outcomes,
  runAggregate,
} from '../src/server/db/outcomes';
import { createLogger } from '../src/server/lib/logger';
import { startServer, type RunningServer } from '../src/server/server';
import { createTestDatabase } from '../test-support/databases';
import { TestClient } from '../test-support/test-server';
import { medianMs, mediansSideBySide, ms } from './lib';

// GET /api/outcomes on 1,000,000 processes in PostgreSQL (BENCH_OUTCOMES_PROCESSES for another size): the endpoint
// through the real server (HTTP, session, validation, JSON), which reads the rollups (migration 0017), beside its
// parts (the figures as the route computes them, the backlog with its trend, and a GET /api/session for what HTTP
// and the session cost alone; all of them taken in turn each round), the rollup statements run bare and the
// full-scan statements run bare (the baseline: what every click cost before the rollups), in the same run. The seed
// goes through the rollup triggers (bulk statements, as a large sync would), or without them (BENCH_OUTCOMES_SEED);
// the rebuild is timed after it. Each run leaves its endpoint medians in tmp/bench-outcomes-<processes>.json and
// prints the ratio to those of a smaller size run before (10,000,000 against 1,000,000).
//
// BENCH_OUTCOMES_DATABASE_URL names a database to keep between runs instead of a fresh one dropped at the end: it is
// seeded (and its rollups rebuilt) only while it holds no processes, so a second run at 10,000,000 skips the quarter
// of an hour of seeding and measures what the migrations since have made of the same data.

const PROCESSES = Number(process.env.BENCH_OUTCOMES_PROCESSES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_OUTCOMES_RUNS ?? 15);
/** The full scan takes seconds (tens of them at 10,000,000): fewer runs. */
const SCAN_RUNS = Number(process.env.BENCH_OUTCOMES_SCAN_RUNS ?? 5);
const RESULTS_DIR = 'tmp';
/** `bulk`: seed with the rollup triggers off and build the rollups once afterwards, the cases by one statement (a bulk
 * import; much faster at 10,000,000). Default: through the triggers, as indexing writes, and the start-up backfill. */
const BULK = process.env.BENCH_OUTCOMES_SEED === 'bulk';
const ROLLUP_TABLES = ['processes', 'decisions', 'retries'];
const KEPT_DATABASE_URL = process.env.BENCH_OUTCOMES_DATABASE_URL;

/** Seeds processes over the year before 2026-06-01, two per dossier on average, plus decisions and retries. */
export async function seed(database: Database, n: number) {
  const db = database.db;
  await db.execute(sql`SET maintenance_work_mem = '256MB'`);
  await db.execute(sql`SELECT setseed(0.42)`);
  await db.execute(sql`
    INSERT INTO processes (process_id, dossier_id, provider, process_type, status, is_final, created_at, updated_at,
      first_name, last_name, document_number, document_country, search_text, raw, synced_at)
    SELECT 'bp-' || g, 'bd-' || (g / 2), s.provider, s.process_type, s.status,
      s.status NOT IN ('pending', 'processing'),
      s.created_at, s.created_at + s.took,
      'First' || (g % 997), 'Last' || (g % 991), 'D' || g, s.country,
      lower('first' || (g % 997) || ' last' || (g % 991) || ' d' || g || ' bp-' || g),
      jsonb_build_object('processId', 'bp-' || g, 'provider', s.provider, 'status', s.status,
        'createdAt', s.created_at, 'updatedAt', s.created_at + s.took,
        'finalResult', jsonb_build_object('firstName', 'First' || (g % 997), 'lastName', 'Last' || (g % 991), 'issuingCountry', s.country))
        || CASE WHEN s.status = 'failed' THEN jsonb_build_object('failReason', (ARRAY['timeout', 'cameraAccessDenied', 'chipReadFailed', 'userAborted'])[1 + (g % 4)]) ELSE '{}'::jsonb END,
      now()
    FROM generate_series(1, ${n}) AS g,
    LATERAL (
      SELECT
        (ARRAY['readid', 'onfido', 'eid', 'signicatpaper', 'connect', 'webid'])[1 + (g % 6)] AS provider,
        (ARRAY['ready', 'document', 'unattended', NULL, NULL, 'videoid'])[1 + (g % 6)] AS process_type,
        CASE WHEN r < 0.55 THEN 'accepted' WHEN r < 0.70 THEN 'inconclusive' WHEN r < 0.78 THEN 'rejected'
             WHEN r < 0.88 THEN 'failed' WHEN r < 0.95 THEN 'canceled' WHEN r < 0.98 THEN 'processing' ELSE 'pending' END AS status,
        timestamptz '2025-06-01 00:00:00+00' + (g::float8 / ${n}) * interval '365 days' + (g % 2) * interval '20 minutes' AS created_at,
        (random() * 3600 + 5) * interval '1 second' AS took,
        (ARRAY['NOR', 'SWE', 'DNK', 'DEU', 'GBR', 'FIN', 'NLD', NULL])[1 + (g % 8)] AS country
      FROM (SELECT random() AS r) AS x
    ) AS s`);
  await db.execute(sql`
    INSERT INTO decisions (process_id, dossier_id, outcome, reason_code, actor, decided_at)
    SELECT process_id, dossier_id, (ARRAY['approve', 'approve', 'reject', 'retry'])[1 + (hashtext(process_id) & 3)],
      (ARRAY['verified_manually', 'document_invalid', 'suspected_fraud', 'poor_quality'])[1 + ((hashtext(process_id) >> 2) & 3)],
      (ARRAY['reviewer', 'alice', 'bob', 'carol', 'dave'])[1 + ((hashtext(process_id) >> 4) & 3)],
      updated_at + (random() * 86400) * interval '1 second'
    FROM processes WHERE status = 'inconclusive' AND random() < 0.7`);
  await db.execute(sql`
    INSERT INTO retries (dossier_id, idempotency_key, actor, provider, process_type, state, process_id, source_process_id, created_at)
    SELECT p.dossier_id, 'bench-' || p.process_id, 'operator', 'readid', 'ready', 'created', n.process_id, p.process_id, n.created_at
    FROM processes p JOIN processes n ON n.dossier_id = p.dossier_id AND n.created_at > p.created_at
    WHERE p.status = 'inconclusive' AND hashtext(p.process_id) % 3 = 0`);
  // A steady state: statistics gathered and the visibility map set, as autovacuum leaves a live database.
  await db.execute(sql`VACUUM ANALYZE processes`);
  await db.execute(sql`VACUUM ANALYZE decisions`);
  await db.execute(sql`VACUUM ANALYZE retries`);
}

/** Runs `write` with the rollup triggers off (a bulk import: rebuild the rollups afterwards if they are read). */
export async function withoutRollupTriggers(database: Database, write: () => Promise<unknown>) {
  const alter = (action: string) =>
    Promise.all(
      ROLLUP_TABLES.map((t) => database.db.execute(sql.raw(`ALTER TABLE ${t} ${action} TRIGGER USER`))),
    );
  await alter('DISABLE');
  try {
    await write();
  } finally {
    await alter('ENABLE');
  }
}

/**
 * A bulk import's cases, written by one statement instead of the start-up backfill (about 36 min for 5,000,000
 * dossiers): each dossier's latest attempt, in review while it is inconclusive and undecided, decided when the desk
 * decided it, running while it runs, closed otherwise. A simplification of the case rules (no retries, no reasons);
 * the backlog the endpoint reads is kept from these rows by the same triggers either way.
 */
async function seedCases(database: Database) {
  await database.db.execute(sql`
    INSERT INTO cases (dossier_id, state, process_id, attempt_number, attempts, provider, providers, process_type,
      status, document_country, waiting_since, sort_at, decision_id)
    SELECT l.dossier_id,
      CASE WHEN d.id IS NOT NULL THEN 'decided' WHEN l.status = 'inconclusive' THEN 'needs_review'
           WHEN l.status IN ('pending', 'processing') THEN 'in_progress' ELSE 'closed' END,
      l.process_id, l.n, l.n, l.provider, ARRAY[l.provider], l.process_type, l.status, l.document_country,
      CASE WHEN d.id IS NULL AND l.status = 'inconclusive' THEN l.updated_at END,
      coalesce(d.decided_at, l.updated_at), d.id
    FROM (
      SELECT DISTINCT ON (dossier_id) dossier_id, process_id, status, provider, process_type, document_country,
        updated_at, count(*) OVER (PARTITION BY dossier_id)::int AS n
      FROM processes ORDER BY dossier_id, created_at DESC, process_id DESC
    ) AS l
    LEFT JOIN LATERAL (SELECT id, decided_at FROM decisions WHERE decisions.process_id = l.process_id LIMIT 1) AS d ON true`);
  await database.db.execute(sql`VACUUM ANALYZE cases`);
}

const CASES: Array<{ label: string; params: string; q: OutcomesQuery }> = [
  {
    label: 'all time, by day, UTC',
    params: '',
    q: { tz: 'UTC', bucket: 'day', basis: 'created', provider: [] },
  },
  {
    label: 'all time, team figures by decision date, UTC',
    params: 'basis=decided',
    q: { tz: 'UTC', bucket: 'day', basis: 'decided', provider: [] },
  },
  {
    label: 'all time, by week, Europe/Oslo',
    params: 'bucket=week&tz=Europe/Oslo',
    q: { tz: 'Europe/Oslo', bucket: 'week', basis: 'created', provider: [] },
  },
  {
    label: 'last 30 days, Europe/Oslo',
    params: 'from=2026-05-02&to=2026-05-31&tz=Europe/Oslo',
    q: {
      from: '2026-05-02',
      to: '2026-05-31',
      tz: 'Europe/Oslo',
      bucket: 'day',
      basis: 'created',
      provider: [],
    },
  },
  {
    label: 'last 90 days, one provider',
    params: 'from=2026-03-03&to=2026-05-31&provider=onfido',
    q: {
      from: '2026-03-03',
      to: '2026-05-31',
      tz: 'UTC',
      bucket: 'day',
      basis: 'created',
      provider: ['onfido'],
    },
  },
];

/** Stores this size's endpoint medians and compares them with those of the largest smaller size stored. */
function compareSizes(endpoint: Record<string, number>): string[] {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(`${RESULTS_DIR}/bench-outcomes-${PROCESSES}.json`, JSON.stringify(endpoint));
  const smaller = readdirSync(RESULTS_DIR)
    .map((f) => Number(/^bench-outcomes-(\d+)\.json$/.exec(f)?.[1]))
    .filter((n) => n < PROCESSES)
    .sort((a, b) => b - a)[0];
  if (!smaller) return [];
  const before = JSON.parse(readFileSync(`${RESULTS_DIR}/bench-outcomes-${smaller}.json`, 'utf8')) as Record<
    string,
    number
  >;
  return Object.entries(endpoint)
    .filter(([label]) => before[label])
    .map(
      ([label, v]) =>
        `${label}: ${PROCESSES.toLocaleString('en')} / ${smaller.toLocaleString('en')} processes ${(v / before[label]!).toFixed(2)}× (${ms(before[label]!)} → ${ms(v)})`,
    );
}

export async function benchOutcomes(): Promise<{ name: string; lines: string[] }> {
  const lines: string[] = [];
  const started = performance.now();
  const target = KEPT_DATABASE_URL
    ? { url: KEPT_DATABASE_URL, drop: async () => {} }
    : await createTestDatabase();
  let database: Database | undefined;
  let server: RunningServer | undefined;
  try {
    database = await openDatabase({ databaseUrl: target.url, dataDir: '' });
    const t0 = performance.now();
    const opened = database;
    const count = async () =>
      (
        (await query<{ n: number }>(opened.db, sql`SELECT count(*)::int AS n FROM processes`)) as [
          { n: number },
        ]
      )[0].n;
    const n0 = await count();
    const seeded = n0 === 0;
    if (!seeded) {
      if (n0 !== PROCESSES) throw new Error(`the kept database holds ${n0} processes, not ${PROCESSES}`);
      lines.push(`kept database: seeded before, not again`);
    } else if (BULK) {
      await withoutRollupTriggers(opened, () => seed(opened, PROCESSES));
      await seedCases(opened);
    } else await seed(opened, PROCESSES);
    const n = await count();
    if (seeded)
      lines.push(
        `seeded ${n.toLocaleString('en')} processes (with decisions and retries; ${BULK ? 'rollup triggers off, cases by one statement' : 'rollups kept by the triggers'}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    const t1 = performance.now();
    if (seeded) {
      await rebuildOutcomeRollups(database.db);
      await database.db.execute(sql`VACUUM ANALYZE outcome_rollups`);
    }
    const rebuilt = (performance.now() - t1) / 1000;
    const [{ rows: rollupRows }] = (await query<{ rows: number }>(
      database.db,
      sql`SELECT count(*)::int AS rows FROM outcome_rollups`,
    )) as [{ rows: number }];
    lines.push(
      `rollups: ${rollupRows.toLocaleString('en')} rows (2 zones × day and month)${seeded ? `; rebuild from scratch ${rebuilt.toFixed(1)} s` : ''}`,
    );

    const config = parseConfig({
      PORT: '0',
      DATABASE_URL: target.url,
      DEMO_USERS: '1',
      LOG_LEVEL: 'error',
      DATA_DIR: 'memory://',
    });
    const t2 = performance.now();
    server = await startServer(
      {
        ...config,
        assure: {
          baseUrl: 'http://127.0.0.1:9/assure',
          tokenUrl: 'http://127.0.0.1:9/auth/open/connect/token',
          clientId: 'bench',
          clientSecret: 'bench',
          signatureHeader: 'X-Signicat-Signature',
        },
      },
      { log: createLogger('error'), startSync: false },
    );
    const [{ cases, waiting }] = (await query<{ cases: number; waiting: number }>(
      database.db,
      sql`SELECT count(*)::int AS cases, count(*) FILTER (WHERE state IN ('needs_review', 'pending_second_review'))::int AS waiting FROM cases`,
    )) as [{ cases: number; waiting: number }];
    lines.push(
      `server start with the case backfill (${cases.toLocaleString('en')} cases, ${waiting.toLocaleString('en')} waiting for review) ${((performance.now() - t2) / 1000).toFixed(1)} s`,
    );
    const manager = await new TestClient(server.url).login('manager', 'demo-password');

    const db = database.db;
    const endpoint: Record<string, number> = {};
    for (const c of CASES) {
      const q = c.q;
      const [api, figures, backlog, session, rollup] = await mediansSideBySide(
        [
          async () => {
            const res = await manager.get(`/api/outcomes${c.params ? `?${c.params}` : ''}`);
            if (res.status !== 200)
              throw new Error(`GET /api/outcomes?${c.params} answered ${res.status}: ${await res.text()}`);
            await res.json();
          },
          () => outcomes(db, q),
          () => backlogWithTrend(db, q),
          async () => (await manager.get('/api/session')).json(),
          () => Promise.all(outcomeRollupStatements(q).map((s) => runAggregate(db, s))),
        ],
        RUNS,
        3,
      );
      const scan = await medianMs(
        () => Promise.all(outcomeStatements(q).map((s) => runAggregate(db, s))),
        SCAN_RUNS,
        1,
      );
      endpoint[c.label] = api!;
      lines.push(
        `${c.label}: GET /api/outcomes ${ms(api!)}; its parts: figures ${ms(figures!)} (rollup SQL bare ${ms(rollup!)}), backlog with trend ${ms(backlog!)}, GET /api/session ${ms(session!)}; full-scan SQL bare ${ms(scan)}: ${(scan / api!).toFixed(0)}× the endpoint (medians of ${RUNS}, the scan of ${SCAN_RUNS})`,
      );
    }
    lines.push(...compareSizes(endpoint));
    lines.push(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await server?.close();
    await database?.close();
    await target.drop();
  }
  return { name: `outcomes (${PROCESSES.toLocaleString('en')} processes, PostgreSQL)`, lines };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchOutcomes();
  console.log(r.name);
  for (const l of r.lines) console.log(`  ${l}`);
}
