/** Contract §2: client-credentials tokens, and 401 problem+json on the API without a valid bearer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from './index';
import { asRecord, basicAuth, requestToken, startTestSandbox } from './test-helpers';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ tokenTtlS: 600 });
});
afterAll(async () => {
  await sandbox.close();
});

async function token(): Promise<string> {
  const res = await requestToken(sandbox.url);
  return asRecord(await res.json()).access_token as string;
}

const listDossiers = (bearer?: string): Promise<Response> =>
  fetch(`${sandbox.url}/assure/dossiers`, { headers: bearer === undefined ? {} : { authorization: bearer } });

function expectProblem(body: unknown, status: number): void {
  const p = asRecord(body);
  expect(p).toMatchObject({
    type: status >= 500 ? 'base:server-problem' : 'base:client-problem',
    status,
    method: 'GET',
    instance: '/assure/dossiers',
  });
  expect(p.title).toEqual(expect.any(String));
  expect(p.detail).toEqual(expect.any(String));
  expect(p.traceId).toMatch(/^[0-9a-f]{32}$/);
}

describe('token endpoint', () => {
  it('issues an opaque bearer token for good client credentials', async () => {
    const res = await requestToken(sandbox.url);
    expect(res.status).toBe(200);
    const body = asRecord(await res.json());
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 600,
      scope: 'signicat-api',
    });
    expect((body.access_token as string).length).toBeGreaterThan(20);
    expect(await token()).not.toBe(body.access_token); // random per request
  });

  it('answers 401 invalid_client for a wrong secret or unknown client', async () => {
    for (const auth of [
      basicAuth('sandbox-client', 'wrong'),
      basicAuth('someone-else', 'sandbox-secret'),
      '',
    ]) {
      const res = await requestToken(sandbox.url, auth);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'invalid_client' });
    }
  });

  it('answers 400 for a wrong grant type or scope', async () => {
    const grant = await requestToken(sandbox.url, basicAuth(), 'grant_type=password&scope=signicat-api');
    expect(grant.status).toBe(400);
    expect(asRecord(await grant.json()).error).toBe('unsupported_grant_type');
    const scope = await requestToken(sandbox.url, basicAuth(), 'grant_type=client_credentials&scope=openid');
    expect(scope.status).toBe(400);
    expect(asRecord(await scope.json()).error).toBe('invalid_scope');
  });
});

describe('bearer authentication on /assure', () => {
  it('accepts a fresh token', async () => {
    const res = await listDossiers(`Bearer ${await token()}`);
    expect(res.status).toBe(200);
    expect(Array.isArray(await res.json())).toBe(true);
  });

  it('answers 401 problem+json without a token', async () => {
    const res = await listDossiers();
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expectProblem(await res.json(), 401);
  });

  it('answers 401 for an unknown token', async () => {
    const res = await listDossiers('Bearer not-a-token');
    expect(res.status).toBe(401);
    expectProblem(await res.json(), 401);
  });

  it('answers 400 for a malformed Authorization header', async () => {
    const res = await listDossiers(basicAuth());
    expect(res.status).toBe(400);
    expect(asRecord(await res.json()).invalidParams).toEqual([
      { name: 'Authorization', reason: expect.any(String) },
    ]);
  });

  it('answers 401 problem+json once the token has expired on the sandbox clock', async () => {
    const bearer = `Bearer ${await token()}`;
    sandbox.control.advanceClock(599);
    expect((await listDossiers(bearer)).status).toBe(200);
    sandbox.control.advanceClock(2);
    const res = await listDossiers(bearer);
    expect(res.status).toBe(401);
    const body = asRecord(await res.json());
    expectProblem(body, 401);
    expect(body.detail).toMatch(/expired/);
    expect((await listDossiers(`Bearer ${await token()}`)).status).toBe(200); // a new token works again
  });

  it('honours a shortened token lifetime and forced invalidation', async () => {
    sandbox.control.setFaults({ tokenTtlS: 5 });
    const res = await requestToken(sandbox.url);
    const body = asRecord(await res.json());
    expect(body.expires_in).toBe(5);
    sandbox.control.advanceClock(6);
    expect((await listDossiers(`Bearer ${body.access_token as string}`)).status).toBe(401);
    sandbox.control.resetFaults();

    const bearer = `Bearer ${await token()}`;
    sandbox.control.invalidateTokens();
    expect((await listDossiers(bearer)).status).toBe(401);
    expect((await listDossiers(`Bearer ${await token()}`)).status).toBe(200);
  });
});
