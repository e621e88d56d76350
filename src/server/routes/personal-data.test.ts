import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processSchema } from '@domain/process';
import { SCENARIOS } from '../../../test-support/sandbox';
import { upsertProcess } from '../db/processes';
import { startTestStack } from '../../../test-support/stack';
import type { TestClient } from '../../../test-support/test-server';

// Personal data on a need-to-know basis (issue 14): what a manager, a reviewer working a case and anyone else get
// of a process, over HTTP, against the sandbox's processes of every provider and hand-made hostile shapes.

type Stack = Awaited<ReturnType<typeof startTestStack>>;

const norm = (k: string) => k.toLowerCase().replace(/[_-]/g, '');
/** The test's own list of keys that hold personal data, independent of the code under test. */
const PERSONAL = new Set(
  [
    'firstName',
    'lastName',
    'name',
    'givenName',
    'familyName',
    'dateOfBirth',
    'birthdate',
    'documentNumber',
    'number',
    'personalNumber',
    'personalIdentificationNumber',
    'nin',
    'placeOfBirth',
    'MRZString',
    'mrzFirstName',
    'mrzLastName',
    'mrzPrimaryIdentifier',
    'mrzSecondaryIdentifier',
    'primaryIdentifier',
    'secondaryIdentifier',
    'nameOfHolder',
    'sub',
    'agent',
    'user',
    'address',
    'fullName',
    'dob',
  ].map(norm),
);
const VERDICTS = new Set(['VALID', 'INVALID', 'MATCH', 'MISMATCH']);

/** Every personal value in a raw process, whatever its shape, with at least 3 characters (so a match means something). */
function personalValues(raw: unknown): string[] {
  const out: string[] = [];
  const all = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(all);
    else if (v && typeof v === 'object') Object.values(v).forEach(all);
    // Country codes (a WebID user's nationality) are shown on purpose: the list shows every role the document's country.
    else if (
      (typeof v === 'string' || typeof v === 'number') &&
      String(v).length >= 3 &&
      !VERDICTS.has(String(v)) &&
      !/^[A-Z]{3}$/.test(String(v))
    )
      out.push(String(v));
  };
  const walk = (v: unknown, parent?: string, inList = false) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, parent, true));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const featureName = k === 'name' && inList && parent === 'features';
        if (
          PERSONAL.has(norm(k)) &&
          !featureName &&
          !['mrzChecksum', 'mrzFeatureMatching'].includes(parent ?? '')
        )
          all(x);
        else walk(x, k);
      }
    }
  };
  walk(raw);
  return out;
}

const hostile = (
  provider: string,
  providerSpecific: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) =>
  processSchema.parse({
    processId: randomUUID(),
    provider,
    status: 'inconclusive',
    createdAt: '2026-11-02T10:00:00Z',
    updatedAt: '2026-11-02T10:05:00Z',
    providerSpecific,
    ...extra,
  });

const HOSTILE = [
  hostile('readid', {
    session: {
      consolidatedIdentityData: {
        chipVerification: 'SUCCEEDED',
        chipCloneDetection: 'FAILED',
        firstName: ['OLA', 'JOHAN'],
        lastName: { primary: 'HANSEN', secondary: 'BERG' },
      },
      documentContent: {
        MRZString: 'P<NORHANSEN<<OLA<JOHAN<<<<<<<<<<<<<<<<<<<<<<',
        place_of_birth: 'TROMSOE',
        date_of_birth: '1970-01-31',
      },
    },
  }),
  hostile('connect', {
    userInfo: {
      name: { given: 'Kari', family: 'Nordmann' },
      nin: ['01017012345', '02027054321'],
      given_name: 'Kari',
      birthdate: 19700101,
    },
  }),
  hostile('webid', {
    identResponse: {
      result: 'mismatch',
      reason: 'Name Kristoffersen differs',
      user: { firstName: 'Kristoffer', lastName: 'Kristoffersen' },
      idDocument: { type: 'passport', number: 'NO1234567' },
    },
  }),
  hostile('signicatpaper', {
    features: {
      firstName: 'Ingrid',
      lastName: 'Solberg',
      personalNumber: '12345678901',
      issuingAuthority: 'Politiet Oslo',
    },
    mrz: {
      documentNumber: 'FH1234567',
      mrzLines: ['IDNORFH12345678<<<<<<<<<<<<<<<', 'SOLBERG<<INGRID<<<<<<<<<<<<<'],
    },
    mrzChecksum: { documentNumber: 'INVALID', firstName: 'Ingrid' },
  }),
  hostile('eid', {
    ocr: {
      similarityScore: 'low',
      features: [{ name: 'Hologram', found: false }],
      holderName: 'Per Pedersen',
    },
    manualApproval: { status: 'pending', agent: 'Agent Anne Andersen' },
  }),
  hostile('onfido', {
    documentVerification: {
      result: 'consider',
      subResult: 'caution',
      extractedData: { full_name: 'Liv Lie', dob: '1985-05-05' },
    },
  }),
];

describe('personal data on a need-to-know basis', () => {
  let stack: Stack;
  let manager: TestClient;
  let reviewer: TestClient;
  let admin: TestClient;
  const sandboxProcesses: Array<{ scenario: string; processId: string }> = [];

  beforeAll(async () => {
    stack = await startTestStack({ db: 'pglite', sandbox: { dossiers: 1 } });
    [manager, reviewer, admin] = await Promise.all([
      stack.server.login('manager'),
      stack.server.login('reviewer'),
      stack.server.login('admin'),
    ]);
    for (const s of SCENARIOS) {
      const created = stack.sandbox.control.createProcess({
        provider: s.provider === 'any' ? 'onfido' : s.provider,
        scenario: s.name,
        stayPending: true,
      });
      stack.sandbox.control.advance(created.processId, 'final');
      await stack.server.deps.sync.refresh(created.dossierId, created.processId);
      sandboxProcesses.push({ scenario: s.name, processId: created.processId });
    }
    for (const p of HOSTILE) await upsertProcess(stack.server.deps.database.db, `dossier-${p.processId}`, p);
  }, 120_000);
  afterAll(async () => stack?.close());

  it('gives a manager no personal value of any sandbox process, for every scenario of every provider', async () => {
    let checked = 0;
    for (const { scenario, processId } of sandboxProcesses) {
      const res = await manager.request('GET', `/api/processes/${processId}`);
      expect(res.status, scenario).toBe(200);
      const text = await res.text();
      const { findProcess } = await import('../db/processes');
      const row = await findProcess(stack.server.deps.database.db, processId);
      for (const secret of personalValues(row!.raw)) {
        expect(text, `${scenario}: "${secret}" reached the manager`).not.toContain(secret);
        checked++;
      }
      expect(JSON.parse(text).process.status, scenario).toBe(row!.status);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it.each(HOSTILE.map((p) => [p.provider, p] as const))(
    'gives a manager no personal value of a %s process with arrays, objects and odd key spellings',
    async (_, p) => {
      const res = await manager.request('GET', `/api/processes/${p.processId}`);
      expect(res.status).toBe(200);
      const text = await res.text();
      const secrets = personalValues(p);
      expect(secrets.length).toBeGreaterThan(0);
      for (const secret of secrets) expect(text, `"${secret}" reached the manager`).not.toContain(secret);
      for (const secret of [
        'TROMSOE',
        'Politiet Oslo',
        'IDNORFH',
        'Per Pedersen',
        'Liv Lie',
        '1985-05-05',
        'Kristoffersen',
      ])
        expect(text).not.toContain(secret);
      // The verdicts stay: the manager still sees why the case ended as it did.
      const body = JSON.parse(text) as {
        process: { status: string };
        explanation: { checks: Array<{ name: string }> };
      };
      expect(body.process.status).toBe('inconclusive');
      for (const check of body.explanation.checks) expect(check.name).not.toBe('•••');
    },
  );

  it('masks identifiers whatever their shape for a reviewer who is not working the case', async () => {
    const connect = HOSTILE[1]!;
    const text = await (await reviewer.request('GET', `/api/processes/${connect.processId}`)).text();
    for (const nin of ['01017012345', '02027054321', '19700101']) expect(text).not.toContain(nin);
    expect(text).toContain('Kari'); // names are for roles that work cases
  });

  it('shows the claimant the identifiers in full and records the case view once per claim', async () => {
    const c = stack.sandbox.control.createProcess({
      provider: 'readid',
      scenario: 'readid.cloneFailed',
      stayPending: true,
    });
    stack.sandbox.control.advance(c.processId, 'final');
    await stack.server.deps.sync.refresh(c.dossierId, c.processId);
    const before = await reviewer.json<{ masked: string[]; process: unknown }>(
      'GET',
      `/api/processes/${c.processId}`,
    );
    expect(before.body.masked).toContain('documentNumber');

    expect((await reviewer.request('POST', `/api/processes/${c.processId}/claim`, {})).status).toBe(200);
    const first = await reviewer.json<{ masked: string[]; process: unknown }>(
      'GET',
      `/api/processes/${c.processId}`,
    );
    expect(first.body.masked).toEqual([]);
    expect(JSON.stringify(first.body.process)).not.toContain('•••');
    await reviewer.request('GET', `/api/processes/${c.processId}`);
    const timeline = await reviewer.json<{ items: Array<{ action: string }> }>(
      'GET',
      `/api/processes/${c.processId}/timeline`,
    );
    expect(timeline.body.items.filter((i) => i.action === 'case.view')).toHaveLength(1);
  });

  it('treats the reviewer the case is assigned to like its claimant: identifiers in full, full result without a reason', async () => {
    const c = stack.sandbox.control.createProcess({
      provider: 'readid',
      scenario: 'readid.cloneFailed',
      stayPending: true,
    });
    stack.sandbox.control.advance(c.processId, 'final');
    await stack.server.deps.sync.refresh(c.dossierId, c.processId);
    const detailPath = `/api/processes/${c.processId}`;
    const fullResultPath = `${detailPath}/full-result`;
    expect((await reviewer.json<{ masked: string[] }>('GET', detailPath)).body.masked).toContain(
      'documentNumber',
    );
    expect((await reviewer.request('GET', fullResultPath)).status).toBe(403);

    expect(
      (await manager.request('POST', `/api/cases/${c.dossierId}/assignee`, { username: 'reviewer' })).status,
    ).toBe(200);
    const assigned = await reviewer.json<{ masked: string[]; worksCase: boolean; process: unknown }>(
      'GET',
      detailPath,
    );
    expect(assigned.body.worksCase).toBe(true);
    expect(assigned.body.masked).toEqual([]);
    expect(JSON.stringify(assigned.body.process)).not.toContain('•••');
    await reviewer.request('GET', detailPath);
    const zip = await reviewer.request('GET', fullResultPath);
    expect(zip.status).toBe(200);
    await zip.arrayBuffer();
    // Someone else with personal-data rights still gives a reason.
    expect((await admin.json<{ error: { code: string } }>('GET', fullResultPath)).body.error.code).toBe(
      'reason_required',
    );

    const timeline = await admin.json<{
      items: Array<{ action: string; actor: string; details: Record<string, unknown> }>;
    }>('GET', `${detailPath}/timeline`);
    expect(
      timeline.body.items.filter((i) => i.action === 'case.view' && i.actor === 'reviewer'),
    ).toHaveLength(1);
    expect(
      timeline.body.items
        .filter((i) => i.action === 'fullResult.download')
        .map((d) => [d.actor, d.details.reason ?? null]),
    ).toEqual([['reviewer', null]]);

    // Unassigned, the identifiers are masked again.
    expect(
      (await manager.request('POST', `/api/cases/${c.dossierId}/assignee`, { username: null })).status,
    ).toBe(200);
    expect((await reviewer.json<{ masked: string[] }>('GET', detailPath)).body.masked).toContain(
      'documentNumber',
    );
  });

  it('asks everyone but the claimant for a reason to open the full result, and never lets a manager in', async () => {
    const c = stack.sandbox.control.createProcess({
      provider: 'readid',
      scenario: 'readid.cloneFailed',
      stayPending: true,
    });
    stack.sandbox.control.advance(c.processId, 'final');
    await stack.server.deps.sync.refresh(c.dossierId, c.processId);
    const path = `/api/processes/${c.processId}/full-result`;

    const noReason = await reviewer.json<{ error: { code: string; message: string } }>('GET', path);
    expect(noReason.status).toBe(403);
    expect(noReason.body.error.code).toBe('reason_required');
    expect((await admin.json<{ error: { code: string } }>('GET', `${path}?reason=%20`)).body.error.code).toBe(
      'reason_required',
    );
    expect((await manager.request('GET', `${path}?reason=curious`)).status).toBe(403);

    const withReason = await admin.request(
      'GET',
      `${path}?reason=${encodeURIComponent('Complaint 4711 from the customer')}`,
    );
    expect(withReason.status).toBe(200);
    expect(withReason.headers.get('content-type')).toBe('application/zip');
    await withReason.arrayBuffer();

    expect((await reviewer.request('POST', `/api/processes/${c.processId}/claim`, {})).status).toBe(200);
    const claimant = await reviewer.request('GET', path);
    expect(claimant.status).toBe(200);
    await claimant.arrayBuffer();

    const timeline = await admin.json<{
      items: Array<{ action: string; actor: string; details: Record<string, unknown> }>;
    }>('GET', `/api/processes/${c.processId}/timeline`);
    const downloads = timeline.body.items.filter((i) => i.action === 'fullResult.download');
    expect(downloads.map((d) => [d.actor, d.details.reason ?? null])).toEqual([
      ['admin', 'Complaint 4711 from the customer'],
      ['reviewer', null],
    ]);
  });
});
