import { describe, expect, it } from 'vitest';
import { buildProcess } from './explain/__fixtures__/build';
import { readidAccepted, readidAcceptedIproov } from './explain/__fixtures__/seeds';
import { compareIdentity, documentFlags, normaliseIdentityValue } from './identity';

function row(comparison: ReturnType<typeof compareIdentity>, field: string) {
  return comparison.rows.find((candidate) => candidate.field === field);
}

describe('compareIdentity', () => {
  it('ReadID with iProov: one column per source present, all agreeing', () => {
    const comparison = compareIdentity(readidAcceptedIproov);
    expect(comparison.sources.map((source) => source.id)).toEqual([
      'finalResult',
      'consolidatedIdentityData',
      'documentContent',
      'mrzNames',
    ]);
    expect(comparison.rows.filter((candidate) => candidate.mismatch)).toEqual([]);
    expect(row(comparison, 'lastName')?.values).toEqual({
      finalResult: 'SANTOS MENDES',
      consolidatedIdentityData: 'SANTOS MENDES',
      documentContent: 'SANTOS MENDES',
      mrzNames: 'SANTOS MENDES',
    });
    expect(row(comparison, 'documentType')?.values).toEqual({
      finalResult: 'passport',
      consolidatedIdentityData: 'passport',
      documentContent: undefined,
      mrzNames: undefined,
    });
  });

  it('finds a name mismatch between finalResult and documentContent', () => {
    const process = structuredClone(readidAcceptedIproov);
    process.providerSpecific.documentContent.lastName = 'SANTOS MENDEZ';
    const lastName = row(compareIdentity(process), 'lastName');
    expect(lastName?.mismatch).toBe(true);
    expect(lastName?.values.finalResult).toBe('SANTOS MENDES');
    expect(lastName?.values.documentContent).toBe('SANTOS MENDEZ');
    expect(row(compareIdentity(process), 'firstName')?.mismatch).toBe(false);
  });

  it('ignores differences in case, diacritics and surrounding spaces', () => {
    const process = structuredClone(readidAcceptedIproov);
    process.finalResult.firstName = ' María Paula ';
    process.providerSpecific.documentContent.lastName = 'Santos  Mendes';
    process.providerSpecific.documentContent.gender = 'FEMALE';
    const comparison = compareIdentity(process);
    expect(comparison.rows.filter((candidate) => candidate.mismatch)).toEqual([]);
    expect(row(comparison, 'firstName')?.values.finalResult).toBe(' María Paula ');
  });

  it('compares only present values: a missing value is not a mismatch', () => {
    const comparison = compareIdentity(readidAccepted);
    expect(comparison.sources.map((source) => source.id)).toEqual([
      'finalResult',
      'consolidatedIdentityData',
    ]);
    expect(comparison.rows.length).toBeGreaterThan(0);
    expect(comparison.rows.every((candidate) => !candidate.mismatch)).toBe(true);
  });

  it('reads ReadID elements inside the session layout', () => {
    const process = buildProcess('readid', 'inconclusive', {
      session: readidAcceptedIproov.providerSpecific,
    });
    expect(compareIdentity(process).sources.map((source) => source.id)).toEqual([
      'consolidatedIdentityData',
      'documentContent',
      'mrzNames',
    ]);
  });

  it('Paper: printed text against the MRZ, personalNumber as personal identification number', () => {
    const process = buildProcess('signicatpaper', 'rejected', {
      features: { firstName: 'Maria Paula', lastName: 'Santos Mendes', personalNumber: '123456789' },
      mrz: { firstName: 'MARIA PAULA', lastName: 'SANTOS', personalNumber: '123456789' },
    });
    const comparison = compareIdentity(process);
    expect(comparison.sources.map((source) => source.id)).toEqual(['features', 'mrz']);
    expect(row(comparison, 'lastName')?.mismatch).toBe(true);
    expect(row(comparison, 'firstName')?.mismatch).toBe(false);
    expect(row(comparison, 'personalIdentificationNumber')?.values).toEqual({
      features: '123456789',
      mrz: '123456789',
    });
  });

  it('Connect: userInfo claims mapped to identity fields', () => {
    const process = buildProcess(
      'connect',
      'accepted',
      {
        userInfo: {
          given_name: 'Maria Paula',
          family_name: 'Santos Mendes',
          birthdate: '2002-04-29',
          nin: '123',
        },
      },
      { finalResult: { firstName: 'Maria Paula', lastName: 'Santos Mendes', dateOfBirth: '2002-04-30' } },
    );
    const comparison = compareIdentity(process);
    expect(comparison.sources.map((source) => source.id)).toEqual(['finalResult', 'userInfo']);
    expect(row(comparison, 'dateOfBirth')?.mismatch).toBe(true);
    expect(row(comparison, 'personalIdentificationNumber')?.values).toEqual({
      finalResult: undefined,
      userInfo: '123',
    });
  });

  it('WebID: identResponse.user and idDocument', () => {
    const process = buildProcess('webid', 'inconclusive', {
      identResponse: {
        result: 'mismatch',
        user: {
          firstName: 'Maria',
          lastName: 'Santos Mendes',
          dateOfBirth: '2002-04-29',
          nationality: 'PRT',
        },
        idDocument: {
          type: 'passport',
          number: 'P123456',
          issuingCountry: 'PRT',
          dateOfExpiry: '2030-07-08',
        },
      },
    });
    const comparison = compareIdentity(process);
    expect(comparison.sources).toEqual([{ id: 'identResponse', label: 'WebID ident response' }]);
    expect(row(comparison, 'documentNumber')?.values).toEqual({ identResponse: 'P123456' });
    expect(row(comparison, 'documentType')?.values).toEqual({ identResponse: 'passport' });
  });

  it('eID: ocr features that carry a value', () => {
    const process = buildProcess('eid', 'accepted', {
      ocr: {
        features: [
          { name: 'lastName', found: true, side: 'front', value: 'Santos Mendes' },
          { name: 'portrait', found: true },
        ],
      },
    });
    expect(row(compareIdentity(process), 'lastName')?.values).toEqual({ ocr: 'Santos Mendes' });
  });

  it('Onfido has no identity source besides finalResult', () => {
    const process = buildProcess(
      'onfido',
      'accepted',
      { facialSimilarity: { result: 'clear' } },
      { finalResult: { firstName: 'A' } },
    );
    expect(compareIdentity(process).sources.map((source) => source.id)).toEqual(['finalResult']);
  });

  it.each([null, 'x', 42, { provider: 'readid' }])(
    'malformed input %j gives an empty comparison',
    (input) => {
      expect(compareIdentity(input)).toEqual({ sources: [], rows: [] });
    },
  );

  it('shows non-string values instead of dropping them', () => {
    const process = buildProcess('readid', 'accepted', {
      consolidatedIdentityData: { documentNumber: 123456 },
    });
    expect(row(compareIdentity(process), 'documentNumber')?.values).toEqual({
      consolidatedIdentityData: '123456',
    });
  });
});

describe('normaliseIdentityValue', () => {
  it.each([
    ['lastName', 'Gonçalves', 'GONCALVES'],
    ['firstName', '  Zoë   Ann ', 'zoe ann'],
    ['gender', 'FEMALE', 'F'],
    ['gender', 'male', 'M'],
  ] as const)('%s: %j equals %j', (field, a, b) => {
    expect(normaliseIdentityValue(field, a)).toBe(normaliseIdentityValue(field, b));
  });

  it('keeps different names different', () => {
    expect(normaliseIdentityValue('lastName', 'Mendes')).not.toBe(
      normaliseIdentityValue('lastName', 'Mendez'),
    );
  });
});

describe('documentFlags', () => {
  const today = new Date('2025-06-15T12:00:00Z');
  const withDates = (dateOfExpiry: string | undefined, dateOfBirth: string | undefined) =>
    buildProcess('readid', 'accepted', undefined, {
      finalResult: {
        ...(dateOfExpiry ? { dateOfExpiry } : {}),
        ...(dateOfBirth ? { dateOfBirth } : {}),
      },
    });

  it.each([
    ['expired yesterday', '2025-06-14', ['documentExpired']],
    ['expires today (still valid)', '2025-06-15', ['documentExpiresSoon']],
    ['expires in exactly 90 days', '2025-09-13', ['documentExpiresSoon']],
    ['expires in 91 days', '2025-09-14', []],
    ['expires in years', '2030-07-08', []],
    ['invalid date is ignored', '2025-02-30', []],
  ])('document %s', (_name, dateOfExpiry, codes) => {
    expect(documentFlags(withDates(dateOfExpiry, '1990-01-01'), today).map((flag) => flag.code)).toEqual(
      codes,
    );
  });

  it.each([
    ['turns 18 tomorrow', '2007-06-16', ['underage']],
    ['turns 18 today', '2007-06-15', []],
    ['is 23', '2002-04-29', []],
    ['is a child', '2015-01-01', ['underage']],
  ])('end-user %s', (_name, dateOfBirth, codes) => {
    expect(documentFlags(withDates('2030-01-01', dateOfBirth), today).map((flag) => flag.code)).toEqual(
      codes,
    );
  });

  it('says which date and source a flag is based on', () => {
    const process = buildProcess('readid', 'inconclusive', {
      consolidatedIdentityData: { dateOfExpiry: '2025-01-31', dateOfBirth: '2002-04-29' },
    });
    expect(documentFlags(process, today)).toEqual([
      {
        code: 'documentExpired',
        label: 'Document expired',
        detail: 'The document expired on 2025-01-31 (consolidatedIdentityData).',
        date: '2025-01-31',
        sourceId: 'consolidatedIdentityData',
      },
    ]);
  });

  it('prefers finalResult over provider data', () => {
    const process = buildProcess(
      'readid',
      'accepted',
      { consolidatedIdentityData: { dateOfExpiry: '2020-01-01' } },
      { finalResult: { dateOfExpiry: '2030-01-01' } },
    );
    expect(documentFlags(process, today)).toEqual([]);
  });

  it('the vendor seed (expiry 2030, born 2002) has no flags in 2025', () => {
    expect(documentFlags(readidAcceptedIproov, today)).toEqual([]);
  });

  it('nothing for malformed input or an invalid today', () => {
    expect(documentFlags(null, today)).toEqual([]);
    expect(documentFlags(withDates('2020-01-01', undefined), new Date('nope'))).toEqual([]);
  });
});

describe('names as the MRZ writes them', () => {
  it('does not report ICAO transliterations or punctuation as mismatches', () => {
    expect(normaliseIdentityValue('lastName', 'SCHRÖDER')).toBe(
      normaliseIdentityValue('lastName', 'SCHROEDER'),
    );
    expect(normaliseIdentityValue('lastName', "O'CONNOR")).toBe(
      normaliseIdentityValue('lastName', 'O CONNOR'),
    );
    expect(normaliseIdentityValue('lastName', 'Jørgensen')).toBe(
      normaliseIdentityValue('lastName', 'JOERGENSEN'),
    );
    expect(normaliseIdentityValue('lastName', 'Popescu')).not.toBe(
      normaliseIdentityValue('lastName', 'Popa'),
    );
    expect(normaliseIdentityValue('documentNumber', 'P 123')).not.toBe(
      normaliseIdentityValue('documentNumber', 'P123'),
    );
  });
});
