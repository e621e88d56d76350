import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../test-support/sandbox';
import { createTestDatabase, DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { eventually } from '../../../test-support/stack';
import { TEST_LINK_KEY, TestClient } from '../../../test-support/test-server';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

function startServerProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      LOG_LEVEL: 'error',
      DEMO_USERS: '1',
      DEMO_USERS_ACKNOWLEDGED: '1',
      SYNC_INTERVAL_S: '3600',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

describe.each(DB_KINDS)('crash safety on %s', (kind) => {
  let sandbox: RunningSandbox | undefined;
  const children: ChildProcess[] = [];
  let dropDb: (() => Promise<void>) | undefined;
  afterAll(async () => {
    children.forEach((c) => c.kill('SIGKILL'));
    await sandbox?.close();
    await dropDb?.();
  });

  it('a decision acknowledged just before SIGKILL is there after restart', async (ctx) => {
    if (kind === 'postgres' && !(await postgresReachable())) return ctx.skip();
    sandbox = await startSandbox({ port: 0, live: false, dossiers: 3 });
    const created = sandbox.control.createProcess({ provider: 'readid', scenario: 'readid.iproovFailed' });
    sandbox.control.advance(created.processId, 'final');

    const db = kind === 'postgres' ? await createTestDatabase() : undefined;
    dropDb = db?.drop;
    const port = await freePort();
    const env = {
      PORT: String(port),
      ASSURE_BASE_URL: `${sandbox.url}/assure`,
      ASSURE_CLIENT_ID: 'sandbox-client',
      ASSURE_CLIENT_SECRET: 'sandbox-secret',
      LINK_KEY: TEST_LINK_KEY,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...(db ? { DATABASE_URL: db.url } : { DATA_DIR: mkdtempSync(join(tmpdir(), 'assure-desk-crash-')) }),
    };
    const base = `http://127.0.0.1:${port}`;
    const up = async () => {
      const child = startServerProcess(env);
      children.push(child);
      await eventually(
        () =>
          fetch(`${base}/api/health`)
            .then((r) => r.ok)
            .catch(() => false),
        30_000,
        100,
      );
      return child;
    };

    const first = await up();
    const reviewer = await new TestClient(base).login('reviewer', 'demo-password');
    await eventually(
      async () => (await reviewer.get(`/api/processes/${created.processId}`)).status === 200,
      20_000,
      100,
    );
    const res = await reviewer.request('POST', `/api/processes/${created.processId}/decisions`, {
      outcome: 'approve',
      reasonCode: 'verified_manually',
      note: 'Face matches the chip portrait on manual comparison',
      acknowledgeFailedChecks: true,
    });
    expect(res.status).toBe(201);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));

    await up();
    const again = await new TestClient(base).login('reviewer', 'demo-password');
    const detail = await again.json<{ review: { decision: { outcome: string; note: string } | null } }>(
      'GET',
      `/api/processes/${created.processId}`,
    );
    expect(detail.body.review.decision).toMatchObject({
      outcome: 'approve',
      note: 'Face matches the chip portrait on manual comparison',
    });
  }, 90_000);
});
