import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditCheckpoint } from '@domain/review';
import { query } from '../db/client';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { eventually } from '../../../test-support/stack';
import { captureLog, startTestServer, type TestServer } from '../../../test-support/test-server';
import { checkpointAuditChain } from './checkpoint';

// Issue #15: a periodic checkpoint of the audit chain's head, written to the log (outside the database) by one instance
// under a lease, and shown on the audit screen as "Chain verified up to <time>".
describe.each(DB_KINDS)('audit chain checkpoints on %s', (kind) => {
  let server: TestServer;
  let skip = false;
  const logged = captureLog();
  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    // The background jobs run (sync against an unreachable upstream only logs warnings).
    server = await startTestServer({
      db: kind,
      log: logged.log,
      startSync: true,
      env: { AUDIT_CHECKPOINT_INTERVAL_S: '3600' },
    });
  });
  afterAll(async () => server?.close());

  const head = async () =>
    (
      await query<{ id: string; hash: string }>(
        server.deps.database.db,
        sql`SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1`,
      )
    )[0];

  it('writes the verified head hash with its time to the log at start, and serves it to auditors', async (ctx) => {
    if (skip) return ctx.skip();
    const line = await eventually(
      async () => logged.lines.find((l) => l.includes('"audit checkpoint"')),
      20_000,
    );
    const entry = JSON.parse(line) as { level: string; at: string; headId: number; headHash: string };
    expect(entry.level).toBe('info');
    const admin = await server.login('admin');
    const res = await admin.json<AuditCheckpoint>('GET', '/api/audit/checkpoint');
    expect(res.status).toBe(200);
    expect(res.body.verified).toMatchObject({ at: entry.at, headId: entry.headId, headHash: entry.headHash });
    expect(res.body.broken).toBeNull();
    expect((await (await server.login('reviewer')).get('/api/audit/checkpoint')).status).toBe(403);
  });

  it('moves on with the chain, and reports a rewritten entry without moving the verified time', async (ctx) => {
    if (skip) return ctx.skip();
    const db = server.deps.database.db;
    const admin = await server.login('admin'); // one more audited sign-in
    const now = await head();
    const first = await checkpointAuditChain(db, logged.log);
    expect(first).toMatchObject({ ok: true, headId: Number(now!.id), headHash: now!.hash });
    const before = (await admin.json<AuditCheckpoint>('GET', '/api/audit/checkpoint')).body.verified;
    expect(before?.headHash).toBe(now!.hash);
    await server.login('reviewer'); // the chain goes on
    const rewritten = await head();
    // Someone with the owner's rights rewrites that newer entry (what the app's own role cannot do; see roles.test.ts).
    await db.execute(sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    await db.execute(sql`UPDATE audit_events SET actor = 'mallory' WHERE id = ${Number(rewritten!.id)}`);
    await db.execute(sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
    const second = await checkpointAuditChain(db, logged.log);
    expect(second).toMatchObject({ ok: false, brokenAt: Number(rewritten!.id) });
    const broken = logged.lines.find((l) => l.includes('"audit chain broken"'));
    expect(JSON.parse(broken!)).toMatchObject({
      level: 'error',
      brokenAt: Number(rewritten!.id),
      lastVerifiedHeadHash: now!.hash,
    });
    const shown = (await admin.json<AuditCheckpoint>('GET', '/api/audit/checkpoint')).body;
    expect(shown.verified).toEqual(before);
    expect(shown.broken).toMatchObject({ brokenAt: Number(rewritten!.id) });
  });
});
