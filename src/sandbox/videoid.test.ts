/**
 * Signicat VideoID and PictureID (contract §5.7) over real HTTP: the capture flow with the public Node client's
 * default `{"provider":"signicatvideoid","processType":"substantialFullyAuto"}`, each status, the vendor's field names
 * (checked against the vendor's own Get process example) and the full-result zip with its recording.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import vendorExampleJson from './fixtures/signicatvideoid-example.json';
import type { RunningSandbox } from './index';
import { AssureClient, asRecord, isJpeg, startTestSandbox, type JsonRecord } from './test-helpers';

/** The vendor's Get process example from its VideoID service-details page (a copy of shared/fixtures'). */
const vendorExample: JsonRecord = asRecord(vendorExampleJson);

let sandbox: RunningSandbox;
let api: AssureClient;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  api = new AssureClient(sandbox.url);
});
afterAll(async () => {
  await sandbox.close();
});

const keys = (o: unknown): string[] => Object.keys(asRecord(o)).sort();

async function zipOf(dossierId: string, processId: string): Promise<JSZip> {
  const res = await api.raw('GET', `/dossiers/${dossierId}/processes/${processId}/fullresult`);
  expect(res.status).toBe(200);
  return JSZip.loadAsync(new Uint8Array(await res.arrayBuffer()));
}

async function finished(
  scenario: string,
  processType: string,
): Promise<{ dossierId: string; processId: string; view: JsonRecord }> {
  const { dossierId, processId } = sandbox.control.createProcess({ scenario, processType });
  sandbox.control.advance(processId, 'final');
  return { dossierId, processId, view: await api.getProcess(dossierId, processId) };
}

describe('Signicat VideoID', () => {
  it('captures with the public client default (signicatvideoid, substantialFullyAuto) through to accepted', async () => {
    const dossierId = asRecord((await api.json('POST', '/dossiers', {})).body).dossierId as string;
    const res = await api.json('POST', `/dossiers/${dossierId}/capture`, {
      providers: [{ provider: 'signicatvideoid', processType: 'substantialFullyAuto' }],
      redirectUrl: 'https://desk.example/done',
    });
    expect(res.status).toBe(201);
    const { processId, url } = asRecord(res.body) as { processId: string; url: string };
    const pending = await api.getProcess(dossierId, processId);
    expect(pending).toMatchObject({
      provider: 'signicatvideoid',
      processType: 'substantialFullyAuto',
      status: 'pending',
    });

    const chosen = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'scenario=videoid.accepted',
      redirect: 'manual',
    });
    expect(chosen.headers.get('location')).toContain(`processId=${processId}`);
    sandbox.control.advance(processId);
    const done = await api.getProcess(dossierId, processId);
    expect(done.status).toBe('accepted');
    expect(asRecord(done.finalResult).livenessDetected).toBe('true');
  });

  it('speaks the vendor example’s vocabulary: ocr with similarityScore, livenessDetected and features', async () => {
    const { view } = await finished('videoid.accepted', 'substantial');
    const ocr = asRecord(asRecord(view.providerSpecific).ocr);
    const vendorOcr = asRecord(asRecord(vendorExample.providerSpecific).ocr);
    expect(keys(ocr)).toEqual(keys(vendorOcr));
    expect(ocr).toMatchObject({ similarityScore: 'high', livenessDetected: 'true' });
    const vendorFeature = asRecord((vendorOcr.features as unknown[])[0]);
    expect((ocr.features as unknown[]).length).toBeGreaterThan(0);
    for (const feature of ocr.features as unknown[]) {
      expect(keys(feature)).toEqual(keys(vendorFeature));
      expect(keys(asRecord(feature).bbox)).toEqual(keys(vendorFeature.bbox));
    }
  });

  it.each([
    ['videoid.accepted', 'substantialFullyAuto', 'accepted'],
    ['videoid.inconclusive', 'substantial', 'inconclusive'],
    ['videoid.rejected', 'substantialFullyAuto', 'rejected'],
    ['videoid.attendedApproved', 'high', 'accepted'],
    ['videoid.attendedRejected', 'high', 'rejected'],
    ['failed.cameraAccessDenied', 'substantialFullyAuto', 'failed'],
    ['canceled', 'substantial', 'canceled'],
  ])('%s (%s) ends %s', async (scenario, processType, status) => {
    const { dossierId, processId } = sandbox.control.createProcess({
      scenario,
      processType,
      provider: 'signicatvideoid',
    });
    if (scenario.startsWith('videoid.')) {
      sandbox.control.advance(processId, 'processing');
      const running = await api.getProcess(dossierId, processId);
      expect(running.status).toBe('processing');
      // `high` waits for an agent: the approval is pending while the process runs.
      const approval = asRecord(running.providerSpecific).manualApproval;
      if (processType === 'high') expect(asRecord(approval).status).toBe('pending');
      else expect(approval).toBeUndefined();
    }
    sandbox.control.advance(processId, 'final');
    const view = await api.getProcess(dossierId, processId);
    expect(view.status).toBe(status);
    if (processType === 'high')
      expect(asRecord(asRecord(view.providerSpecific).manualApproval).status).toBe(
        status === 'accepted' ? 'approved' : 'rejected',
      );
  });

  it('puts the data file, the pictures and the recording in the full result', async () => {
    const { dossierId, processId } = await finished('videoid.inconclusive', 'substantial');
    const zip = await zipOf(dossierId, processId);
    const names = Object.keys(zip.files).sort();
    expect(names).toContain('signicatvideoid.json');
    expect(names).toContain('selfie.jpg');
    expect(names).toContain('portrait.jpg');
    expect(names).toContain('front.jpg');
    expect(names).toContain('video.mp4');
    const video = await zip.file('video.mp4')!.async('uint8array');
    expect(String.fromCharCode(...video.subarray(4, 8))).toBe('ftyp');
    expect(isJpeg(await zip.file('selfie.jpg')!.async('uint8array'))).toBe(true);
    const raw = asRecord(JSON.parse(await zip.file('signicatvideoid.json')!.async('string')));
    expect(asRecord(raw.ocr).similarityScore).toBe('medium');
  });
});

describe('Signicat PictureID', () => {
  it('documentSelfie adds the selfie similarity and a selfie to Paper’s elements', async () => {
    const { dossierId, processId, view } = await finished('pictureid.accepted', 'documentSelfie');
    expect(view).toMatchObject({
      provider: 'signicatpictureid',
      processType: 'documentSelfie',
      status: 'accepted',
    });
    const elements = asRecord(view.providerSpecific);
    expect(elements).toMatchObject({
      verification: { type: 'MRZ_FEATURE_COMPARISON', status: 'true' },
      ocr: { similarityScore: 'high' },
    });
    expect(elements.mrz).toBeDefined();
    const names = Object.keys((await zipOf(dossierId, processId)).files).sort();
    expect(names).toEqual(expect.arrayContaining(['front.jpg', 'selfie.jpg', 'signicatpictureid.json']));
    expect(names).not.toContain('video.mp4');
  });

  it.each([
    ['pictureid.accepted', 'document', 'accepted'],
    ['pictureid.noMrz', 'documentSelfie', 'inconclusive'],
    ['pictureid.mismatch', 'document', 'rejected'],
    ['pictureid.checksum', 'documentSelfie', 'rejected'],
    ['failed.timeout', 'document', 'failed'],
  ])('%s (%s) ends %s by Paper’s rule', async (scenario, processType, status) => {
    const { dossierId, processId } = sandbox.control.createProcess({
      scenario,
      processType,
      provider: 'signicatpictureid',
    });
    sandbox.control.advance(processId, 'final');
    const view = await api.getProcess(dossierId, processId);
    expect(view.status).toBe(status);
    const elements = view.providerSpecific as JsonRecord | undefined;
    if (status === 'failed') expect(elements).toBeUndefined();
    else if (processType === 'document') expect(elements?.ocr).toBeUndefined();
    else expect(asRecord(elements?.ocr).similarityScore).toBe(status === 'inconclusive' ? 'medium' : 'high');
  });

  it('a document-only process has no selfie in its zip', async () => {
    const { dossierId, processId } = await finished('pictureid.accepted', 'document');
    const names = Object.keys((await zipOf(dossierId, processId)).files);
    expect(names).not.toContain('selfie.jpg');
  });
});
