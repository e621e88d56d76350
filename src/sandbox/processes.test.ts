/**
 * Contract §3–§5 over real HTTP: dossiers, processes with forced outcomes per provider, capture flow, validation,
 * deletion, request counters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from './index';
import { AssureClient, asRecord, control, isJpeg, startTestSandbox, type JsonRecord } from './test-helpers';

let sandbox: RunningSandbox;
let api: AssureClient;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  api = new AssureClient(sandbox.url);
});
afterAll(async () => {
  await sandbox.close();
});

const rec = (v: unknown): JsonRecord => asRecord(v);

/**
 * Test oracle: the documented rules of contract §5, recomputed from providerSpecific alone (a third, independent
 * reading of the contract). Undefined when the rule cannot be recomputed (eID unattended verdict, no data).
 */
function ruleStatus(provider: string, ps: JsonRecord | undefined): string | undefined {
  if (!ps) return undefined;
  switch (provider) {
    case 'readid': {
      const el = ps.session ? rec(ps.session) : ps;
      const cid = rec(el.consolidatedIdentityData);
      const rawIproov = el.iproovSession ?? el.iProovSession; // both spellings (contract §5.1)
      const iproov = rawIproov ? rec(rawIproov) : undefined;
      if (cid.chipVerification === 'FAILED') return 'rejected';
      if (cid.chipVerification !== 'SUCCEEDED') return 'inconclusive';
      if (cid.chipCloneDetection === 'FAILED') return 'inconclusive';
      if (iproov && (iproov.passed !== true || iproov.hasError === true || iproov.finished !== true))
        return 'inconclusive';
      return 'accepted';
    }
    case 'onfido': {
      const dv = rec(ps.documentVerification);
      if (dv.subResult === 'rejected' || dv.subResult === 'suspected') return 'rejected';
      const values = [
        ...Object.values(dv),
        ...(ps.facialSimilarity
          ? Object.entries(rec(ps.facialSimilarity))
              .filter(([k]) => k !== 'similarityScore')
              .map(([, v]) => v)
          : []),
      ];
      return values.every((v) => v === 'clear') ? 'accepted' : 'inconclusive';
    }
    case 'eid': {
      if (!ps.manualApproval) return undefined;
      const status = rec(ps.manualApproval).status;
      return status === 'approved' ? 'accepted' : status === 'rejected' ? 'rejected' : 'processing';
    }
    case 'signicatpaper': {
      if (!ps.mrz) {
        const f = rec(ps.features);
        return ['firstName', 'lastName', 'dateOfBirth', 'documentNumber'].every(
          (k) => typeof f[k] === 'string' && f[k] !== '',
        )
          ? 'inconclusive'
          : 'rejected';
      }
      const bad =
        Object.values(rec(ps.mrzChecksum ?? {})).includes('INVALID') ||
        Object.values(rec(ps.mrzFeatureMatching ?? {})).includes('MISMATCH') ||
        rec(ps.mrzVerification ?? {}).status === 'false' ||
        rec(ps.verification).status === 'false';
      return bad ? 'rejected' : 'accepted';
    }
    case 'connect': {
      if (ps.error)
        return ['access_denied', 'cancel'].includes(rec(ps.error).code as string) ? 'canceled' : 'failed';
      return ps.userInfo ? 'accepted' : undefined;
    }
    case 'webid': {
      const result = rec(ps.identResponse).result;
      return (
        {
          successful: 'accepted',
          rejected: 'rejected',
          mismatch: 'inconclusive',
          canceled: 'canceled',
          expired: 'failed',
        } as Record<string, string>
      )[result as string];
    }
    default:
      return undefined;
  }
}

interface Case {
  scenario: string;
  provider?: string;
  processType?: string;
  status: string;
  failReason?: string;
  /** pending → final directly (the end-user never started). */
  direct?: boolean;
}

const CASES: Case[] = [
  { scenario: 'readid.accepted', status: 'accepted' },
  { scenario: 'readid.acceptedIproov', status: 'accepted' },
  { scenario: 'readid.cloneNotSupported', status: 'accepted' },
  { scenario: 'readid.cloneFailed', status: 'inconclusive' },
  { scenario: 'readid.iproovFailed', status: 'inconclusive' },
  { scenario: 'readid.iproovError', status: 'inconclusive' },
  { scenario: 'readid.chipFailed', status: 'rejected' },
  { scenario: 'readid.chipReadFailed', status: 'failed', failReason: 'chipReadFailed' },
  { scenario: 'onfido.clear', processType: 'documentSelfie', status: 'accepted' },
  { scenario: 'onfido.clear', processType: 'document', status: 'accepted' },
  { scenario: 'onfido.caution', processType: 'documentVideo', status: 'inconclusive' },
  { scenario: 'onfido.faceMismatch', processType: 'documentSelfie', status: 'inconclusive' },
  { scenario: 'onfido.rejected', status: 'rejected' },
  { scenario: 'onfido.suspected', status: 'rejected' },
  { scenario: 'eid.accepted', status: 'accepted' },
  { scenario: 'eid.inconclusive', status: 'inconclusive' },
  { scenario: 'eid.rejected', status: 'rejected' },
  { scenario: 'eid.attendedApproved', status: 'accepted' },
  { scenario: 'eid.attendedRejected', status: 'rejected' },
  { scenario: 'paper.accepted', status: 'accepted' },
  { scenario: 'paper.noMrz', status: 'inconclusive' },
  { scenario: 'paper.noMrzUnreadable', status: 'rejected' },
  { scenario: 'paper.mismatch', status: 'rejected' },
  { scenario: 'paper.checksum', status: 'rejected' },
  { scenario: 'connect.accepted', status: 'accepted' },
  { scenario: 'connect.canceled', status: 'canceled' },
  { scenario: 'connect.error', status: 'failed', failReason: 'server_error' },
  { scenario: 'webid.successful', processType: 'videoid', status: 'accepted' },
  { scenario: 'webid.mismatch', processType: 'accountid', status: 'inconclusive' },
  { scenario: 'webid.rejected', status: 'rejected' },
  { scenario: 'webid.canceled', status: 'canceled' },
  { scenario: 'webid.expired', status: 'failed', failReason: 'timeout' },
  { scenario: 'failed.timeout', provider: 'onfido', status: 'failed', failReason: 'timeout', direct: true },
  {
    scenario: 'failed.cameraAccessDenied',
    provider: 'eid',
    status: 'failed',
    failReason: 'cameraAccessDenied',
  },
  { scenario: 'failed.timeout', provider: 'readid', status: 'failed', failReason: 'timeout', direct: true },
  { scenario: 'canceled', provider: 'signicatpaper', status: 'canceled' },
  { scenario: 'canceled', provider: 'connect', status: 'canceled' },
];

describe('dossiers', () => {
  it('creates, reads, lists (plain array, newest first, query ignored) and deletes a dossier', async () => {
    const created = await api.json('POST', '/dossiers', {});
    expect(created.status).toBe(201);
    const dossier = rec(created.body);
    expect(dossier).toEqual({
      dossierId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      createdAt: expect.stringMatching(/Z$/),
      updatedAt: expect.any(String),
      processes: [],
    });
    const id = dossier.dossierId as string;

    expect((await api.json('GET', `/dossiers/${id}`)).body).toEqual(dossier);
    const list = await api.json('GET', '/dossiers');
    expect(Array.isArray(list.body)).toBe(true);
    const all = list.body as JsonRecord[];
    expect(all[0].dossierId).toBe(id);
    const created_ = all.map((d) => Date.parse(d.createdAt as string));
    expect([...created_].sort((a, b) => b - a)).toEqual(created_);
    expect((await api.json('GET', '/dossiers?limit=1&offset=5')).body).toEqual(all);

    expect((await api.raw('DELETE', `/dossiers/${id}`)).status).toBe(204);
    const gone = await api.json('GET', `/dossiers/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.res.headers.get('content-type')).toContain('application/problem+json');
    expect(rec(gone.body)).toMatchObject({
      type: 'base:client-problem',
      status: 404,
      title: 'Dossier not found.',
    });
    expect((await api.raw('DELETE', `/dossiers/${id}`)).status).toBe(404);
  });

  it('creates a dossier without a body', async () => {
    const res = await api.raw('POST', '/dossiers');
    expect(res.status).toBe(201);
  });
});

describe('processes with forced outcomes follow the documented rules', () => {
  it.each(CASES)('$scenario ($provider $processType) → $status', async (c) => {
    const created = await control(sandbox.url, 'POST', '/processes', {
      provider: c.provider,
      processType: c.processType,
      scenario: c.scenario,
      stayPending: true,
    });
    expect(created.status).toBe(201);
    const { dossierId, processId } = rec(created.body) as { dossierId: string; processId: string };

    const pending = await api.getProcess(dossierId, processId);
    expect(pending).toMatchObject({ processId, status: 'pending' });
    for (const key of ['providerSpecific', 'finalResult', 'failReason'])
      expect(pending).not.toHaveProperty(key);
    const createdAt = pending.createdAt as string;

    sandbox.control.advanceClock(5);
    let step = await control(sandbox.url, 'POST', `/processes/${processId}/advance`, {});
    expect(step.status).toBe(200);
    if (!c.direct) {
      const processing = await api.getProcess(dossierId, processId);
      expect(processing.status).toBe('processing');
      expect(processing).not.toHaveProperty('finalResult');
      expect(Date.parse(processing.updatedAt as string)).toBeGreaterThan(Date.parse(createdAt)); // updatedAt moves
      sandbox.control.advanceClock(30);
      step = await control(sandbox.url, 'POST', `/processes/${processId}/advance`, {});
      expect(step.status).toBe(200);
    }

    const done = await api.getProcess(dossierId, processId);
    expect(done.status).toBe(c.status);
    expect(done.createdAt).toBe(createdAt);
    expect(Date.parse(done.updatedAt as string)).toBeGreaterThan(Date.parse(createdAt));
    // finalResult only when accepted; failReason only when failed (contract §4).
    expect(done.finalResult !== undefined).toBe(c.status === 'accepted');
    expect(done.failReason).toBe(c.failReason);
    if (done.finalResult) {
      for (const v of Object.values(rec(done.finalResult))) expect(typeof v).toBe('string');
    }
    const ps = done.providerSpecific === undefined ? undefined : rec(done.providerSpecific);
    const recomputed = ruleStatus(done.provider as string, ps);
    if (recomputed !== undefined) expect(recomputed).toBe(c.status);
    if (['signicatpaper', 'connect'].includes(done.provider as string))
      expect(done).not.toHaveProperty('processType');

    // Final statuses never change.
    const again = await control(sandbox.url, 'POST', `/processes/${processId}/advance`, { to: 'final' });
    expect(again.status).toBe(409);
    expect((await api.getProcess(dossierId, processId)).status).toBe(c.status);
  });

  it('derives ReadID chip results from the NFC checks (clone detection not supported → accepted)', async () => {
    const { processId } = sandbox.control.createProcess({ scenario: 'readid.cloneNotSupported' });
    const view = sandbox.control.advance(processId, 'final');
    expect(rec(rec(view.providerSpecific).consolidatedIdentityData)).toMatchObject({
      chipVerification: 'SUCCEEDED',
      chipCloneDetection: 'NOT_SUPPORTED',
    });
    expect(view.status).toBe('accepted');
  });

  it('can produce an upstream status that disagrees with the documented rule (control API only)', async () => {
    const { dossierId, processId } = sandbox.control.createProcess({ scenario: 'readid.disagree' });
    sandbox.control.advance(processId, 'final');
    const view = await api.getProcess(dossierId, processId);
    expect(view.status).toBe('accepted');
    expect(rec(rec(view.providerSpecific).consolidatedIdentityData).chipCloneDetection).toBe('FAILED');
    expect(ruleStatus('readid', rec(view.providerSpecific))).toBe('inconclusive');
    expect(view.finalResult).toBeDefined();
  });

  it('offers the single `session` element layout for ReadID', async () => {
    const { dossierId, processId } = sandbox.control.createProcess({
      scenario: 'readid.acceptedIproov',
      layout: 'session',
    });
    sandbox.control.advance(processId, 'final');
    const ps = rec((await api.getProcess(dossierId, processId)).providerSpecific);
    expect(Object.keys(ps)).toEqual(['session']);
    expect(Object.keys(rec(ps.session)).sort()).toEqual([
      'consolidatedIdentityData',
      'documentContent',
      'iProovSession',
    ]);
  });

  it('fills providerSpecific gradually (attended eID: manual approval pending while processing)', async () => {
    const { dossierId, processId } = sandbox.control.createProcess({ scenario: 'eid.attendedApproved' });
    sandbox.control.advance(processId, 'processing');
    const processing = await api.getProcess(dossierId, processId);
    expect(rec(rec(processing.providerSpecific).manualApproval).status).toBe('pending');
    sandbox.control.advance(processId);
    const done = await api.getProcess(dossierId, processId);
    expect(rec(rec(done.providerSpecific).manualApproval)).toMatchObject({
      status: 'approved',
      agent: expect.any(String),
    });
  });

  it('keeps several attempts in one dossier (retry after inconclusive)', async () => {
    const first = sandbox.control.createProcess({
      scenario: 'readid.cloneFailed',
      firstName: 'Åsa',
      lastName: 'Nyström',
    });
    sandbox.control.advance(first.processId, 'final');
    const retry = sandbox.control.createProcess({ dossierId: first.dossierId, scenario: 'readid.accepted' });
    sandbox.control.advance(retry.processId, 'final');
    const list = await api.json('GET', `/dossiers/${first.dossierId}/processes`);
    expect((list.body as JsonRecord[]).map((p) => p.status)).toEqual(['inconclusive', 'accepted']);
    const dossier = rec((await api.json('GET', `/dossiers/${first.dossierId}`)).body);
    expect((dossier.processes as JsonRecord[]).map((p) => p.processId)).toEqual([
      first.processId,
      retry.processId,
    ]);
    const finalResult = rec((await api.getProcess(first.dossierId, retry.processId)).finalResult);
    expect(finalResult).toMatchObject({ firstName: 'ÅSA', lastName: 'NYSTRÖM' }); // ReadID: upper case
  });

  it('makes a new dossier for a person who comes back (personFrom): same name, date of birth and document', async () => {
    const first = sandbox.control.createProcess({ scenario: 'readid.accepted' });
    sandbox.control.advance(first.processId, 'final');
    const again = sandbox.control.createProcess({ personFrom: first.dossierId, scenario: 'readid.accepted' });
    sandbox.control.advance(again.processId, 'final');
    expect(again.dossierId).not.toBe(first.dossierId);
    const fields = ['firstName', 'lastName', 'dateOfBirth', 'documentNumber'];
    const before = rec((await api.getProcess(first.dossierId, first.processId)).finalResult);
    const after = rec((await api.getProcess(again.dossierId, again.processId)).finalResult);
    for (const f of fields) expect(after[f], f).toBe(before[f]);
    expect(before.documentNumber).toEqual(expect.any(String));
    expect(() =>
      sandbox.control.createProcess({
        personFrom: first.dossierId,
        dossierId: first.dossierId,
        scenario: 'readid.accepted',
      }),
    ).toThrow(/personFrom/);
  });
});

describe('create process and capture over the vendor API', () => {
  it('creates a pending process with a default processType; 400 with invalidParams for bad input; 404 for unknown dossier', async () => {
    const dossierId = rec((await api.json('POST', '/dossiers', {})).body).dossierId as string;
    const ok = await api.json('POST', `/dossiers/${dossierId}/processes`, {
      provider: 'readid',
      processType: 'ready',
    });
    expect(ok.status).toBe(201);
    expect(rec(ok.body)).toMatchObject({ provider: 'readid', processType: 'ready', status: 'pending' });
    expect(rec(ok.body)).not.toHaveProperty('redirectUrl');

    const cases: [unknown, string][] = [
      [{ provider: 'acme' }, 'provider'],
      [{ provider: 'onfido', processType: 'selfieOnly' }, 'processType'],
      [{ provider: 'signicatpaper', processType: 'document' }, 'processType'],
      [{}, 'provider'],
      ['{"provider": "readid",', 'body'],
    ];
    for (const [body, name] of cases) {
      const res = await api.json('POST', `/dossiers/${dossierId}/processes`, body);
      expect(res.status).toBe(400);
      const problem = rec(res.body);
      expect(problem).toMatchObject({
        type: 'base:client-problem',
        status: 400,
        traceId: expect.any(String),
      });
      expect(problem.detail).toEqual(expect.any(String));
      expect((problem.invalidParams as JsonRecord[]).map((p) => p.name)).toContain(name);
    }
    const unknown = await api.json('POST', '/dossiers/00000000-0000-4000-8000-000000000000/processes', {
      provider: 'readid',
    });
    expect(unknown.status).toBe(404);
  });

  it('returns a redirectUrl for Connect and WebID that opens the stub page; the choice redirects back', async () => {
    const dossierId = rec((await api.json('POST', '/dossiers', {})).body).dossierId as string;
    const webid = await api.json('POST', `/dossiers/${dossierId}/processes`, {
      provider: 'webid',
      processType: 'videoid',
    });
    expect(rec(webid.body).redirectUrl).toBe(
      `${sandbox.url}/sandbox/capture/${rec(webid.body).processId as string}`,
    );

    const created = await api.json('POST', `/dossiers/${dossierId}/processes`, {
      provider: 'connect',
      processParameters: { connect: { redirectUrl: 'https://desk.example/return?x=1' } },
    });
    const processId = rec(created.body).processId as string;
    const page = await fetch(rec(created.body).redirectUrl as string);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('connect.accepted');
    expect(html).not.toContain('readid.');

    const chosen = await fetch(`${sandbox.url}/sandbox/capture/${processId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'scenario=connect.accepted',
      redirect: 'manual',
    });
    expect(chosen.status).toBe(303);
    const location = new URL(chosen.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('https://desk.example/return');
    expect(Object.fromEntries(location.searchParams)).toEqual({
      x: '1',
      dossierId,
      processId,
      status: 'processing',
    });
    sandbox.control.advance(processId);
    expect((await api.getProcess(dossierId, processId)).status).toBe('accepted');
  });

  it('starts a capture flow for capture providers and refuses readid, webid and connect', async () => {
    const dossierId = rec((await api.json('POST', '/dossiers', {})).body).dossierId as string;
    const res = await api.json('POST', `/dossiers/${dossierId}/capture`, {
      providers: [{ provider: 'onfido', processType: 'documentSelfie' }],
      redirectUrl: 'https://desk.example/done',
      sdk: 'capture',
    });
    expect(res.status).toBe(201);
    const { processId, url } = rec(res.body) as { processId: string; url: string };
    expect(url).toBe(`${sandbox.url}/sandbox/capture/${processId}`);
    expect((await api.getProcess(dossierId, processId)).status).toBe('pending');
    const chosen = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'scenario=onfido.caution',
      redirect: 'manual',
    });
    expect(chosen.headers.get('location')).toBe(
      `https://desk.example/done?dossierId=${dossierId}&processId=${processId}&status=processing`,
    );
    sandbox.control.advance(processId);
    expect((await api.getProcess(dossierId, processId)).status).toBe('inconclusive');

    for (const provider of ['readid', 'webid', 'connect']) {
      const refused = await api.json('POST', `/dossiers/${dossierId}/capture`, {
        providers: [{ provider, processType: provider === 'readid' ? 'ready' : undefined }],
        redirectUrl: 'https://desk.example/done',
      });
      expect(refused.status).toBe(400);
      expect(rec(refused.body).invalidParams).toEqual([
        { name: 'providers.0.provider', reason: expect.any(String) },
      ]);
    }
    const noRedirect = await api.json('POST', `/dossiers/${dossierId}/capture`, {
      providers: [{ provider: 'eid', processType: 'unattended' }],
    });
    expect(noRedirect.status).toBe(400);
  });
});

describe('deletion, retention and images', () => {
  it('deletes a process (204, then 404) and simulates retention deletion', async () => {
    const a = sandbox.control.createProcess({ scenario: 'paper.accepted' });
    const b = sandbox.control.createProcess({ dossierId: a.dossierId, scenario: 'paper.noMrz' });
    expect((await api.raw('DELETE', `/dossiers/${a.dossierId}/processes/${a.processId}`)).status).toBe(204);
    expect((await api.json('GET', `/dossiers/${a.dossierId}/processes/${a.processId}`)).status).toBe(404);
    expect((await api.json('GET', `/dossiers/${a.dossierId}/processes`)).body).toHaveLength(1);
    expect((await control(sandbox.url, 'POST', `/processes/${b.processId}/expire`)).status).toBe(204);
    expect((await api.json('GET', `/dossiers/${a.dossierId}/processes/${b.processId}`)).status).toBe(404);
    expect((await control(sandbox.url, 'POST', `/dossiers/${a.dossierId}/expire`)).status).toBe(204);
    expect((await api.json('GET', `/dossiers/${a.dossierId}`)).status).toBe(404);
  });

  it('serves captured images as JPEG and 404 for absent ones', async () => {
    const { dossierId, processId } = sandbox.control.createProcess({ scenario: 'readid.accepted' });
    const base = `/dossiers/${dossierId}/processes/${processId}/images`;
    expect((await api.raw('GET', `${base}/portrait`)).status).toBe(404); // pending: nothing captured yet
    sandbox.control.advance(processId, 'final');
    const portrait = await api.raw('GET', `${base}/portrait`);
    expect(portrait.status).toBe(200);
    expect(portrait.headers.get('content-type')).toBe('image/jpeg');
    expect(isJpeg(new Uint8Array(await portrait.arrayBuffer()))).toBe(true);
    expect((await api.raw('GET', `${base}/selfie`)).status).toBe(404); // no iProov
    expect((await api.raw('GET', `${base}/front`)).status).toBe(404); // ReadID has no VIZ images
    expect((await api.raw('GET', `${base}/video`)).status).toBe(400);
  });
});

describe('request counters', () => {
  it('counts each upstream request per route and resets', async () => {
    const { dossierId, processId } = sandbox.control.createProcess({ scenario: 'onfido.clear' });
    await api.getProcess(dossierId, processId); // makes sure the client holds a valid token before counting
    expect((await control(sandbox.url, 'POST', '/stats/reset')).status).toBe(204);
    for (let i = 0; i < 3; i++) await api.getProcess(dossierId, processId);
    await api.json('GET', '/dossiers');
    await api.json('GET', `/dossiers/${dossierId}/processes`);
    await api.json('GET', `/dossiers/${dossierId}`);
    await fetch(`${sandbox.url}/assure/dossiers`); // unauthenticated requests count too
    const stats = rec((await control(sandbox.url, 'GET', '/stats')).body);
    expect(rec(stats.requests)).toMatchObject({
      getProcess: 3,
      listDossiers: 2,
      listProcesses: 1,
      getDossier: 1,
      token: 0,
      fullresult: 0,
    });
    expect(stats.total).toBe(7);
    expect(rec(stats.responses)).toEqual({ 200: 6, 401: 1 });
    sandbox.control.resetStats();
    expect(sandbox.control.stats().total).toBe(0);
  });
});
