/** The control API (contract §8) answers only this machine, and never a browser page of another origin. */
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from './index';
import { startTestSandbox } from './test-helpers';

/** An address of this machine that is not loopback, if it has one. */
const external = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('control API access', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    // Listening on every interface, so the same sandbox can be reached over loopback and over the network.
    sandbox = await startTestSandbox({ host: '0.0.0.0', dossiers: 2 });
  });
  afterAll(async () => sandbox?.close());

  const port = () => new URL(sandbox.url).port;
  const post = (base: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/sandbox${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('answers over loopback, with no Origin or with its own', async () => {
    const base = `http://127.0.0.1:${port()}`;
    expect((await post(base, '/faults', { errorRate: 0 })).status).toBe(200);
    expect(
      (await post(base, '/faults', { errorRate: 0 }, { origin: base, 'sec-fetch-site': 'same-origin' }))
        .status,
    ).toBe(200);
    expect((await fetch(`${base}/sandbox/stats`)).status).toBe(200);
  });

  it('refuses a page of another origin, by Origin or by Fetch Metadata, and changes nothing', async () => {
    const base = `http://127.0.0.1:${port()}`;
    for (const headers of <Array<Record<string, string>>>[
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: `http://localhost:${port()}`, 'sec-fetch-site': 'same-site' },
    ]) {
      const res = await post(base, '/faults', { down: true }, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const faults = (await (await fetch(`${base}/sandbox/faults`)).json()) as { down: boolean };
    expect(faults.down).toBe(false);
  });

  it.skipIf(!external)(
    'refuses requests from another machine, while the vendor API and the capture page still answer',
    async () => {
      const base = `http://${external}:${port()}`;
      const res = await post(base, '/faults', { down: true });
      expect(res.status).toBe(403);
      expect((await fetch(`${base}/sandbox`)).status).toBe(403);
      const faults = (await (await fetch(`http://127.0.0.1:${port()}/sandbox/faults`)).json()) as {
        down: boolean;
      };
      expect(faults.down).toBe(false);
      const { processId } = sandbox.control.createProcess({ scenario: 'paper.accepted', stayPending: true });
      expect((await fetch(`${base}/sandbox/capture/${processId}`)).status).toBe(200);
      expect((await fetch(`${base}/auth/open/connect/token`, { method: 'POST' })).status).not.toBe(403);
    },
  );
});
