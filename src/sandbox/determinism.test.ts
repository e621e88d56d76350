/** Contract §8 "Deterministic seeding": same seed (and clock) → the same world; another seed → another world. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from './index';
import { AssureClient, asRecord, startTestSandbox, type JsonRecord } from './test-helpers';

const NOW = Date.parse('2025-03-14T12:00:00Z');
const clock = (): number => NOW;
let a: RunningSandbox;
let b: RunningSandbox;
let c: RunningSandbox;

beforeAll(async () => {
  [a, b, c] = await Promise.all([
    startTestSandbox({ seed: 'same-seed', dossiers: 300, now: clock }),
    startTestSandbox({ seed: 'same-seed', dossiers: 300, now: clock }),
    startTestSandbox({ seed: 'other-seed', dossiers: 300, now: clock }),
  ]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close(), c.close()]);
});

async function world(s: RunningSandbox): Promise<JsonRecord[]> {
  const res = await new AssureClient(s.url).json('GET', '/dossiers');
  return res.body as JsonRecord[];
}

describe('seeding', () => {
  it('two sandboxes with the same seed list identical dossiers, process ids, statuses and timestamps', async () => {
    const [wa, wb] = await Promise.all([world(a), world(b)]);
    expect(wa).toHaveLength(300);
    expect(wb).toEqual(wa);
    // Process details (names, countries, providerSpecific) are identical too.
    const apiA = new AssureClient(a.url);
    const apiB = new AssureClient(b.url);
    let compared = 0;
    for (const d of wa.slice(0, 25)) {
      for (const p of d.processes as JsonRecord[]) {
        const [pa, pb] = await Promise.all([
          apiA.getProcess(d.dossierId as string, p.processId as string),
          apiB.getProcess(d.dossierId as string, p.processId as string),
        ]);
        expect(pb).toEqual(pa);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(25);
  });

  it('images of the same seeded process are identical', async () => {
    const d = (await world(a)).find((x) =>
      (x.processes as JsonRecord[]).some((p) => p.provider === 'readid' && p.status === 'accepted'),
    );
    const p = (d?.processes as JsonRecord[]).find((x) => x.provider === 'readid' && x.status === 'accepted');
    const path = `/dossiers/${d?.dossierId as string}/processes/${p?.processId as string}/images/portrait`;
    const [ia, ib] = await Promise.all([
      new AssureClient(a.url).raw('GET', path),
      new AssureClient(b.url).raw('GET', path),
    ]);
    expect(Buffer.from(await ia.arrayBuffer()).equals(Buffer.from(await ib.arrayBuffer()))).toBe(true);
  });

  it('another seed gives another world', async () => {
    const [wa, wc] = await Promise.all([world(a), world(c)]);
    expect(wc.map((d) => d.dossierId)).not.toEqual(wa.map((d) => d.dossierId));
  });

  it('keeps cases a team meets: inconclusive then accepted, then failed, and one retry still running', async () => {
    const all = await world(a);
    const statuses = (d: JsonRecord) =>
      (d.processes as JsonRecord[])
        .slice()
        .sort((x, y) => String(x.createdAt).localeCompare(String(y.createdAt)))
        .map((p) => p.status as string);
    const shapes = all.map(statuses);
    const after = (first: string, then: (s: string) => boolean) =>
      shapes.filter((s) => s[0] === first && s.length > 1 && then(s[s.length - 1]!)).length;
    expect(after('inconclusive', (s) => s === 'accepted')).toBeGreaterThan(3);
    expect(
      after('inconclusive', (s) => s === 'failed' || s === 'canceled' || s === 'rejected'),
    ).toBeGreaterThan(0);
    expect(after('inconclusive', (s) => s === 'pending' || s === 'processing')).toBeGreaterThan(0);
  });

  it('keeps the HTML-named person off the demo’s first screen (the 50 newest dossiers)', async () => {
    const newest = (await world(a))
      .sort((x, y) => String(y.createdAt).localeCompare(String(x.createdAt)))
      .slice(0, 50);
    const api = new AssureClient(a.url);
    let named = 0;
    for (const d of newest) {
      for (const p of d.processes as JsonRecord[]) {
        const fr = (await api.getProcess(d.dossierId as string, p.processId as string)).finalResult;
        if (!fr) continue;
        expect(`${String(asRecord(fr).firstName)} ${String(asRecord(fr).lastName)}`).not.toContain('<');
        named++;
      }
    }
    expect(named).toBeGreaterThan(0);
  });

  it('spreads 90 days with a realistic mix and exactly one HTML-named person', async () => {
    const all = await world(a);
    const times = all.map((d) => Date.parse(d.createdAt as string));
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW - 90 * 86_400_000);
    expect(Math.min(...times)).toBeLessThan(NOW - 60 * 86_400_000);

    const processes = all.flatMap((d) => d.processes as JsonRecord[]);
    const share = (pred: (p: JsonRecord) => boolean): number =>
      processes.filter(pred).length / processes.length;
    expect(share((p) => p.provider === 'readid')).toBeGreaterThan(0.3);
    expect(share((p) => p.status === 'accepted')).toBeGreaterThan(0.5);
    expect(share((p) => p.status === 'inconclusive')).toBeGreaterThan(0.07);
    expect(share((p) => p.status === 'inconclusive')).toBeLessThan(0.18);
    for (const status of ['rejected', 'failed', 'canceled', 'pending', 'processing'])
      expect(
        share((p) => p.status === status),
        status,
      ).toBeGreaterThan(0);
    expect(new Set(processes.map((p) => p.provider)).size).toBe(8); // the six of §5 and VideoID, PictureID (§5.7)
    expect(all.filter((d) => (d.processes as JsonRecord[]).length >= 2).length).toBeGreaterThan(5);

    // Names and countries come from Get process; count the HTML name and the diacritics.
    const api = new AssureClient(a.url);
    const names: string[] = [];
    const countries = new Set<string>();
    for (const d of all) {
      const p = (d.processes as JsonRecord[]).find((x) => x.status === 'accepted');
      if (!p) continue;
      const fr = asRecord((await api.getProcess(d.dossierId as string, p.processId as string)).finalResult);
      names.push(`${fr.firstName as string} ${fr.lastName as string}`);
      if (typeof fr.issuingCountry === 'string') countries.add(fr.issuingCountry);
    }
    expect(names.filter((n) => n.includes('<img src=x onerror=alert(1)>'))).toHaveLength(1);
    expect(names.some((n) => /[À-ž]/.test(n))).toBe(true);
    expect(countries.size).toBeGreaterThan(8);
    for (const country of countries) expect(country).toMatch(/^[A-Z]{3}$/);
  });
});
