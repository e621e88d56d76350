/** Contract §8 "Time-based transitions" and brief §6: a live sandbox keeps moving on its (injected) clock. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from './index';
import { AssureClient, asRecord, control, startTestSandbox, type JsonRecord } from './test-helpers';

let now = Date.parse('2025-06-01T09:00:00Z');
let sandbox: RunningSandbox;
let api: AssureClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({
    live: true,
    dossiers: 30,
    arrivalEveryS: 15,
    now: () => now,
    tickIntervalMs: 60_000,
  });
  api = new AssureClient(sandbox.url);
});
afterAll(async () => {
  await sandbox.close();
});

const processes = async (): Promise<JsonRecord[]> =>
  ((await api.json('GET', '/dossiers')).body as JsonRecord[]).flatMap((d) => d.processes as JsonRecord[]);

describe('a live sandbox', () => {
  it('lets new processes arrive and move pending → processing → final, never changing final statuses', async () => {
    const before = await processes();
    const finalBefore = new Map(
      before
        .filter((p) => !['pending', 'processing'].includes(p.status as string))
        .map((p) => [p.processId, p.status]),
    );
    expect(before.some((p) => p.status === 'pending')).toBe(true);
    expect(finalBefore.size).toBeGreaterThan(0);

    now += 60_000; // one minute later
    const minute = await processes();
    expect(minute.length).toBeGreaterThan(before.length); // arrivals (every ~15 s)

    now += 10 * 60_000; // everything scheduled so far has finished
    const later = await processes();
    const started = new Set(minute.map((p) => p.processId));
    for (const p of later.filter((x) => started.has(x.processId)))
      expect(['pending', 'processing']).not.toContain(p.status);
    for (const [id, status] of finalBefore)
      expect(later.find((p) => p.processId === id)?.status).toBe(status);
  });

  it('auto-advances a forced-outcome process, and keeps a stayPending one waiting', async () => {
    const moving = sandbox.control.createProcess({ scenario: 'onfido.caution' });
    const waiting = sandbox.control.createProcess({ scenario: 'onfido.caution', stayPending: true });
    now += 31_000;
    expect((await api.getProcess(moving.dossierId, moving.processId)).status).toBe('processing');
    now += 91_000;
    expect((await api.getProcess(moving.dossierId, moving.processId)).status).toBe('inconclusive');
    expect((await api.getProcess(waiting.dossierId, waiting.processId)).status).toBe('pending');
  });

  it('gives the end-user time on the capture page, then finishes 20–90 s after their choice', async () => {
    const dossierId = asRecord((await api.json('POST', '/dossiers', {})).body).dossierId as string;
    const created = await api.json('POST', `/dossiers/${dossierId}/capture`, {
      providers: [{ provider: 'signicatpaper' }],
      redirectUrl: 'https://desk.example/done',
    });
    const { processId, url } = asRecord(created.body) as { processId: string; url: string };
    now += 40_000;
    expect((await api.getProcess(dossierId, processId)).status).toBe('pending');
    const page = await fetch(url);
    expect(await page.text()).toContain('paper.noMrz');
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'scenario=paper.noMrz',
      redirect: 'manual',
    });
    expect((await api.getProcess(dossierId, processId)).status).toBe('processing');
    now += 91_000;
    expect((await api.getProcess(dossierId, processId)).status).toBe('inconclusive');
  });

  it('produces the WebID zip later', async () => {
    const { dossierId, processId } = sandbox.control.createProcess({ scenario: 'webid.successful' });
    sandbox.control.advance(processId, 'final');
    expect((await api.raw('GET', `/dossiers/${dossierId}/processes/${processId}/fullresult`)).status).toBe(
      409,
    );
    now += 61_000;
    expect((await api.raw('GET', `/dossiers/${dossierId}/processes/${processId}/fullresult`)).status).toBe(
      200,
    );
  });

  it('advances its clock through the control API and deletes data after the retention period', async () => {
    const { dossierId } = sandbox.control.createProcess({ scenario: 'paper.accepted', stayPending: true });
    expect((await control(sandbox.url, 'POST', '/clock/advance', { seconds: 29 * 86_400 })).status).toBe(200);
    expect((await api.json('GET', `/dossiers/${dossierId}`)).status).toBe(200);
    await control(sandbox.url, 'POST', '/clock/advance', { seconds: 2 * 86_400 });
    expect((await api.json('GET', `/dossiers/${dossierId}`)).status).toBe(404); // deleted upstream
  });

  it('reseeds on reset', async () => {
    const res = await control(sandbox.url, 'POST', '/reset', {});
    expect(res.status).toBe(200);
    expect(((await api.json('GET', '/dossiers')).body as JsonRecord[]).length).toBe(30);
  });
});
