import { describe, expect, it } from 'vitest';
import { explainProcess } from './index';
import { buildProcess } from './__fixtures__/build';

const features = {
  firstName: 'Maria Paula',
  lastName: 'Santos Mendes',
  dateOfBirth: '2002-04-29',
  dateOfExpiry: '2030-07-08',
  gender: 'F',
  documentNumber: 'P123456',
  personalNumber: '123456789',
};
const mrz = {
  ...features,
  firstName: 'MARIA PAULA',
  lastName: 'SANTOS MENDES',
  nationality: 'PRT',
  documentType: 'passport',
  issuingCountry: 'PRT',
};
const valid = {
  verification: { type: 'MRZ_FEATURE_COMPARISON', status: 'true' },
  features,
  mrz,
  mrzChecksum: { documentNumber: 'VALID', dateOfBirth: 'VALID', dateOfExpiry: 'VALID' },
  mrzVerification: { status: 'true' },
  mrzFeatureMatching: { firstName: 'MATCH', lastName: 'MATCH', dateOfBirth: 'MATCH' },
};
const {
  mrz: _mrz,
  mrzChecksum: _checksum,
  mrzFeatureMatching: _matching,
  mrzVerification: _verification,
  ...noMrz
} = valid;
const noMrzData = { ...noMrz, verification: { type: 'MRZ_FEATURE_COMPARISON', status: 'false' } };

describe('Signicat Paper rule (contract §5.4)', () => {
  it.each([
    ['read and verified', valid, 'accepted'],
    [
      'a checksum INVALID',
      { ...valid, mrzChecksum: { ...valid.mrzChecksum, documentNumber: 'INVALID' } },
      'rejected',
    ],
    [
      'a feature MISMATCH',
      { ...valid, mrzFeatureMatching: { ...valid.mrzFeatureMatching, lastName: 'MISMATCH' } },
      'rejected',
    ],
    ['mrzVerification false', { ...valid, mrzVerification: { status: 'false' } }, 'rejected'],
    [
      'verification false with MRZ',
      { ...valid, verification: { type: 'MRZ_FEATURE_COMPARISON', status: 'false' } },
      'rejected',
    ],
    ['no MRZ, text fields valid', noMrzData, 'inconclusive'],
    ['no MRZ, lastName missing', { ...noMrzData, features: { ...features, lastName: '' } }, 'rejected'],
    [
      'no MRZ, impossible date',
      { ...noMrzData, features: { ...features, dateOfBirth: '2002-02-30' } },
      'rejected',
    ],
    ['no MRZ, no features', { verification: { status: 'false' } }, 'rejected'],
    ['empty MRZ counts as missing', { ...noMrzData, mrz: {} }, 'inconclusive'],
  ])('%s → %s', (_name, data, expected) => {
    const explanation = explainProcess(buildProcess('signicatpaper', expected, data));
    expect(explanation.derivedStatus).toBe(expected);
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.rule).toContain('§5.4');
  });

  it('no MRZ is never accepted: an accepted upstream disagrees', () => {
    const explanation = explainProcess(buildProcess('signicatpaper', 'accepted', noMrzData));
    expect(explanation.derivedStatus).toBe('inconclusive');
    expect(explanation.agreesWithUpstream).toBe(false);
    expect(explanation.disagreement).toContain('disagrees');
    expect(explanation.checks.find((check) => check.name === 'mrz')?.result).toBe('failed');
    expect(explanation.summary).toContain('never accepts a document without MRZ');
  });

  it('after personal data is erased, a rule that reads names no longer contradicts Assure, and says why', () => {
    const erased = {
      ...noMrzData,
      features: { ...features, firstName: null, lastName: null, dateOfBirth: null },
    };
    const process = buildProcess('signicatpaper', 'inconclusive', erased);
    expect(explainProcess(process).agreesWithUpstream).toBe(false);
    const explanation = explainProcess(process, { personalDataErased: true });
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.disagreement).toBeUndefined();
    expect(explanation.derivedStatus).toBe('inconclusive');
    expect(explanation.summary).toMatch(/^Assure says inconclusive\. .*erased under the retention setting/);
    expect(explanation.notices.join(' ')).toMatch(
      /would give rejected; that is a consequence of the erasure/,
    );
  });

  it('reports checksum and feature matching per field', () => {
    const data = { ...valid, mrzChecksum: { documentNumber: 'INVALID', dateOfBirth: 'VALID' } };
    const explanation = explainProcess(buildProcess('signicatpaper', 'rejected', data));
    const results = Object.fromEntries(explanation.checks.map((check) => [check.name, check.result]));
    expect(results).toMatchObject({
      verification: 'passed',
      mrz: 'passed',
      mrzVerification: 'passed',
      'mrzChecksum.documentNumber': 'failed',
      'mrzChecksum.dateOfBirth': 'passed',
      'mrzFeatureMatching.lastName': 'passed',
    });
    expect(explanation.summary).toContain('check digit for documentNumber is invalid');
  });

  it('an unknown checksum value is shown raw and stops the rule', () => {
    const data = { ...valid, mrzChecksum: { documentNumber: 'MAYBE' } };
    const explanation = explainProcess(buildProcess('signicatpaper', 'accepted', data));
    expect(explanation.derivedStatus).toBe('unknown');
    expect(explanation.checks.find((check) => check.name === 'mrzChecksum.documentNumber')).toMatchObject({
      result: 'unknown',
      raw: 'MAYBE',
    });
  });

  it('a mrz of the wrong type is not treated as missing', () => {
    const explanation = explainProcess(buildProcess('signicatpaper', 'accepted', { ...valid, mrz: 'P<PRT' }));
    expect(explanation.derivedStatus).toBe('unknown');
    expect(explanation.checks.find((check) => check.name === 'mrz')?.result).toBe('unknown');
  });
});

describe('Signicat PictureID (contract §5.7) reuses the Paper rule', () => {
  it('adds the selfie similarity as a check', () => {
    const explanation = explainProcess(
      buildProcess('signicatpictureid', 'accepted', { ...valid, ocr: { similarityScore: 'high' } }),
    );
    expect(explanation.derivedStatus).toBe('accepted');
    expect(explanation.checks.find((check) => check.name === 'ocr.similarityScore')?.result).toBe('passed');
  });
});
