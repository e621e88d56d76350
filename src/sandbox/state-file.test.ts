/** Demo mode restarts: the account the server has indexed must still be there, moving on where it left off. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunningSandbox } from './index';
import { AssureClient, asRecord, startTestSandbox } from './test-helpers';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 6, 9);

async function dossiers(
  sandbox: RunningSandbox,
): Promise<Array<{ dossierId: string; processes: unknown[] }>> {
  return (await new AssureClient(sandbox.url).json('GET', '/dossiers')).body as Array<{
    dossierId: string;
    processes: unknown[];
  }>;
}

async function processCount(sandbox: RunningSandbox): Promise<number> {
  return (await dossiers(sandbox)).reduce((n, d) => n + d.processes.length, 0);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a sandbox with a state file', () => {
  it('comes back after a restart with the same dossiers and processes, and moves on from there', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startTestSandbox({ dossiers: 5, live: false, stateFile });
    const created = first.control.createProcess({
      provider: 'readid',
      scenario: 'readid.cloneFailed',
      stayPending: true,
    });
    const api1 = new AssureClient(first.url);
    const before = asRecord(
      (await api1.json('GET', `/dossiers/${created.dossierId}/processes/${created.processId}`)).body,
    );
    const dossiersBefore = (await api1.json('GET', '/dossiers')).body as unknown[];
    await first.close();

    const second = await startTestSandbox({ dossiers: 5, live: false, stateFile });
    try {
      const api2 = new AssureClient(second.url);
      expect((await api2.json('GET', '/dossiers')).body).toEqual(dossiersBefore);
      expect(
        asRecord(
          (await api2.json('GET', `/dossiers/${created.dossierId}/processes/${created.processId}`)).body,
        ),
      ).toEqual(before);
      second.control.advance(created.processId, 'final');
      const after = asRecord(
        (await api2.json('GET', `/dossiers/${created.dossierId}/processes/${created.processId}`)).body,
      );
      expect(after.status).toBe('inconclusive'); // the same scenario, rebuilt from the file
      const zip = await api2.raw(
        'GET',
        `/dossiers/${created.dossierId}/processes/${created.processId}/fullresult`,
      );
      expect(zip.status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('starts the seeded world afresh from a file it cannot use, keeping that file as .bad', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const content of ['{ not json', JSON.stringify({ version: 999, seed: 'assure-desk' })]) {
      const stateFile = join(dir, `bad-${content.length}.json`);
      writeFileSync(stateFile, content);
      const sandbox = await startTestSandbox({ dossiers: 3, live: false, stateFile });
      try {
        expect(
          ((await new AssureClient(sandbox.url).json('GET', '/dossiers')).body as unknown[]).length,
        ).toBe(3);
      } finally {
        await sandbox.close();
      }
      expect(readFileSync(`${stateFile}.bad`, 'utf8')).toBe(content);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${stateFile}.bad`));
      expect(JSON.parse(readFileSync(stateFile, 'utf8')).version).toBe(2); // and writes a good one at close
    }
  });

  it('ignores the whole of a file with the right version and seed but a broken shape', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const opts = { dossiers: 3, live: false, now: () => T0 };
    const fresh = await startTestSandbox(opts);
    const seeded = await dossiers(fresh);
    await fresh.close();

    const source = join(dir, 'source.json');
    const first = await startTestSandbox({ ...opts, stateFile: source });
    first.control.createProcess({ provider: 'readid' }); // in a dossier of its own, not in the seeded world
    await first.close();
    const good = JSON.parse(readFileSync(source, 'utf8')) as { processes: Array<Record<string, unknown>> };

    const broken = {
      'no-processes': { ...good, processes: undefined },
      'processes-not-an-array': { ...good, processes: 'none' },
      'process-without-rngKey': { ...good, processes: good.processes.map(({ rngKey: _rngKey, ...p }) => p) },
    };
    for (const [name, state] of Object.entries(broken)) {
      const stateFile = join(dir, `${name}.json`);
      const content = JSON.stringify(state);
      writeFileSync(stateFile, content);
      const sandbox = await startTestSandbox({ ...opts, stateFile });
      try {
        expect(await dossiers(sandbox), name).toEqual(seeded);
      } finally {
        await sandbox.close();
      }
      expect(readFileSync(`${stateFile}.bad`, 'utf8'), name).toBe(content);
    }
  });

  it('keeps an advanced clock across a restart, so live arrivals go on', async () => {
    let t = T0;
    const opts = {
      dossiers: 3,
      live: true,
      arrivalEveryS: 10,
      now: () => t,
      stateFile: join(dir, 'clock.json'),
    };
    const first = await startTestSandbox(opts);
    const advanced = first.control.advanceClock(86_400);
    await first.close();

    const second = await startTestSandbox(opts);
    try {
      expect(second.control.now()).toBe(advanced);
      const before = await processCount(second);
      t += 60_000;
      expect(await processCount(second)).toBeGreaterThan(before);
    } finally {
      await second.close();
    }
  });

  it('resumes live arrivals within one gap even when the saved next arrival lies far ahead', async () => {
    let t = T0;
    const stateFile = join(dir, 'arrival.json');
    const opts = { dossiers: 3, live: true, arrivalEveryS: 10, now: () => t, stateFile };
    await (await startTestSandbox(opts)).close();
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { nextArrivalAt: number };
    writeFileSync(stateFile, JSON.stringify({ ...state, nextArrivalAt: state.nextArrivalAt + 7 * DAY }));

    const sandbox = await startTestSandbox(opts);
    try {
      const before = await processCount(sandbox);
      t += 11_000;
      expect(await processCount(sandbox)).toBeGreaterThan(before);
    } finally {
      await sandbox.close();
    }
  });

  it('lets the vendor retention delete old dossiers of a sandbox restarted every day', async () => {
    let t = T0;
    const opts = {
      dossiers: 3,
      live: false,
      retentionDays: 30,
      now: () => t,
      stateFile: join(dir, 'retention.json'),
    };
    await (await startTestSandbox(opts)).close();
    for (let day = 1; day <= 30; day += 1) {
      t += DAY;
      await (await startTestSandbox(opts)).close();
    }
    t += DAY;
    const sandbox = await startTestSandbox(opts);
    try {
      expect(await dossiers(sandbox)).toEqual([]); // all last changed before the first start, 31 days ago
    } finally {
      await sandbox.close();
    }
  });
});
