import { describe, expect, it } from 'vitest';
import { buildProcess } from './explain/__fixtures__/build';
import { readidAcceptedIproov } from './explain/__fixtures__/seeds';
import {
  attemptDiff,
  documentKeyInput,
  identityKeys,
  identitySnapshot,
  linkMatchLabel,
  normaliseCountry,
  normaliseDate,
  normaliseFullName,
  normaliseNumber,
} from './identity-keys';

const withFinal = (finalResult: Record<string, unknown>, provider = 'onfido') =>
  buildProcess(provider, 'accepted', undefined, { finalResult });

const keyOf = (process: unknown, kind: string) => identityKeys(process).find((k) => k.kind === kind)?.input;

describe('name normalisation', () => {
  it.each([
    ['BĂLĂNESCU', 'BALANESCU'],
    ['Bălănescu', 'BALANESCU'],
    ['bălănescu', 'Balanescu'],
    // MRZ transliteration (ICAO 9303): Ö → OE, Ü → UE, Å → AA, Ø → OE, ß → SS; and a form that dropped the accents.
    ['Schröder', 'SCHROEDER'],
    ['Schröder', 'Schroder'],
    ['Müller', 'MUELLER'],
    ['Østby', 'OESTBY'],
    ['Åkesson', 'AAKESSON'],
    ['Strauß', 'STRAUSS'],
    ['Łukasz', 'LUKASZ'],
    ['Conceição', 'CONCEICAO'],
    // Spacing, MRZ fillers, hyphens and apostrophes.
    ['  Santos   Mendes ', 'SANTOS MENDES'],
    ['SANTOS<MENDES', 'Santos Mendes'],
    ["O'Connor", 'O CONNOR'],
    ['Jean-Pierre', 'JEAN PIERRE'],
  ])('%s meets %s', (a, b) => {
    expect(normaliseFullName(a, undefined)).toBe(normaliseFullName(b, undefined));
    expect(normaliseFullName(a, undefined)).not.toBe('');
  });

  it('keeps different names apart', () => {
    expect(normaliseFullName('Maria', 'Santos')).not.toBe(normaliseFullName('Mario', 'Santos'));
    expect(normaliseFullName('Ana', 'Lien')).not.toBe(normaliseFullName('Ana', 'Lie'));
  });

  it('meets when given and family names are split differently or swapped', () => {
    expect(normaliseFullName('MARIA PAULA', 'SANTOS MENDES')).toBe(
      normaliseFullName('Maria', 'Paula Santos Mendes'),
    );
    expect(normaliseFullName('Ion', 'Bălănescu')).toBe(normaliseFullName('BALANESCU', 'ION'));
  });

  it('is empty without a name', () => {
    expect(normaliseFullName(undefined, undefined)).toBe('');
    expect(normaliseFullName(' ', '<<')).toBe('');
  });
});

describe('numbers, countries and dates', () => {
  it('folds spacing, case, hyphens and MRZ fillers out of numbers', () => {
    expect(normaliseNumber(' ab-12 34<<')).toBe('AB1234');
    expect(normaliseNumber('010190.12345')).toBe('01019012345');
    expect(normaliseNumber(undefined)).toBe('');
  });

  it('reads alpha-2 and ICAO codes as alpha-3', () => {
    expect(normaliseCountry('NO')).toBe('NOR');
    expect(normaliseCountry('nor')).toBe('NOR');
    expect(normaliseCountry('D')).toBe('DEU');
    expect(normaliseCountry('D<<')).toBe('DEU');
    expect(normaliseCountry(undefined)).toBe('');
  });

  it('reads dates as YYYY-MM-DD and refuses what is not a date', () => {
    expect(normaliseDate('1990-01-31')).toBe('1990-01-31');
    expect(normaliseDate('1990-01-31T00:00:00Z')).toBe('1990-01-31');
    expect(normaliseDate('31.01.1990')).toBe('1990-01-31');
    expect(normaliseDate('1990-02-31')).toBe('');
    expect(normaliseDate('soon')).toBe('');
    expect(normaliseDate(undefined)).toBe('');
  });
});

describe('identityKeys', () => {
  it('ReadID seed: document, national number and person keys', () => {
    const kinds = identityKeys(readidAcceptedIproov).map((k) => k.kind);
    expect(kinds).toContain('document');
    expect(kinds).toContain('person');
  });

  it('the same document read by two providers with different spellings gives the same keys', () => {
    const chip = withFinal(
      {
        firstName: 'ION',
        lastName: 'BALANESCU',
        dateOfBirth: '1985-03-02',
        documentNumber: '05 123456',
        issuingCountry: 'ROU',
        personalIdentificationNumber: '1850302123456',
      },
      'readid',
    );
    const form = withFinal({
      firstName: 'Ion',
      lastName: 'Bălănescu',
      dateOfBirth: '1985-03-02',
      documentNumber: '05123456',
      issuingCountry: 'RO',
      personalIdentificationNumber: '1850302-123456',
    });
    expect(identityKeys(chip)).toEqual(identityKeys(form));
    expect(
      identityKeys(chip)
        .map((k) => k.kind)
        .sort(),
    ).toEqual(['document', 'nationalId', 'person']);
  });

  it('an eID login links by its national identity number and country (alpha-2 in the claims)', () => {
    const login = buildProcess('connect', 'accepted', {
      userInfo: {
        given_name: 'Kari',
        family_name: 'Hansen',
        birthdate: '1990-05-17',
        nin: '17059012345',
        nin_issuing_country: 'NO',
      },
    });
    const passport = withFinal(
      {
        firstName: 'KARI',
        lastName: 'HANSEN',
        dateOfBirth: '1990-05-17',
        documentNumber: 'NO1234567',
        issuingCountry: 'NOR',
        personalIdentificationNumber: '17059012345',
      },
      'readid',
    );
    expect(keyOf(login, 'nationalId')).toBe(keyOf(passport, 'nationalId'));
    expect(keyOf(login, 'person')).toBe(keyOf(passport, 'person'));
    expect(keyOf(login, 'document')).toBeUndefined();
  });

  it('leaves out a key whose parts are missing', () => {
    expect(identityKeys(withFinal({ documentNumber: 'X1' }))).toEqual([]);
    expect(identityKeys(withFinal({ firstName: 'Ana', lastName: 'Lien' }))).toEqual([]);
    expect(identityKeys(withFinal({ firstName: 'Ana', dateOfBirth: 'unknown' }))).toEqual([]);
    expect(identityKeys(buildProcess('onfido', 'pending'))).toEqual([]);
    expect(identityKeys({ not: 'a process' })).toEqual([]);
    expect(identityKeys(null)).toEqual([]);
  });

  it('keeps the kinds apart: a document number equal to a national number is not the same key', () => {
    const keys = identityKeys(
      withFinal({ documentNumber: '123', personalIdentificationNumber: '123', issuingCountry: 'NOR' }),
    );
    expect(new Set(keys.map((k) => k.input)).size).toBe(2);
  });

  it('an administrator typing a document number meets the document key', () => {
    const process = withFinal({ documentNumber: 'ab 123-45', issuingCountry: 'NOR' });
    expect(documentKeyInput('AB12345', 'NO')).toBe(keyOf(process, 'document'));
    expect(documentKeyInput('', 'NO')).toBeUndefined();
  });
});

describe('linkMatchLabel', () => {
  it('says which key matched in words', () => {
    expect(linkMatchLabel(['document', 'person'])).toBe('same document');
    expect(linkMatchLabel(['person'])).toBe('same person, different document');
    expect(linkMatchLabel(['nationalId'])).toBe('same national number');
  });
});

describe('attemptDiff', () => {
  const person = {
    firstName: 'Ion',
    lastName: 'Bălănescu',
    dateOfBirth: '1985-03-02',
    issuingCountry: 'ROU',
    documentType: 'passport',
    dateOfExpiry: '2030-01-01',
  };

  it('same document, same person, new provider: one sentence, only the provider changed', () => {
    const first = withFinal({ ...person, documentNumber: 'P123' }, 'readid');
    const second = withFinal({ ...person, lastName: 'BALANESCU', documentNumber: 'p-123' }, 'onfido');
    const [change] = attemptDiff([
      { processId: 'a', snapshot: identitySnapshot(first) },
      { processId: 'b', snapshot: identitySnapshot(second) },
    ]);
    expect(change).toEqual({
      processId: 'b',
      previousProcessId: 'a',
      changed: [{ field: 'provider', from: 'readid', to: 'onfido' }],
      summary: 'Same document, same person, new provider.',
    });
  });

  it('different document number, same name and date of birth', () => {
    const first = withFinal({ ...person, documentNumber: 'P123' });
    const second = withFinal({ ...person, documentNumber: 'P999', dateOfExpiry: '2031-06-30' });
    const [change] = attemptDiff([
      { processId: 'a', snapshot: identitySnapshot(first) },
      { processId: 'b', snapshot: identitySnapshot(second) },
    ]);
    expect(change!.summary).toBe('Different document number, same name and date of birth.');
    expect(change!.changed.map((c) => c.field)).toEqual(['documentNumber', 'dateOfExpiry']);
  });

  it('a missing value (an attempt that read nothing, or was erased) is not a change', () => {
    const first = withFinal({ ...person, documentNumber: 'P123' });
    const failed = buildProcess('onfido', 'failed');
    expect(
      attemptDiff([
        { processId: 'a', snapshot: identitySnapshot(first) },
        { processId: 'b', snapshot: identitySnapshot(failed) },
      ])[0]!.changed,
    ).toEqual([]);
  });

  it('ReadID: a new device is a change once both devices are known; until then it is said to be unknown', () => {
    const readId = identitySnapshot(withFinal({ ...person, documentNumber: 'P123' }, 'readid'));
    const [known] = attemptDiff([
      { processId: 'a', snapshot: { ...readId, device: 'Apple iPhone, iOS 17.4' } },
      { processId: 'b', snapshot: { ...readId, device: 'Nordlys NL-5 Pro, Android 14' } },
    ]);
    expect(known).toEqual({
      processId: 'b',
      previousProcessId: 'a',
      changed: [{ field: 'device', from: 'Apple iPhone, iOS 17.4', to: 'Nordlys NL-5 Pro, Android 14' }],
      summary: 'Same document, same person, new device.',
    });
    const [unknown] = attemptDiff([
      { processId: 'a', snapshot: { ...readId, device: 'Apple iPhone, iOS 17.4' } },
      { processId: 'b', snapshot: readId },
    ]);
    expect(unknown).toMatchObject({
      changed: [],
      deviceUnknown: true,
      summary: 'Same document, same person: a repeat attempt.',
    });
  });

  it('one entry per attempt after the first, each against the one before', () => {
    const snaps = ['P1', 'P2', 'P3'].map((n, i) => ({
      processId: `p${i}`,
      snapshot: identitySnapshot(withFinal({ ...person, documentNumber: n })),
    }));
    expect(attemptDiff(snaps).map((c) => [c.previousProcessId, c.processId])).toEqual([
      ['p0', 'p1'],
      ['p1', 'p2'],
    ]);
    expect(attemptDiff(snaps.slice(0, 1))).toEqual([]);
  });
});
