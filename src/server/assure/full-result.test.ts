import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProcess } from '../db/processes';
import { DB_KINDS, postgresReachable } from '../../../test-support/databases';
import { eventually, startTestStack } from '../../../test-support/stack';
import type { TestClient } from '../../../test-support/test-server';
import { deviceFromFullResult, fullResultStream } from './full-result';

const zipOf = (files: Record<string, string | Uint8Array>) => {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content, { compression: 'DEFLATE' });
  return zip.generateAsync({ type: 'uint8array' });
};
const session = (deviceInfo: unknown) => JSON.stringify({ consolidatedIdentityData: {}, deviceInfo });

describe('the device of a ReadID full result', () => {
  it("reads session.json's deviceInfo as a short description", async () => {
    const zip = await zipOf({
      'session.json': session({
        brand: 'Nordlys',
        manufacturer: 'Nordlys Mobile',
        model: 'NL-5 Pro',
        OSVersion: '14',
        platform: 'android',
        maxTransceiveLength: 65279,
      }),
      'portrait.jpg': new Uint8Array([0xff, 0xd8, 0xff]),
    });
    expect(await deviceFromFullResult(zip)).toBe('Nordlys NL-5 Pro, Android 14');
  });

  it.each([
    ['not a zip', async () => new TextEncoder().encode('<html>Bad gateway</html>')],
    ['a truncated zip', async () => (await zipOf({ 'session.json': session({ model: 'X' }) })).slice(0, 40)],
    ['no session.json', async () => zipOf({ 'onfido.json': session({ model: 'X' }) })],
    ['session.json in a folder only', async () => zipOf({ 'x/session.json': session({ model: 'X' }) })],
    ['session.json that is not JSON', async () => zipOf({ 'session.json': '{"deviceInfo": {' })],
    ['deviceInfo of the wrong type', async () => zipOf({ 'session.json': session(['Apple', 'iPhone']) })],
    [
      'session.json inflating past 16 MB',
      async () =>
        zipOf({ 'session.json': `{"deviceInfo":{"model":"X"},"pad":"${' '.repeat(17 * 1024 * 1024)}"}` }),
    ],
  ])('%s: no device, no error', async (_name, make) => {
    await expect(deviceFromFullResult(await make())).resolves.toBeUndefined();
  });

  it('passes the bytes through unchanged and stores the device before the stream ends; a failing store does not break it', async () => {
    const zip = await zipOf({
      'session.json': session({ brand: 'Apple', model: 'iPhone', platform: 'ios', OSVersion: '17.4' }),
    });
    const stored: string[] = [];
    const errors: unknown[] = [];
    const pass = (onDevice: (d: string) => Promise<void>) =>
      new Response(
        new Blob([zip.slice()])
          .stream()
          .pipeThrough(fullResultStream(zip.byteLength, { onDevice, onError: (e) => errors.push(e) })),
      ).bytes();
    expect(await pass(async (d) => void stored.push(d))).toEqual(zip);
    expect(stored).toEqual(['Apple iPhone, iOS 17.4']);
    expect(await pass(() => Promise.reject(new Error('database gone')))).toEqual(zip);
    expect(errors).toHaveLength(1);
  });

  it('errors the stream past the size limit', async () => {
    const zip = await zipOf({ 'session.json': session({ model: 'X' }) });
    const cut = new Response(
      new Blob([zip.slice()]).stream().pipeThrough(fullResultStream(zip.byteLength - 1)),
    ).bytes();
    await expect(cut).rejects.toThrow();
  });
});

// Over real HTTP against the sandbox: opening ReadID full results stores each attempt's device, and the dossier's
// attempt diff then says when the device changed.
describe.each(DB_KINDS)('ReadID devices in the attempt diff on %s', (kind) => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  let reviewer: TestClient;
  let skip = false;
  const REASON = encodeURIComponent('Comparing the attempts of a returning customer');

  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresReachable())) return void (skip = true);
    stack = await startTestStack({ db: kind, sandbox: { dossiers: 2 } });
    reviewer = await stack.server.login('reviewer');
  });
  afterAll(async () => stack?.close());

  interface Diff {
    processId: string;
    previousProcessId: string;
    changed: Array<{ field: string; from: string; to: string }>;
    deviceUnknown?: boolean;
  }
  const attemptDiff = async (dossierId: string) =>
    (await reviewer.json<{ attemptDiff: Diff[] }>('GET', `/api/dossiers/${dossierId}`)).body.attemptDiff;

  /** A final ReadID attempt in `dossierId` (a new dossier when absent), indexed by the server. */
  async function attempt(dossierId?: string) {
    stack.sandbox.control.advanceClock(60); // attempts a minute apart, so that their order is their creation time
    const created = stack.sandbox.control.createProcess({
      provider: 'readid',
      scenario: 'readid.accepted',
      ...(dossierId ? { dossierId } : {}),
    });
    stack.sandbox.control.advance(created.processId, 'final');
    await stack.server.deps.sync.discover();
    return created;
  }

  /** Opens the full result as the browser does; the zip's bytes. */
  async function open(processId: string) {
    const res = await reviewer.request('GET', `/api/processes/${processId}/full-result?reason=${REASON}`);
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  }

  /** What the zip itself says of the device (read here with JSZip, not by the server's code). */
  async function deviceInZip(bytes: Uint8Array) {
    const json = JSON.parse(await (await JSZip.loadAsync(bytes)).file('session.json')!.async('string')) as {
      deviceInfo: Record<string, string>;
    };
    return json.deviceInfo;
  }

  it('two attempts on different devices: the device change shows once both full results were opened', async (ctx) => {
    if (skip) return ctx.skip();
    const first = await attempt();
    const firstDevice = await deviceInZip(await open(first.processId));
    // The sandbox picks each session's device at random: attempts until one runs on another phone.
    let previous = first.processId;
    for (let i = 0; i < 12; i++) {
      const next = await attempt(first.dossierId);
      const diff = (await attemptDiff(first.dossierId)).find((d) => d.processId === next.processId)!;
      // Not opened yet: its device is not known, so it cannot be a change.
      expect(diff).toMatchObject({ previousProcessId: previous, deviceUnknown: true });
      expect(diff.changed.map((c) => c.field)).not.toContain('device');
      const nextDevice = await deviceInZip(await open(next.processId));
      // The device is stored as the zip's stream closes on the server; the client may have had every byte just before.
      const after = await eventually(async () =>
        (await attemptDiff(first.dossierId)).find((d) => d.processId === next.processId && !d.deviceUnknown),
      );
      const change = after.changed.find((c) => c.field === 'device');
      if (nextDevice.model === firstDevice.model) {
        expect(change).toBeUndefined();
        previous = next.processId;
        continue;
      }
      expect(change!.from).toContain(firstDevice.model);
      expect(change!.from).toContain(firstDevice.OSVersion);
      expect(change!.to).toContain(nextDevice.model);
      expect(change!.to).toContain(nextDevice.OSVersion);
      return;
    }
    throw new Error('the sandbox never picked another device');
  });

  it('a corrupt zip still downloads as it came; no device is stored', async (ctx) => {
    if (skip) return ctx.skip();
    const first = await attempt();
    const second = await attempt(first.dossierId);
    await open(first.processId);
    stack.sandbox.control.setFaults({ truncateZip: true });
    try {
      const bytes = await open(second.processId);
      expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // "PK": the first half of the zip, passed on as it came
      await expect(JSZip.loadAsync(bytes)).rejects.toThrow();
    } finally {
      stack.sandbox.control.resetFaults();
    }
    // A full result opened after it has its device stored (awaited): by then the corrupt one's was long settled.
    const third = await attempt(first.dossierId);
    await open(third.processId);
    await eventually(async () => (await findProcess(stack.server.deps.database.db, third.processId))?.device);
    expect((await findProcess(stack.server.deps.database.db, second.processId))?.device).toBeNull();
    const [diff] = await attemptDiff(first.dossierId);
    expect(diff).toMatchObject({ processId: second.processId, deviceUnknown: true });
    expect(diff!.changed.map((c) => c.field)).not.toContain('device');
  });
});
