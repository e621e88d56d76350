import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresReachable, TEST_DATABASE_URL } from '../../../test-support/databases';
import { startTestServer, type TestServer } from '../../../test-support/test-server';
import { verifyAuditChain } from './audit';

// Issue #15, README "Database roles": migrations run as an owner role, the server as an app role that can read and
// write rows but cannot disable the audit triggers, truncate, drop or alter the audit table, or switch triggers off.
describe('an owner role for migrations and an app role for the server (postgres)', () => {
  let skip = false;
  const suffix = randomBytes(5).toString('hex');
  const owner = `ad_owner_${suffix}`;
  const app = `ad_app_${suffix}`;
  const database = `ad_roles_${suffix}`;
  const urlAs = (role: string, password: string) => {
    const url = new URL(TEST_DATABASE_URL);
    url.username = role;
    url.password = password;
    url.pathname = `/${database}`;
    return url.toString();
  };
  const ownerUrl = urlAs(owner, 'owner-password');
  const appUrl = urlAs(app, 'app-password');
  let server: TestServer | undefined;

  const asSuperuser = async (statements: string[], dbName?: string) => {
    const url = new URL(TEST_DATABASE_URL);
    if (dbName) url.pathname = `/${dbName}`;
    const c = new pg.Client({ connectionString: url.toString() });
    await c.connect();
    try {
      for (const s of statements) await c.query(s);
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    if (!(await postgresReachable())) return void (skip = true);
    // What the README asks of a database administrator, once.
    await asSuperuser([
      `CREATE ROLE ${owner} LOGIN PASSWORD 'owner-password'`,
      `CREATE ROLE ${app} LOGIN PASSWORD 'app-password'`,
      `CREATE DATABASE ${database} OWNER ${owner}`,
    ]);
    // As the owner, before the first migration: the app role may use what the owner creates, rows only.
    const o = new pg.Client({ connectionString: ownerUrl });
    await o.connect();
    for (const s of [
      `REVOKE ALL ON DATABASE ${database} FROM PUBLIC`,
      `GRANT CONNECT, TEMPORARY ON DATABASE ${database} TO ${app}`,
      `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
      `GRANT USAGE ON SCHEMA public TO ${app}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
      `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
    ])
      await o.query(s);
    await o.end();
    server = await startTestServer({
      db: 'postgres',
      databaseUrl: appUrl,
      env: { MIGRATION_DATABASE_URL: ownerUrl },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    if (skip) return;
    await asSuperuser([
      `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`,
      `DROP ROLE IF EXISTS ${app}`,
      `DROP ROLE IF EXISTS ${owner}`,
    ]);
  });

  it('serves as the app role: sign-ins, user changes and their audit entries work', async (ctx) => {
    if (skip) return ctx.skip();
    const admin = await server!.login('admin');
    expect(
      (
        await admin.request('POST', '/api/users', {
          username: 'roles-user',
          role: 'reviewer',
          password: 'roles-password-1',
        })
      ).status,
    ).toBe(201);
    expect((await admin.get('/api/audit')).status).toBe(200);
    expect((await admin.request('DELETE', '/api/session')).status).toBe(204);
    const c = new pg.Client({ connectionString: appUrl });
    await c.connect();
    try {
      const { rows } = await c.query<{ current_user: string }>('SELECT current_user');
      expect(rows[0]!.current_user).toBe(app);
      const tables = await c.query<{ tableowner: string }>(
        `SELECT tableowner FROM pg_tables WHERE tablename = 'audit_events'`,
      );
      expect(tables.rows[0]!.tableowner).toBe(owner);
    } finally {
      await c.end();
    }
  });

  it('the app role cannot disable the audit triggers, truncate, delete, update, drop or alter the audit log', async (ctx) => {
    if (skip) return ctx.skip();
    const c = new pg.Client({ connectionString: appUrl });
    await c.connect();
    const refused = async (statement: string) => {
      const err = await c.query(statement).then(
        () => undefined,
        (e: unknown) => e as { code?: string },
      );
      expect(err, statement).toBeDefined();
      // 42501: insufficient privilege (also what the append-only trigger raises).
      expect(err!.code, statement).toBe('42501');
    };
    try {
      const count = async () =>
        Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM audit_events')).rows[0]!.n);
      const before = await count();
      expect(before).toBeGreaterThan(0);
      await refused('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
      await refused('ALTER TABLE audit_events DISABLE TRIGGER ALL');
      await refused('TRUNCATE audit_events');
      await refused('DELETE FROM audit_events');
      await refused(`UPDATE audit_events SET actor = 'mallory'`);
      await refused('DROP TABLE audit_events');
      await refused('DROP TRIGGER audit_events_no_update ON audit_events');
      await refused('SET session_replication_role = replica');
      await refused('CREATE TABLE planted (id int)');
      expect(await count()).toBe(before);
    } finally {
      await c.end();
    }
    expect((await verifyAuditChain(server!.deps.database.db)).ok).toBe(true);
  });
});
