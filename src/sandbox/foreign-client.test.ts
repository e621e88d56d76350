/**
 * The request sequence of the current public Node client of the Assure API (contract §9), written as our own test
 * against the standalone sandbox: a token with client_secret_basic, `POST /assure/dossiers` with `{}`, the dossier list
 * read as an array, a capture flow started with `providers: [{provider, processType}]` and `redirectUrl`, Get process
 * polled every few seconds until final, and the dossier deleted. Its default provider comes first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index';
import { asRecord, basicAuth } from './test-helpers';

const FINAL = ['accepted', 'rejected', 'inconclusive', 'canceled', 'failed'];
const POLL_EVERY_MS = 3000;

let sandbox: RunningSandbox;
/** The sandbox's clock: the client's polling moves it on by its polling interval, as waiting would. */
let clock = Date.parse('2026-12-01T09:00:00Z');

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, dossiers: 3, live: true, arrivalEveryS: 86_400, now: () => clock });
});
afterAll(async () => {
  await sandbox.close();
});

/** What the foreign client does, step by step; every call is plain fetch as that client makes it. */
async function foreignClientJourney(provider: string, processType: string, scenario: string) {
  const tokenRes = await fetch(`${sandbox.url}/auth/open/connect/token`, {
    method: 'POST',
    headers: { authorization: basicAuth(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'signicat-api' }).toString(),
  });
  expect(tokenRes.status).toBe(200);
  const token = asRecord(await tokenRes.json());
  expect(token.token_type).toMatch(/^bearer$/i);
  const headers = {
    authorization: `Bearer ${token.access_token as string}`,
    'content-type': 'application/json',
  };
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.url}/assure${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const created = await api('POST', '/dossiers', {});
  expect(created.status).toBe(201);
  const dossierId = asRecord(await created.json()).dossierId as string;

  const list = (await (await api('GET', '/dossiers')).json()) as unknown;
  expect(Array.isArray(list)).toBe(true);
  expect((list as Array<Record<string, unknown>>).map((d) => d.dossierId)).toContain(dossierId);

  const capture = await api('POST', `/dossiers/${dossierId}/capture`, {
    providers: [{ provider, processType }],
    redirectUrl: 'https://integrator.example/done',
  });
  expect(capture.status).toBe(201);
  const { processId, url } = asRecord(await capture.json()) as { processId: string; url: string };
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);

  // The end-user goes through capture and is sent back to the integrator.
  const endUser = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `scenario=${scenario}`,
    redirect: 'manual',
  });
  expect(endUser.headers.get('location')).toMatch(/^https:\/\/integrator\.example\/done\?/);

  // Poll Get process every few seconds until it is final.
  const seen: string[] = [];
  let process: Record<string, unknown> = {};
  for (let poll = 0; poll < 60; poll++) {
    const res = await api('GET', `/dossiers/${dossierId}/processes/${processId}`);
    expect(res.status).toBe(200);
    process = asRecord(await res.json());
    if (seen.at(-1) !== process.status) seen.push(process.status as string);
    if (FINAL.includes(process.status as string)) break;
    clock += POLL_EVERY_MS;
  }

  const deleted = await api('DELETE', `/dossiers/${dossierId}`);
  expect(deleted.status).toBe(204);
  expect((await api('GET', `/dossiers/${dossierId}`)).status).toBe(404);
  return { process, seen };
}

describe('the public Node client’s sequence', () => {
  it('runs with its default provider: signicatvideoid, substantialFullyAuto', async () => {
    const { process, seen } = await foreignClientJourney(
      'signicatvideoid',
      'substantialFullyAuto',
      'videoid.accepted',
    );
    expect(seen).toEqual(['processing', 'accepted']);
    expect(process).toMatchObject({ provider: 'signicatvideoid', processType: 'substantialFullyAuto' });
    expect(asRecord(asRecord(process.providerSpecific).ocr)).toMatchObject({
      similarityScore: 'high',
      livenessDetected: 'true',
    });
  });

  it('runs with another capture provider (onfido, documentSelfie)', async () => {
    const { process, seen } = await foreignClientJourney('onfido', 'documentSelfie', 'onfido.caution');
    expect(seen).toEqual(['processing', 'inconclusive']);
    expect(process.provider).toBe('onfido');
  });
});
