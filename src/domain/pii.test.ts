import { describe, expect, it } from 'vitest';
import { displayFields } from './display-fields';
import { explainProcess } from './explain';
import { buildProcess } from './explain/__fixtures__/build';
import { readidAccepted, readidInconclusive } from './explain/__fixtures__/seeds';
import { erasePersonalData } from './pii';

const PERSONAL = ['MARIA PAULA', 'SANTOS MENDES', 'P123456', '123456789', '2002-04-29'];

describe('erasePersonalData', () => {
  it.each([
    ['ReadID accepted (seed 000)', readidAccepted],
    ['ReadID inconclusive (seed 000)', readidInconclusive],
    [
      'ReadID with its elements in one session element',
      { ...readidAccepted, providerSpecific: { session: readidAccepted.providerSpecific } },
    ],
  ])('leaves no name, document number or date of birth in %s, and the same explanation', (_, process) => {
    const { value, erased } = erasePersonalData(process);
    const text = JSON.stringify(value);
    expect(erased).toBeGreaterThan(0);
    for (const secret of PERSONAL) expect(text).not.toContain(secret);
    expect(displayFields(value)).toMatchObject({
      firstName: undefined,
      lastName: undefined,
      documentNumber: undefined,
    });
    const explain = (p: unknown) => {
      const e = explainProcess(p);
      return {
        derivedStatus: e.derivedStatus,
        summary: e.summary,
        checks: e.checks.map((c) => [c.name, c.result, c.detail]),
      };
    };
    expect(explain(value)).toEqual(explain(process));
  });

  it('nulls the personal values in place and keeps everything else, the original untouched', () => {
    const process = buildProcess(
      'signicatpaper',
      'rejected',
      {
        features: { firstName: 'MARIA', lastName: 'SANTOS', gender: 'F', dateOfExpiry: '2030-07-08' },
        mrzChecksum: { documentNumber: 'INVALID', dateOfBirth: 'VALID' },
        mrzFeatureMatching: { lastName: 'MISMATCH' },
      },
      {
        finalResult: {
          firstName: 'MARIA',
          documentNumber: 'X1',
          issuingCountry: 'PRT',
          chipTypes: ['IsoDep', 'NfcB'],
        },
      },
    );
    const before = structuredClone(process);
    const { value, erased } = erasePersonalData(process);
    expect(value).toEqual({
      ...process,
      providerSpecific: {
        features: { firstName: null, lastName: null, gender: 'F', dateOfExpiry: '2030-07-08' },
        // Verdicts about personal fields are checks, not personal data.
        mrzChecksum: { documentNumber: 'INVALID', dateOfBirth: 'VALID' },
        mrzFeatureMatching: { lastName: 'MISMATCH' },
      },
      finalResult: {
        firstName: null,
        documentNumber: null,
        issuingCountry: 'PRT',
        chipTypes: ['IsoDep', 'NfcB'],
      },
    });
    expect(erased).toBe(4);
    expect(process).toEqual(before);
  });

  it('keeps the names of document features (eID "Hologram"), which name no person', () => {
    const process = buildProcess(
      'eid',
      'accepted',
      {
        ocr: {
          similarityScore: 'high',
          livenessDetected: 'true',
          features: [{ name: 'Hologram', found: true, side: 'front' }],
        },
      },
      { finalResult: { name: 'MARIA SANTOS', nin: ['0102', '0304'] } },
    );
    const { value } = erasePersonalData(process) as { value: typeof process };
    expect(value.providerSpecific).toEqual(process.providerSpecific);
    expect(value.finalResult).toEqual({ name: null, nin: null });
  });

  it('takes any input without throwing', () => {
    for (const input of [null, undefined, 'text', 42, [], [{ firstName: 'A' }]])
      expect(() => erasePersonalData(input)).not.toThrow();
    expect(erasePersonalData([{ firstName: 'A' }]).value).toEqual([{ firstName: null }]);
  });
});
