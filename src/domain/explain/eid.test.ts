import { describe, expect, it } from 'vitest';
import { explainProcess } from './index';
import { buildProcess } from './__fixtures__/build';

const features = [
  { name: 'firstName', found: true, side: 'front' },
  { name: 'lastName', found: true, side: 'front' },
];

function eid(status: string, processType: string, providerSpecific: Record<string, unknown>) {
  return buildProcess('eid', status, providerSpecific, { processType });
}

describe('eID attended (contract §5.3)', () => {
  const ocr = { similarityScore: 'high', livenessDetected: 'true', features };

  it.each([
    ['approved', 'accepted'],
    ['rejected', 'rejected'],
  ])('manualApproval %s → %s', (approval, expected) => {
    const explanation = explainProcess(
      eid(expected, 'attended', { ocr, manualApproval: { status: approval, agent: 'agent-7' } }),
    );
    expect(explanation.derivedStatus).toBe(expected);
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.rule).toBe(
      `attended: manualApproval.status ${approval} → ${expected} (contract §5.3, assumed)`,
    );
    expect(explanation.checks.find((check) => check.name === 'manualApproval')?.detail).toContain('agent-7');
  });

  it('the agent decides, whatever the OCR says', () => {
    const weakOcr = { similarityScore: 'low', livenessDetected: 'false' };
    const explanation = explainProcess(
      eid('accepted', 'attended', { ocr: weakOcr, manualApproval: { status: 'approved' } }),
    );
    expect(explanation.derivedStatus).toBe('accepted');
  });

  it('pending approval while processing: waits for the agent', () => {
    const explanation = explainProcess(
      eid('processing', 'attended', { ocr, manualApproval: { status: 'pending' } }),
    );
    expect(explanation.derivedStatus).toBe('processing');
    expect(explanation.waitingFor).toBe("Waiting for an agent's manual approval.");
  });

  it('pending approval on a final status disagrees: the rule says still processing', () => {
    const explanation = explainProcess(
      eid('accepted', 'attended', { ocr, manualApproval: { status: 'pending' } }),
    );
    expect(explanation.derivedStatus).toBe('processing');
    expect(explanation.agreesWithUpstream).toBe(false);
    expect(explanation.disagreement).toContain('disagrees');
  });

  it('attended without manualApproval cannot be evaluated', () => {
    const explanation = explainProcess(eid('accepted', 'attended', { ocr }));
    expect(explanation.derivedStatus).toBe('unknown');
    expect(explanation.checks.find((check) => check.name === 'manualApproval')?.result).toBe('unknown');
  });

  it('an unknown approval status is shown raw', () => {
    const explanation = explainProcess(
      eid('accepted', 'attended', { ocr, manualApproval: { status: 'MAYBE' } }),
    );
    expect(explanation.derivedStatus).toBe('unknown');
    expect(explanation.checks.find((check) => check.name === 'manualApproval')?.detail).toContain('MAYBE');
  });
});

describe('eID unattended (contract §5.3, derivation assumed)', () => {
  it.each([
    ['true', 'high', 'accepted'],
    ['false', 'high', 'rejected'],
    ['false', 'low', 'rejected'],
    ['true', 'medium', 'inconclusive'],
    ['true', 'low', 'inconclusive'],
    [true, 'high', 'accepted'],
  ] as const)('livenessDetected %j, similarityScore %s → %s', (liveness, similarity, expected) => {
    const data = { ocr: { similarityScore: similarity, livenessDetected: liveness, features } };
    const explanation = explainProcess(eid(expected, 'unattended', data));
    expect(explanation.derivedStatus).toBe(expected);
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.rule).toContain('assumed');
    expect(
      explainProcess(eid(expected === 'accepted' ? 'rejected' : 'accepted', 'unattended', data))
        .agreesWithUpstream,
    ).toBe(false);
  });

  it('shows similarity, liveness and features as checks', () => {
    const data = {
      ocr: {
        similarityScore: 'high',
        livenessDetected: 'true',
        features: [...features, { name: 'portrait', found: false, side: 'front' }],
      },
    };
    const explanation = explainProcess(eid('accepted', 'unattended', data));
    expect(Object.fromEntries(explanation.checks.map((check) => [check.name, check.result]))).toEqual({
      'ocr.similarityScore': 'passed',
      'ocr.livenessDetected': 'passed',
      'ocr.features': 'failed',
    });
    expect(explanation.checks[2].detail).toContain('not found: portrait');
  });

  it('unknown similarity value: status not recomputed', () => {
    const explanation = explainProcess(
      eid('accepted', 'unattended', { ocr: { similarityScore: 'MAYBE', livenessDetected: 'true' } }),
    );
    expect(explanation.derivedStatus).toBe('unknown');
    expect(explanation.checks[0]).toMatchObject({
      name: 'ocr.similarityScore',
      result: 'unknown',
      raw: 'MAYBE',
    });
  });

  it('ocr of the wrong type: notice and unknown', () => {
    const explanation = explainProcess(eid('accepted', 'unattended', { ocr: 42 }));
    expect(explanation.derivedStatus).toBe('unknown');
    expect(explanation.notices.some((notice) => notice.includes('ocr is not an object (42)'))).toBe(true);
  });
});

describe('Signicat VideoID (contract §5.7) reuses the eID rule', () => {
  it('processType high is decided by manualApproval', () => {
    const explanation = explainProcess(
      buildProcess(
        'signicatvideoid',
        'rejected',
        {
          ocr: { similarityScore: 'high', livenessDetected: 'true' },
          manualApproval: { status: 'rejected' },
        },
        { processType: 'high' },
      ),
    );
    expect(explanation.derivedStatus).toBe('rejected');
    expect(explanation.notices.join(' ')).not.toContain('not recognised');
  });
});
