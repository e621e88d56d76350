/** Contract §3 "Full result" and §5 zip layouts, fetched over HTTP and unzipped. */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from './index';
import { AssureClient, asRecord, isJpeg, startTestSandbox, type JsonRecord } from './test-helpers';

let sandbox: RunningSandbox;
let api: AssureClient;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  api = new AssureClient(sandbox.url);
});
afterAll(async () => {
  await sandbox.close();
});

async function finished(
  scenario: string,
  extra: Record<string, unknown> = {},
): Promise<{ dossierId: string; processId: string; view: JsonRecord }> {
  const { dossierId, processId } = sandbox.control.createProcess({ scenario, ...extra });
  sandbox.control.advance(processId, 'final');
  return { dossierId, processId, view: await api.getProcess(dossierId, processId) };
}

async function fullResult(dossierId: string, processId: string): Promise<Response> {
  return api.raw('GET', `/dossiers/${dossierId}/processes/${processId}/fullresult`);
}

async function unzip(dossierId: string, processId: string): Promise<{ zip: JSZip; bytes: Uint8Array }> {
  const res = await fullResult(dossierId, processId);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(bytes.length).toBeLessThan(300 * 1024);
  return { zip: await JSZip.loadAsync(bytes), bytes };
}

async function expectJpegs(zip: JSZip): Promise<void> {
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.jpg'))) {
    const file = zip.file(name);
    expect(file, name).not.toBeNull();
    expect(isJpeg(await file!.async('uint8array')), name).toBe(true);
  }
}

async function jsonFile(zip: JSZip, name: string): Promise<JsonRecord> {
  const file = zip.file(name);
  expect(file, name).not.toBeNull();
  return asRecord(JSON.parse(await file!.async('string')));
}

/** Contract §5.1 "Relationship", recomputed by the test from the raw nfcSession. */
function relationship(vs: JsonRecord): { chipVerification: string; chipCloneDetection: string } {
  const ok = (k: string): boolean => vs[k] === 'PRESENT_SUCCEEDED';
  const chipVerification = ok('DS') && ok('CS') && ok('HT') ? 'SUCCEEDED' : 'FAILED';
  let chipCloneDetection = 'NOT_CHECKED';
  if (ok('AA') || ok('EACCA')) chipCloneDetection = 'SUCCEEDED';
  else if (vs.AA === 'PRESENT_FAILED' || vs.EACCA === 'PRESENT_FAILED') chipCloneDetection = 'FAILED';
  else if (vs.AA === 'NOT_PRESENT' && vs.EACCA === 'NOT_PRESENT') chipCloneDetection = 'NOT_SUPPORTED';
  return { chipVerification, chipCloneDetection };
}

describe('ReadID zip', () => {
  it.each([
    ['readid.acceptedIproov', true],
    ['readid.accepted', false],
    ['readid.cloneFailed', false],
    ['readid.cloneNotSupported', false],
    ['readid.chipFailed', false],
    ['readid.iproovFailed', true],
  ])('%s: session.json agrees with Get process; media as captured', async (scenario, iproov) => {
    const { dossierId, processId, view } = await finished(scenario);
    const { zip } = await unzip(dossierId, processId);
    expect(Object.keys(zip.files).sort()).toEqual(
      iproov ? ['portrait.jpg', 'selfie.jpg', 'session.json'] : ['portrait.jpg', 'session.json'],
    );
    await expectJpegs(zip);

    const session = await jsonFile(zip, 'session.json');
    const nfc = asRecord(session.nfcSession);
    const vs = asRecord(nfc.verificationStatus);
    for (const key of ['DS', 'CS', 'HT', 'AA', 'EACCA']) {
      expect([
        'PRESENT_SUCCEEDED',
        'PRESENT_FAILED',
        'PRESENT_NOT_PERFORMED',
        'NOT_PRESENT',
        'UNKNOWN',
      ]).toContain(vs[key]);
      expect(vs[`${key}Reason`]).toEqual(expect.any(String));
    }
    expect(Object.keys(asRecord(nfc.accessControlStatus)).sort()).toEqual([
      'BAC',
      'BACReason',
      'EACTA',
      'EACTAReason',
      'PACE',
      'PACEReason',
    ]);

    const derived = relationship(vs);
    const cid = asRecord(asRecord(view.providerSpecific).consolidatedIdentityData);
    const raw = asRecord(session.consolidatedIdentityData);
    expect({ chipVerification: cid.chipVerification, chipCloneDetection: cid.chipCloneDetection }).toEqual(
      derived,
    );
    expect({ chipVerification: raw.chipVerification, chipCloneDetection: raw.chipCloneDetection }).toEqual(
      derived,
    );

    // Raw ReadID values, not normalised (contract §5.1): YYMMDD dates, gender spelled out, sources named.
    expect(raw.dateOfBirth).toBe((cid.dateOfBirth as string).replaceAll('-', '').slice(2));
    expect(['FEMALE', 'MALE', 'UNSPECIFIED']).toContain(raw.gender);
    expect(raw.dateOfBirthSource).toBe('CHIP');
    expect(raw.dateOfBirthSourceName).toBe('ReadID NFC');
    expect(raw.primaryIdentifier).toBe(cid.lastName);
    const doc = asRecord(session.documentContent);
    // One string without line breaks (contract §9): two lines of 44 (passport, TD3) or three of 30 (card, TD1).
    expect(doc.MRZString).toEqual(expect.stringMatching(/^[A-Z0-9<]+$/));
    expect(doc.mrzPrimaryIdentifier).toEqual(expect.any(String));
    expect(Object.keys(asRecord(session.deviceInfo))).toEqual(
      expect.arrayContaining(['brand', 'manufacturer', 'model', 'platform', 'OSVersion']),
    );
    expect(asRecord(session.chip).chipRead).toBe(true);
    // OCR under vizImages as newer sessions have it; no top-level ocrSession (contract §9).
    expect(session).not.toHaveProperty('ocrSession');
    const ocr = asRecord(asRecord(asRecord(session.vizImages).vizFront).ocrSession);
    const mrzLength = { TD1: 90, TD3: 88 }[ocr.mrzType as string];
    expect(mrzLength, String(ocr.mrzType)).toBeDefined();
    expect((doc.MRZString as string).length).toBe(mrzLength);
    expect(ocr.mrz).toBe(doc.MRZString);
    expect(session.sessionType).toEqual(expect.any(String));
    expect(asRecord(session.documentMetadata).issuingCountry).toBe(raw.issuingCountry);

    if (iproov) {
      const ip = asRecord(session.iProovSession);
      const psIproov = asRecord(asRecord(view.providerSpecific).iproovSession);
      expect(ip).toMatchObject({
        attempts: psIproov.attempts,
        passed: psIproov.passed,
        assuranceType: 'GENUINE_PRESENCE',
        enrolmentImageSource: 'Chip',
      });
      // One verifyToken object per attempt; only the last can have passed, and it did iff iProov passed.
      const tokens = ip.verifyToken as JsonRecord[];
      expect(tokens).toHaveLength(psIproov.attempts as number);
      for (const token of tokens) {
        expect(Object.keys(token)).toEqual(
          expect.arrayContaining(['frameImage', 'verifyToken', 'verifyTokenPassed']),
        );
        expect(token.verifyToken).toEqual(expect.any(String));
      }
      expect(tokens.map((t) => t.verifyTokenPassed)).toEqual(
        tokens.map((_, k) => k === tokens.length - 1 && psIproov.passed === true),
      );
      // selfieVerificationStatus is filled from iProov's verdict.
      expect({
        status: raw.selfieVerificationStatus,
        source: raw.selfieVerificationStatusSource,
        sourceName: raw.selfieVerificationStatusSourceName,
      }).toEqual({
        status: psIproov.passed === true ? 'SUCCEEDED' : 'FAILED',
        source: 'VISUAL_AUTOMATIC',
        sourceName: 'iProov',
      });
    } else {
      expect(session).not.toHaveProperty('iProovSession');
      expect(raw.selfieVerificationStatus).toBeNull();
    }
  });

  it('zip images are the ones served by the images endpoint; selfie and portrait differ, as do two people', async () => {
    const a = await finished('readid.acceptedIproov');
    const b = await finished('readid.acceptedIproov');
    const { zip } = await unzip(a.dossierId, a.processId);
    const image = async (p: { dossierId: string; processId: string }, d: string): Promise<Uint8Array> =>
      new Uint8Array(
        await (
          await api.raw('GET', `/dossiers/${p.dossierId}/processes/${p.processId}/images/${d}`)
        ).arrayBuffer(),
      );
    const portrait = await image(a, 'portrait');
    const selfie = await image(a, 'selfie');
    expect(
      Buffer.from(portrait).equals(Buffer.from(await zip.file('portrait.jpg')!.async('uint8array'))),
    ).toBe(true);
    expect(Buffer.from(selfie).equals(Buffer.from(await zip.file('selfie.jpg')!.async('uint8array')))).toBe(
      true,
    );
    expect(Buffer.from(portrait).equals(Buffer.from(selfie))).toBe(false);
    expect(Buffer.from(portrait).equals(Buffer.from(await image(b, 'portrait')))).toBe(false);
  });
});

describe('other providers', () => {
  it('Onfido documentSelfie: onfido.json, front (+back for cards) and selfie', async () => {
    const { dossierId, processId } = await finished('onfido.clear', { processType: 'documentSelfie' });
    const { zip } = await unzip(dossierId, processId);
    const names = Object.keys(zip.files);
    expect(names).toEqual(expect.arrayContaining(['onfido.json', 'front.jpg', 'selfie.jpg']));
    expect(names.every((n) => ['onfido.json', 'front.jpg', 'back.jpg', 'selfie.jpg'].includes(n))).toBe(true);
    await expectJpegs(zip);
    const raw = await jsonFile(zip, 'onfido.json');
    expect((raw.reports as JsonRecord[]).map((r) => r.name)).toEqual(['document', 'facial_similarity_photo']);
  });

  it('Signicat Paper: signicatpaper.json and the document sides', async () => {
    const { dossierId, processId } = await finished('paper.mismatch');
    const { zip } = await unzip(dossierId, processId);
    const names = Object.keys(zip.files);
    expect(names).toEqual(expect.arrayContaining(['signicatpaper.json', 'front.jpg']));
    expect(names.every((n) => ['signicatpaper.json', 'front.jpg', 'back.jpg'].includes(n))).toBe(true);
    await expectJpegs(zip);
    const raw = await jsonFile(zip, 'signicatpaper.json');
    expect(Object.values(asRecord(raw.mrzFeatureMatching))).toContain('MISMATCH');
  });

  it('eID: eid.json with front, selfie and portrait', async () => {
    const { dossierId, processId } = await finished('eid.attendedRejected');
    const { zip } = await unzip(dossierId, processId);
    expect(Object.keys(zip.files)).toEqual(
      expect.arrayContaining(['eid.json', 'front.jpg', 'selfie.jpg', 'portrait.jpg']),
    );
    await expectJpegs(zip);
  });

  it('Connect: connect.json only', async () => {
    const { dossierId, processId } = await finished('connect.accepted');
    const { zip } = await unzip(dossierId, processId);
    expect(Object.keys(zip.files)).toEqual(['connect.json']);
    expect(asRecord((await jsonFile(zip, 'connect.json')).userInfo).nin).toEqual(expect.any(String));
  });

  it('WebID: 409 until the zip is ready', async () => {
    const { dossierId, processId, view } = await finished('webid.successful', { processType: 'videoid' });
    expect(view.status).toBe('accepted');
    expect((await fullResult(dossierId, processId)).status).toBe(409);
    sandbox.control.advance(processId, 'zipReady');
    const { zip } = await unzip(dossierId, processId);
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['webid.json', 'front.jpg', 'selfie.jpg']));
  });
});

describe('when there is no full result', () => {
  it('answers 409 unless accepted, rejected or inconclusive', async () => {
    const pending = sandbox.control.createProcess({ scenario: 'readid.accepted' });
    const res = await fullResult(pending.dossierId, pending.processId);
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    sandbox.control.advance(pending.processId, 'processing');
    expect((await fullResult(pending.dossierId, pending.processId)).status).toBe(409);
    for (const scenario of ['readid.chipReadFailed', 'connect.canceled', 'failed.cameraAccessDenied']) {
      const { dossierId, processId } = await finished(
        scenario,
        scenario.startsWith('failed') ? { provider: 'onfido' } : {},
      );
      expect((await fullResult(dossierId, processId)).status).toBe(409);
    }
  });

  it('answers 404 for an unknown process or dossier', async () => {
    const { dossierId } = await finished('paper.accepted');
    expect((await fullResult(dossierId, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect(
      (await fullResult('00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000000'))
        .status,
    ).toBe(404);
  });
});
