/** Demo mode restarts: the account the server has indexed must still be there, moving on where it left off. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssureClient, asRecord, startTestSandbox } from './test-helpers';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-state-'));

describe('a sandbox with a state file', () => {
  it('comes back after a restart with the same dossiers and processes, and moves on from there', async () => {
    const stateFile = join(dir, 'state.json');
    const first = await startTestSandbox({ dossiers: 5, live: false, stateFile });
    const created = first.control.createProcess({ provider: 'readid', scenario: 'readid.cloneFailed', stayPending: true });
    const api1 = new AssureClient(first.url);
    const before = asRecord((await api1.json('GET', `/dossiers/${created.dossierId}/processes/${created.processId}`)).body);
    const dossiersBefore = (await api1.json('GET', '/dossiers')).body as unknown[];
    await first.close();

    const second = await startTestSandbox({ dossiers: 5, live: false, stateFile });
    try {
      const api2 = new AssureClient(second.url);
      expect((await api2.json('GET', '/dossiers')).body).toEqual(dossiersBefore);
      expect(asRecord((await api2.json('GET', `/dossiers/${created.dossierId}/processes/${created.processId}`)).body)).toEqual(before);
      second.control.advance(created.processId, 'final');
      const after = asRecord((await api2.json('GET', `/dossiers/${created.dossierId}/processes/${created.processId}`)).body);
      expect(after.status).toBe('inconclusive'); // the same scenario, rebuilt from the file
      const zip = await api2.raw('GET', `/dossiers/${created.dossierId}/processes/${created.processId}/fullresult`);
      expect(zip.status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('starts the seeded world afresh from a file it cannot use', async () => {
    for (const content of ['{ not json', JSON.stringify({ version: 999, seed: 'assure-desk' })]) {
      const stateFile = join(dir, `bad-${content.length}.json`);
      writeFileSync(stateFile, content);
      const sandbox = await startTestSandbox({ dossiers: 3, live: false, stateFile });
      try {
        expect(((await new AssureClient(sandbox.url).json('GET', '/dossiers')).body as unknown[]).length).toBe(3);
      } finally {
        await sandbox.close();
      }
      expect(JSON.parse(readFileSync(stateFile, 'utf8')).version).toBe(1); // and replaces it at close
    }
  });
});
