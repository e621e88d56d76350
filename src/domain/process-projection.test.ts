import { describe, expect, it } from 'vitest';
import { explainProcess } from './explain';
import { buildProcess } from './explain/__fixtures__/build';
import {
  onfidoFacialSimilarityExcerpt,
  readidAcceptedIproov,
  readidInconclusive,
} from './explain/__fixtures__/seeds';
import { MASK } from './pii';
import { projectProcess } from './process-projection';

const MRZ = 'P<NORHANSEN<<OLA<JOHAN<<<<<<<<<<<<<<<<<<<<<<';

describe('projectProcess (what a manager sees)', () => {
  it.each([
    ['an array of given names', { firstName: ['OLA', 'JOHAN'] }, ['OLA', 'JOHAN']],
    ['a name object', { name: { given: 'Ola Johan', family: 'Hansen' } }, ['Ola Johan', 'Hansen']],
    [
      'a list of national identity numbers',
      { nin: ['01017012345', { value: '02027054321' }] },
      ['01017012345', '02027054321'],
    ],
    [
      'snake_case keys',
      { given_name: 'Kari', family_name: 'Nordmann', date_of_birth: '1970-01-01', document_number: 'X123' },
      ['Kari', 'Nordmann', '1970-01-01', 'X123'],
    ],
    [
      'other spellings',
      { FirstName: 'Kari', 'last-name': 'Nordmann', DOCUMENTNUMBER: 'X9' },
      ['Kari', 'Nordmann', 'X9'],
    ],
    ['an MRZ string', { MRZString: MRZ, mrzLine1: MRZ }, [MRZ]],
    ['an MRZ under an allowed key', { result: MRZ }, [MRZ]],
    ['numbers', { personalNumber: 1234567890, phone: 4712345678 }, ['1234567890', '4712345678']],
    [
      'an unknown field',
      { holderSignature: 'K. Nordmann', extra: { deep: ['Oslo'] } },
      ['K. Nordmann', 'Oslo'],
    ],
    ['free text under a verdict key', { status: 'approved by Kari Nordmann' }, ['Kari Nordmann']],
  ])('removes personal values held as %s', (_, data, secrets) => {
    const process = buildProcess(
      'connect',
      'accepted',
      { userInfo: data, nested: { deeper: [data] } },
      { finalResult: data },
    );
    const { process: shown, hidden } = projectProcess(process);
    const text = JSON.stringify(shown);
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(hidden.some((h) => h.includes(secret))).toBe(true);
    }
    expect(shown).toMatchObject({ processId: process.processId, provider: 'connect', status: 'accepted' });
  });

  it('keeps statuses, check verdicts and process dates of a ReadID case with iProov', () => {
    const { process } = projectProcess(readidAcceptedIproov);
    expect(process).toMatchObject({
      status: 'accepted',
      createdAt: readidAcceptedIproov.createdAt,
      updatedAt: readidAcceptedIproov.updatedAt,
    });
    const ps = process.providerSpecific as Record<string, Record<string, unknown>>;
    expect(ps.consolidatedIdentityData).toMatchObject({
      chipVerification: 'SUCCEEDED',
      chipCloneDetection: 'SUCCEEDED',
      firstName: MASK,
      documentNumber: MASK,
      dateOfBirth: MASK,
    });
    expect(ps.iproovSession).toMatchObject({ passed: true });
  });

  it('gives the same verdicts as the full answer, so the explanation of a case does not change', () => {
    for (const p of [readidInconclusive, readidAcceptedIproov, onfidoFacialSimilarityExcerpt]) {
      const checks = (x: unknown) => explainProcess(x).checks.map((c) => [c.name, c.result]);
      expect(checks(projectProcess(p).process)).toEqual(checks(p));
    }
  });

  it('keeps Paper MRZ checksum verdicts and eID feature names, not the person’s name', () => {
    const paper = buildProcess('signicatpaper', 'rejected', {
      features: { firstName: 'MARIA', name: 'MARIA SANTOS', dateOfExpiry: '2030-07-08' },
      mrzChecksum: { documentNumber: 'INVALID', dateOfBirth: 'VALID', firstName: 'MARIA' },
      mrzFeatureMatching: { lastName: 'MISMATCH' },
    });
    const { process } = projectProcess(paper);
    const ps = process.providerSpecific as Record<string, Record<string, unknown>>;
    expect(ps.mrzChecksum).toEqual({ documentNumber: 'INVALID', dateOfBirth: 'VALID', firstName: MASK });
    expect(ps.mrzFeatureMatching).toEqual({ lastName: 'MISMATCH' });
    expect(ps.features).toEqual({ firstName: MASK, name: MASK, dateOfExpiry: MASK });

    const eid = buildProcess('eid', 'accepted', {
      ocr: {
        similarityScore: 'high',
        features: [{ name: 'Hologram', found: true, side: 'front', holder: { name: 'MARIA' } }],
      },
    });
    const ocr = (projectProcess(eid).process.providerSpecific as Record<string, Record<string, unknown>>).ocr;
    expect(ocr).toEqual({
      similarityScore: 'high',
      features: [{ name: 'Hologram', found: true, side: 'front', holder: { name: MASK } }],
    });
  });

  it('does not change its input', () => {
    const before = structuredClone(readidInconclusive);
    projectProcess(readidInconclusive);
    expect(readidInconclusive).toEqual(before);
  });
});
