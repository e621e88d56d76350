import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from './audit/audit';
import { query } from './db/client';
import { postgresReachable, TEST_DATABASE_URL } from '../../test-support/databases';
import { startTestStack } from '../../test-support/stack';

type Stack = Awaited<ReturnType<typeof startTestStack>>;

/** Runs SQL as the admin connection on the test server (not through the app's pool). */
async function admin(text: string) {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

describe('the database briefly unavailable, with upstream faults on', () => {
  let stack: Stack;
  let skip = false;
  beforeAll(async () => {
    if (!(await postgresReachable())) return void (skip = true);
    stack = await startTestStack({ db: 'postgres', sandbox: { dossiers: 5 } });
  });
  afterAll(async () => stack?.close());

  it('answers with clear errors while it is down, recovers by itself and loses no acknowledged decision, retry or audit event', async (ctx) => {
    if (skip) return ctx.skip();
    const { server, sandbox } = stack;
    const dbName = new URL(server.deps.config.databaseUrl!).pathname.slice(1);
    const cases = Array.from({ length: 30 }, () => {
      const c = sandbox.control.createProcess({
        provider: 'readid',
        scenario: 'readid.iproovFailed',
        stayPending: true,
      });
      sandbox.control.advance(c.processId, 'final');
      return c;
    });
    for (const c of cases) await server.deps.sync.refresh(c.dossierId, c.processId);
    const reviewer = await server.login('reviewer');
    const operator = await server.login('operator');
    sandbox.control.setFaults({ latencyMs: 20, errorRate: 0.3, rate429: 0.1, malformedJson: 0.2 });

    const acknowledgedDecisions: string[] = [];
    const acknowledgedRetries: string[] = [];
    const statuses = new Map<number, number>();
    let down = false;
    let sawHealthDown = false;
    for (const [i, c] of cases.entries()) {
      if (i === 10) {
        // Take the database away: no new connections, existing ones terminated.
        await admin(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
        await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${dbName}'`);
        down = true;
        const health = await reviewer.json<{ db: string; status: string }>('GET', '/api/health');
        sawHealthDown = health.status === 200 && health.body.db === 'down';
      }
      const d = await reviewer.request('POST', `/api/processes/${c.processId}/decisions`, {
        outcome: 'reject',
        reasonCode: 'suspected_fraud',
        note: `case ${i}`,
      });
      statuses.set(d.status, (statuses.get(d.status) ?? 0) + 1);
      // Back once three decisions have been refused for it (the outage felt, not timed).
      if (down && (statuses.get(503) ?? 0) >= 3) {
        await admin(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
        down = false;
      }
      const body = (await d.json()) as { error?: { code: string; message: string } };
      if (d.status === 201) acknowledgedDecisions.push(c.processId);
      else expect(body.error?.message, `decision answered ${d.status}`).toBeTruthy();
      const r = await operator.request(
        'POST',
        `/api/dossiers/${c.dossierId}/retries`,
        {},
        { headers: { 'idempotency-key': `fault-${c.processId}` } },
      );
      if (r.status === 201) acknowledgedRetries.push(c.dossierId);
      await r.arrayBuffer();
    }
    expect(down).toBe(false); // the outage ended within the run
    sandbox.control.resetFaults();
    expect(sawHealthDown).toBe(true);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0); // the outage was felt, and answered clearly
    expect(acknowledgedDecisions.length).toBeGreaterThan(10); // and the server recovered by itself
    expect(acknowledgedRetries.length).toBeGreaterThan(0);

    const db = server.deps.database.db;
    const stored = await query<{ process_id: string }>(db, sql`SELECT process_id FROM decisions`);
    const storedIds = new Set(stored.map((r) => r.process_id));
    for (const id of acknowledgedDecisions) expect(storedIds.has(id), `decision on ${id} lost`).toBe(true);
    const audited = await query<{ target: string }>(
      db,
      sql`SELECT target FROM audit_events WHERE action = 'review.decision'`,
    );
    const auditedIds = new Set(audited.map((r) => r.target));
    for (const id of acknowledgedDecisions) expect(auditedIds.has(id), `audit of ${id} lost`).toBe(true);
    const retries = await query<{ dossier_id: string }>(
      db,
      sql`SELECT dossier_id FROM retries WHERE state = 'created'`,
    );
    const retryIds = new Set(retries.map((r) => r.dossier_id));
    for (const id of acknowledgedRetries) expect(retryIds.has(id), `retry in ${id} lost`).toBe(true);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  }, 90_000);
});
