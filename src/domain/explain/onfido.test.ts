import { describe, expect, it } from 'vitest';
import { explainProcess } from './index';
import { buildProcess } from './__fixtures__/build';
import { onfidoFacialSimilarityExcerpt, onfidoPending } from './__fixtures__/seeds';

const clearFace = {
  result: 'clear',
  imageIntegrity: 'clear',
  faceComparison: 'clear',
  visualAuthenticity: 'clear',
  similarityScore: 'high',
};
const clearDocument = {
  result: 'clear',
  subResult: 'clear',
  imageIntegrity: 'clear',
  dataValidation: 'clear',
  dataComparison: 'clear',
  dataConsistency: 'clear',
  visualAuthenticity: 'clear',
  compromisedDocument: 'clear',
  policeRecord: 'clear',
};

function onfido(
  status: string,
  facialSimilarity?: object,
  documentVerification?: object,
  processType = 'documentSelfie',
) {
  return buildProcess(
    'onfido',
    status,
    {
      ...(facialSimilarity ? { facialSimilarity } : {}),
      ...(documentVerification ? { documentVerification } : {}),
    },
    { processType },
  );
}

describe('Onfido vendor examples (seed 002)', () => {
  it('pending right after creation: follows upstream and says what it waits for', () => {
    const explanation = explainProcess(onfidoPending);
    expect(explanation).toMatchObject({
      derivedStatus: 'pending',
      upstreamStatus: 'pending',
      agreesWithUpstream: true,
    });
    expect(explanation.waitingFor).toContain('Waiting for the end-user');
    expect(explanation.checks).toEqual([]);
  });

  it('the facialSimilarity excerpt, all clear, is accepted with its breakdowns as checks', () => {
    const explanation = explainProcess(buildProcess('onfido', 'accepted', onfidoFacialSimilarityExcerpt));
    expect(explanation.derivedStatus).toBe('accepted');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(Object.fromEntries(explanation.checks.map((check) => [check.name, check.result]))).toEqual({
      'facialSimilarity.result': 'passed',
      'facialSimilarity.faceComparison': 'passed',
      'facialSimilarity.imageIntegrity': 'passed',
      'facialSimilarity.visualAuthenticity': 'passed',
      'facialSimilarity.similarityScore': 'passed',
    });
  });
});

describe('Onfido rule (contract §5.2)', () => {
  it.each([
    ['all clear', clearFace, clearDocument, 'accepted'],
    [
      'subResult rejected',
      clearFace,
      { ...clearDocument, result: 'consider', subResult: 'rejected' },
      'rejected',
    ],
    [
      'subResult suspected beats consider elsewhere',
      { ...clearFace, faceComparison: 'consider' },
      { ...clearDocument, subResult: 'suspected' },
      'rejected',
    ],
    [
      'faceComparison consider',
      { ...clearFace, result: 'consider', faceComparison: 'consider' },
      clearDocument,
      'inconclusive',
    ],
    ['subResult caution', clearFace, { ...clearDocument, subResult: 'caution' }, 'inconclusive'],
    [
      'dataValidation consider',
      clearFace,
      { ...clearDocument, result: 'consider', dataValidation: 'consider' },
      'inconclusive',
    ],
  ])('%s → %s', (_name, face, document, expected) => {
    const agreeing = explainProcess(onfido(expected, face, document));
    expect(agreeing.derivedStatus).toBe(expected);
    expect(agreeing.agreesWithUpstream).toBe(true);
    expect(agreeing.rule).toContain(`→ ${expected} (contract §5.2, assumed)`);

    const other = expected === 'accepted' ? 'inconclusive' : 'accepted';
    const disagreeing = explainProcess(onfido(other, face, document));
    expect(disagreeing.agreesWithUpstream).toBe(false);
    expect(disagreeing.disagreement).toContain('disagrees');
  });

  it('names what Onfido flagged in the summary', () => {
    const explanation = explainProcess(
      onfido('inconclusive', { ...clearFace, faceComparison: 'consider' }, clearDocument),
    );
    expect(explanation.summary).toContain('face comparison');
    // Amber "Consider", not a failure: Onfido asks for a closer look.
    expect(explanation.checks.find((check) => check.name === 'facialSimilarity.faceComparison')?.result).toBe(
      'consider',
    );
  });

  it('does not use similarityScore in the rule', () => {
    const explanation = explainProcess(
      onfido('accepted', { ...clearFace, similarityScore: 'low' }, clearDocument),
    );
    expect(explanation.derivedStatus).toBe('accepted');
  });

  it('shows a medium similarity score as amber "consider", a low one as failed, both outside the rule', () => {
    const score = (similarityScore: string) =>
      explainProcess(onfido('accepted', { ...clearFace, similarityScore }, clearDocument)).checks.find(
        (c) => c.name === 'facialSimilarity.similarityScore',
      )?.result;
    expect(score('medium')).toBe('consider');
    expect(score('low')).toBe('failed');
    expect(score('high')).toBe('passed');
  });

  it('cannot accept a documentSelfie process whose facialSimilarity is missing', () => {
    const explanation = explainProcess(onfido('accepted', undefined, clearDocument));
    expect(explanation.derivedStatus).toBe('unknown');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.checks.find((check) => check.name === 'facialSimilarity')?.result).toBe('unknown');
  });

  it('still derives inconclusive when a flag is present and facialSimilarity is missing', () => {
    const explanation = explainProcess(
      onfido('inconclusive', undefined, { ...clearDocument, dataComparison: 'consider' }),
    );
    expect(explanation.derivedStatus).toBe('inconclusive');
  });

  it('cannot rule out rejected when documentVerification is missing, even with a flagged face check', () => {
    const explanation = explainProcess(
      onfido('inconclusive', { ...clearFace, faceComparison: 'consider' }, undefined),
    );
    expect(explanation.derivedStatus).toBe('unknown');
    expect(explanation.rule).toContain('documentVerification was not reported');
  });

  it('accepts a document-only process with a clear documentVerification', () => {
    expect(explainProcess(onfido('accepted', undefined, clearDocument, 'document')).derivedStatus).toBe(
      'accepted',
    );
  });
});

describe('Onfido malformed data', () => {
  it('shows an unknown value raw and does not recompute the status', () => {
    const explanation = explainProcess(
      onfido('accepted', { ...clearFace, faceComparison: 'MAYBE' }, clearDocument),
    );
    const check = explanation.checks.find(
      (candidate) => candidate.name === 'facialSimilarity.faceComparison',
    );
    expect(check).toMatchObject({ result: 'unknown', raw: 'MAYBE' });
    expect(check?.detail).toContain('MAYBE');
    expect(explanation.derivedStatus).toBe('unknown');
    expect(explanation.agreesWithUpstream).toBe(true);
  });

  it('cannot rule out rejected when subResult is unreadable', () => {
    const explanation = explainProcess(
      onfido(
        'inconclusive',
        { ...clearFace, faceComparison: 'consider' },
        { ...clearDocument, subResult: 7 },
      ),
    );
    expect(explanation.derivedStatus).toBe('unknown');
  });

  it('shows a breakdown of the wrong type as an unknown check', () => {
    const explanation = explainProcess(onfido('accepted', clearFace, undefined));
    const wrong = explainProcess(
      buildProcess('onfido', 'accepted', { facialSimilarity: clearFace, documentVerification: 'clear' }),
    );
    expect(explanation.derivedStatus).toBe('unknown');
    expect(wrong.checks.find((check) => check.name === 'documentVerification')).toMatchObject({
      result: 'unknown',
      raw: 'clear',
    });
    expect(wrong.derivedStatus).toBe('unknown');
  });
});
