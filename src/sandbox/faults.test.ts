/** Contract §8 "Fault injection": switched on and off through the control API; never on /sandbox routes. */
import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from './index';
import { AssureClient, asRecord, control, requestToken, startTestSandbox } from './test-helpers';

let sandbox: RunningSandbox;
let api: AssureClient;
let dossierId: string;
let processId: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  api = new AssureClient(sandbox.url);
  ({ dossierId, processId } = sandbox.control.createProcess({ scenario: 'paper.accepted' }));
  sandbox.control.advance(processId, 'final');
  await api.bearer();
});
afterEach(() => {
  sandbox.control.resetFaults();
});
afterAll(async () => {
  await sandbox.close();
});

const processPath = (): string => `/dossiers/${dossierId}/processes/${processId}`;

describe('faults', () => {
  it('errorRate 1: every /assure call is a 5xx server problem; control routes are untouched', async () => {
    const set = await control(sandbox.url, 'POST', '/faults', { errorRate: 1 });
    expect(set.status).toBe(200);
    expect(asRecord(set.body).errorRate).toBe(1);
    for (const path of [
      '/dossiers',
      `/dossiers/${dossierId}`,
      processPath(),
      `${processPath()}/fullresult`,
    ]) {
      const res = await api.raw('GET', path);
      expect(res.status, path).toBeGreaterThanOrEqual(500);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(asRecord(await res.json())).toMatchObject({
        type: 'base:server-problem',
        status: res.status,
        traceId: expect.any(String),
      });
    }
    expect((await api.raw('POST', '/dossiers', {})).status).toBeGreaterThanOrEqual(500);
    expect((await requestToken(sandbox.url)).status).toBe(200); // errorRate is for /assure only
    expect((await control(sandbox.url, 'GET', '/stats')).status).toBe(200);
  });

  it('rate429 1: 429 with a Retry-After header in seconds', async () => {
    sandbox.control.setFaults({ rate429: 1, retryAfterS: 3 });
    const res = await api.raw('GET', processPath());
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(asRecord(await res.json()).status).toBe(429);
  });

  it('malformedJson 1: Get process answers an unparsable body', async () => {
    sandbox.control.setFaults({ malformedJson: true });
    const res = await api.raw('GET', processPath());
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith('{')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('truncateZip: the full result is cut in half', async () => {
    sandbox.control.setFaults({ truncateZip: true });
    const res = await api.raw('GET', `${processPath()}/fullresult`);
    expect(res.status).toBe(200);
    await expect(JSZip.loadAsync(await res.arrayBuffer())).rejects.toThrow();
  });

  it('down: /assure and /auth answer 503', async () => {
    sandbox.control.setFaults({ down: true });
    expect((await api.raw('GET', '/dossiers')).status).toBe(503);
    expect((await requestToken(sandbox.url)).status).toBe(503);
  });

  it('latency delays vendor responses but not control routes', async () => {
    sandbox.control.setFaults({ latencyMs: 150 });
    let start = Date.now();
    await api.raw('GET', processPath());
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
    start = Date.now();
    await control(sandbox.url, 'GET', '/faults');
    expect(Date.now() - start).toBeLessThan(140);
  });

  it('rejects unknown or out-of-range fault settings', async () => {
    expect((await control(sandbox.url, 'POST', '/faults', { errorRate: 2 })).status).toBe(400);
    expect((await control(sandbox.url, 'POST', '/faults', { explode: true })).status).toBe(400);
  });

  it('all faults off again → normal answers', async () => {
    sandbox.control.setFaults({ errorRate: 1, rate429: 1, malformedJson: 1, truncateZip: true, down: true });
    expect((await control(sandbox.url, 'POST', '/faults/reset')).status).toBe(200);
    const res = await api.raw('GET', processPath());
    expect(res.status).toBe(200);
    expect(asRecord(await res.json()).status).toBe('accepted');
    const zip = await api.raw('GET', `${processPath()}/fullresult`);
    expect(Object.keys((await JSZip.loadAsync(await zip.arrayBuffer())).files)).toContain(
      'signicatpaper.json',
    );
  });
});
