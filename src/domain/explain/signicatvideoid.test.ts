// Signicat VideoID and PictureID (contract §5.7): the vendor's own VideoID example first, then every status.
import { describe, expect, it } from 'vitest';
import vendorExample from '../__fixtures__/signicatvideoid-substantial-accepted.json';
import { providerLabel, PROCESS_TYPES } from '../providers';
import { explainProcess } from './index';
import { buildProcess } from './__fixtures__/build';

const READING = "Assure Desk's reading, after Electronic IDentification";
const features = [
  { name: 'Header', found: true, bbox: { x: 84, y: 28, width: 248, height: 32 }, side: 'data' },
  { name: 'Photo', found: true, bbox: { x: 40, y: 110, width: 170, height: 220 }, side: 'data' },
];
const ocr = (similarityScore: string, livenessDetected: string) => ({
  similarityScore,
  livenessDetected,
  features,
});

function videoId(status: string, processType: string, providerSpecific?: Record<string, unknown>) {
  return buildProcess('signicatvideoid', status, providerSpecific, { processType });
}

describe('Signicat VideoID: the vendor example', () => {
  it('is a known provider with its documented process types', () => {
    expect(providerLabel('signicatvideoid')).toBe('Signicat VideoID');
    expect(PROCESS_TYPES.signicatvideoid).toEqual(
      expect.arrayContaining(['substantial', 'substantialFullyAuto', 'high', 'hybrid']),
    );
    expect(providerLabel('signicatpictureid')).toBe('Signicat PictureID');
  });

  it('explains the example (substantial, accepted) and agrees with Assure, naming the basis', () => {
    const explanation = explainProcess(vendorExample);
    expect(explanation.derivedStatus).toBe('accepted');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.rule).toContain(READING);
    expect(explanation.notices.join(' ')).not.toMatch(/not recognised/i);
    expect(explanation.checks.map((check) => [check.label, check.result])).toEqual([
      ['Face similarity', 'passed'],
      ['Liveness', 'passed'],
      ['Document features found', 'passed'],
    ]);
    expect(explanation.checks[2].detail).toContain('Header');
  });
});

describe('Signicat VideoID: every status', () => {
  it.each([
    ['substantialFullyAuto', 'accepted', ocr('high', 'true'), 'accepted'],
    ['substantial', 'inconclusive', ocr('medium', 'true'), 'inconclusive'],
    ['substantialFullyAuto', 'rejected', ocr('low', 'false'), 'rejected'],
    ['hybrid', 'inconclusive', ocr('low', 'true'), 'inconclusive'],
  ])('%s, %s: the ocr verdict gives %s', (processType, status, data, derived) => {
    const explanation = explainProcess(videoId(status, processType, { ocr: data }));
    expect(explanation.derivedStatus).toBe(derived);
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.rule).toContain(READING);
  });

  it.each([
    ['approved', 'accepted'],
    ['rejected', 'rejected'],
  ])('high: an agent %s → %s, whatever the ocr says', (approval, status) => {
    const explanation = explainProcess(
      videoId(status, 'high', {
        ocr: ocr('low', 'false'),
        manualApproval: { status: approval, agent: 'agent-9' },
      }),
    );
    expect(explanation.derivedStatus).toBe(status);
    expect(explanation.rule).toBe(`attended: manualApproval.status ${approval} → ${status} (${READING})`);
    expect(explanation.checks.find((check) => check.name === 'manualApproval')?.detail).toContain('agent-9');
  });

  it('a disagreement with Assure is shown', () => {
    const explanation = explainProcess(
      videoId('accepted', 'substantialFullyAuto', { ocr: ocr('medium', 'true') }),
    );
    expect(explanation.agreesWithUpstream).toBe(false);
    expect(explanation.disagreement).toContain('inconclusive');
  });

  it('pending: waits for the end-user; processing in high: waits for the agent', () => {
    expect(explainProcess(videoId('pending', 'substantialFullyAuto')).waitingFor).toMatch(/end-user/);
    const high = explainProcess(
      videoId('processing', 'high', { ocr: ocr('high', 'true'), manualApproval: { status: 'pending' } }),
    );
    expect(high.derivedStatus).toBe('processing');
    expect(high.waitingFor).toMatch(/agent/);
  });

  it('failed and canceled follow Assure, with the fail reason explained', () => {
    const failed = explainProcess(videoId('failed', 'substantialFullyAuto', undefined));
    expect(failed.derivedStatus).toBe('failed');
    const withReason = explainProcess({
      ...videoId('failed', 'substantial'),
      failReason: 'cameraAccessDenied',
    });
    expect(withReason.failReason?.code).toBe('cameraAccessDenied');
    expect(explainProcess(videoId('canceled', 'substantial')).summary).toMatch(/canceled/);
  });
});

describe('Signicat PictureID: Paper’s rule plus the selfie similarity', () => {
  const text = {
    firstName: 'Ola',
    lastName: 'Nordmann',
    dateOfBirth: '1990-01-02',
    documentNumber: 'X1234567',
  };
  const read = {
    verification: { type: 'MRZ_FEATURE_COMPARISON', status: 'true' },
    features: text,
    mrz: { ...text, firstName: 'OLA', lastName: 'NORDMANN' },
    mrzChecksum: { documentNumber: 'VALID' },
    mrzVerification: { status: 'true' },
    mrzFeatureMatching: { lastName: 'MATCH' },
  };
  const noMrz = { verification: { type: 'MRZ_FEATURE_COMPARISON', status: 'false' }, features: text };

  it.each([
    ['accepted', { ...read, ocr: { similarityScore: 'high' } }, 'accepted'],
    ['inconclusive', { ...noMrz, ocr: { similarityScore: 'medium' } }, 'inconclusive'],
    ['rejected', { ...read, mrzFeatureMatching: { lastName: 'MISMATCH' } }, 'rejected'],
  ])('%s', (status, data, derived) => {
    const explanation = explainProcess(
      buildProcess('signicatpictureid', status, data, { processType: 'documentSelfie' }),
    );
    expect(explanation.derivedStatus).toBe(derived);
    expect(explanation.agreesWithUpstream).toBe(true);
  });

  it('a medium selfie similarity is a failed check, while the status follows the document rule', () => {
    const explanation = explainProcess(
      buildProcess(
        'signicatpictureid',
        'accepted',
        { ...read, ocr: { similarityScore: 'medium' } },
        { processType: 'documentSelfie' },
      ),
    );
    expect(explanation.checks.find((check) => check.name === 'ocr.similarityScore')?.result).toBe('failed');
    expect(explanation.derivedStatus).toBe('accepted');
  });

  it.each(['pending', 'processing', 'failed', 'canceled'])('%s follows Assure', (status) => {
    expect(
      explainProcess(buildProcess('signicatpictureid', status, undefined, { processType: 'document' }))
        .derivedStatus,
    ).toBe(status);
  });
});
