// Identity keys for linking dossiers (the same document or person seen elsewhere), and the attempt diff of a
// dossier. Pure: the server hashes the keys with its secret before anything is stored (src/server/links).
import { transliterateIcao } from './icao';
import { compareIdentity, type IdentityField } from './identity';
import { asRecord, asString, isIsoDate } from './raw-json';
import { processSchema } from './process';
import { DIFF_FIELDS, type DiffField, type LinkKind } from './links-api';

// The link kinds and diff fields are words of the API (links-api.ts), which the SPA's list imports without this module.
export { DIFF_FIELDS, LINK_KINDS, type DiffField, type LinkKind } from './links-api';

/** What a match on each key means, in words a reviewer reads. */
export const LINK_KIND_LABELS: Record<LinkKind, string> = {
  document: 'same document',
  person: 'same person, different document',
  nationalId: 'same national number',
};

/** The words for a link matched on `kinds` ("same document and national number"). */
export function linkMatchLabel(kinds: readonly LinkKind[]): string {
  const set = new Set(kinds);
  if (set.has('document') && set.has('nationalId')) return 'same document and national number';
  if (set.has('document')) return LINK_KIND_LABELS.document;
  if (set.has('nationalId') && set.has('person')) return 'same person and national number';
  if (set.has('nationalId')) return LINK_KIND_LABELS.nationalId;
  return LINK_KIND_LABELS.person;
}

export interface IdentityKey {
  kind: LinkKind;
  /** The normalised input of the keyed hash: never stored or logged. */
  input: string;
}

const DIGRAPHS: Array<[RegExp, string]> = [
  [/AE/g, 'A'],
  [/OE/g, 'O'],
  [/UE/g, 'U'],
  [/AA/g, 'A'],
];

/**
 * One name word as the MRZ would spell it, folded: upper case, ICAO transliteration, diacritics dropped, vowel
 * digraphs folded (a chip reading SCHROEDER and a form reading Schröder or Schroder meet).
 */
export function foldNameWord(word: string): string {
  let text = transliterateIcao(word);
  text = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}]/gu, '');
  for (const [pattern, to] of DIGRAPHS) text = text.replace(pattern, to);
  return text;
}

/**
 * A full name for linking: given and family names together, split into words on spaces, MRZ fillers (`<`),
 * hyphens and apostrophes, each word folded, sorted (so a swapped first and last name still meets). Empty when
 * there is no name.
 */
export function normaliseFullName(firstName: string | undefined, lastName: string | undefined): string {
  const words = `${firstName ?? ''} ${lastName ?? ''}`
    .split(/[\s<\-'’.,]+/u)
    .map(foldNameWord)
    .filter(Boolean);
  return words.sort().join(' ');
}

/** A document or personal number: upper case, without spaces, hyphens, dots, slashes and MRZ fillers. */
export function normaliseNumber(value: string | undefined): string {
  return (value ?? '').toUpperCase().replace(/[\s\-./<]/g, '');
}

/** ISO 3166-1 alpha-2 → alpha-3 for the countries eID logins and documents come from; ICAO's `D` is Germany. */
const ALPHA3: Record<string, string> = {
  AT: 'AUT',
  BE: 'BEL',
  BG: 'BGR',
  CH: 'CHE',
  CY: 'CYP',
  CZ: 'CZE',
  D: 'DEU',
  DE: 'DEU',
  DK: 'DNK',
  EE: 'EST',
  ES: 'ESP',
  FI: 'FIN',
  FR: 'FRA',
  GB: 'GBR',
  UK: 'GBR',
  GR: 'GRC',
  EL: 'GRC',
  HR: 'HRV',
  HU: 'HUN',
  IE: 'IRL',
  IS: 'ISL',
  IT: 'ITA',
  LI: 'LIE',
  LT: 'LTU',
  LU: 'LUX',
  LV: 'LVA',
  MT: 'MLT',
  NL: 'NLD',
  NO: 'NOR',
  PL: 'POL',
  PT: 'PRT',
  RO: 'ROU',
  SE: 'SWE',
  SI: 'SVN',
  SK: 'SVK',
  TR: 'TUR',
  UA: 'UKR',
  US: 'USA',
  CA: 'CAN',
  AU: 'AUS',
  NZ: 'NZL',
  BR: 'BRA',
  IN: 'IND',
  CN: 'CHN',
  JP: 'JPN',
  RS: 'SRB',
  BA: 'BIH',
  AL: 'ALB',
  MK: 'MKD',
  ME: 'MNE',
  MD: 'MDA',
};

/** A country as ISO 3166-1 alpha-3 (`NO` and `NOR` meet); empty when there is none. */
export function normaliseCountry(value: string | undefined): string {
  const code = (value ?? '')
    .trim()
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  return ALPHA3[code] ?? code;
}

/** A date of birth as `YYYY-MM-DD` (a timestamp keeps its date; `DD.MM.YYYY` is read too); empty when unreadable. */
export function normaliseDate(value: string | undefined): string {
  const text = (value ?? '').trim();
  const iso = text.slice(0, 10);
  if (isIsoDate(iso)) return iso;
  const dotted = /^(\d{2})[./](\d{2})[./](\d{4})$/.exec(text);
  if (dotted) {
    const candidate = `${dotted[3]}-${dotted[2]}-${dotted[1]}`;
    if (isIsoDate(candidate)) return candidate;
  }
  return '';
}

/** Fields of one attempt as the desk reads them: the first source that has each (finalResult first). */
export type IdentitySnapshot = Partial<Record<IdentityField, string>> & {
  provider?: string;
  processType?: string;
  /** ReadID's device (`deviceInfo` in `session.json`) when known. */
  device?: string;
};

/** The identity fields of a Get process answer, one value per field (never throws). */
export function identitySnapshot(process: unknown): IdentitySnapshot {
  const parsed = processSchema.safeParse(process);
  const snapshot: IdentitySnapshot = {};
  if (!parsed.success) return snapshot;
  snapshot.provider = parsed.data.provider;
  if (parsed.data.processType) snapshot.processType = parsed.data.processType;
  const comparison = compareIdentity(parsed.data);
  for (const row of comparison.rows) {
    for (const source of comparison.sources) {
      const value = row.values[source.id]?.trim();
      if (value) {
        snapshot[row.field] = value;
        break;
      }
    }
  }
  // Connect's claims carry the national number's country apart from the document's.
  const userInfo = asRecord(asRecord(parsed.data.providerSpecific)?.userInfo);
  const ninCountry = asString(userInfo?.nin_issuing_country);
  if (ninCountry && !snapshot.issuingCountry) snapshot.issuingCountry = ninCountry;
  return snapshot;
}

/**
 * The keys a process is linked by, from what the chip, the MRZ, the document and the eID claims say:
 * document number + issuing country; personal identification number (or an eID login's national identity number)
 * + country; normalised full name + date of birth. A key whose parts are missing is left out.
 */
export function identityKeys(process: unknown): IdentityKey[] {
  const s = identitySnapshot(process);
  const keys: IdentityKey[] = [];
  const country = normaliseCountry(s.issuingCountry);
  const documentNumber = normaliseNumber(s.documentNumber);
  if (documentNumber && country)
    keys.push({ kind: 'document', input: `document|${country}|${documentNumber}` });
  const nationalNumber = normaliseNumber(s.personalIdentificationNumber);
  // The number's country: a document's issuing country, or the eID claims' nin_issuing_country.
  if (nationalNumber && country)
    keys.push({ kind: 'nationalId', input: `nationalId|${country}|${nationalNumber}` });
  const name = normaliseFullName(s.firstName, s.lastName);
  const birth = normaliseDate(s.dateOfBirth);
  if (name && birth) keys.push({ kind: 'person', input: `person|${birth}|${name}` });
  return keys;
}

/** The input of a document key as an administrator types it (for excluding a document shared legitimately). */
export function documentKeyInput(documentNumber: string, issuingCountry: string): string | undefined {
  const number = normaliseNumber(documentNumber);
  const country = normaliseCountry(issuingCountry);
  return number && country ? `document|${country}|${number}` : undefined;
}

// --- Attempt diff ----------------------------------------------------------------------------------------------

export const DIFF_FIELD_LABELS: Record<DiffField, string> = {
  provider: 'Provider',
  processType: 'Process type',
  documentType: 'Document type',
  documentNumber: 'Document number',
  issuingCountry: 'Issuing country',
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  dateOfExpiry: 'Date of expiry',
  device: 'Device',
};

export interface FieldChange {
  field: DiffField;
  from: string;
  to: string;
}

export interface AttemptChange {
  processId: string;
  previousProcessId: string;
  changed: FieldChange[];
  /** One sentence on what the attempt is against the previous one. */
  summary: string;
  /** Both attempts are ReadID but the device of one is not known yet (it is read when its full result is opened). */
  deviceUnknown?: boolean;
}

function comparable(field: DiffField, value: string | undefined): string {
  if (value === undefined) return '';
  switch (field) {
    case 'firstName':
    case 'lastName':
      return normaliseFullName(value, undefined);
    case 'documentNumber':
      return normaliseNumber(value);
    case 'issuingCountry':
      return normaliseCountry(value);
    case 'dateOfBirth':
    case 'dateOfExpiry':
      return normaliseDate(value) || value.trim();
    default:
      return value.trim().toLowerCase();
  }
}

/**
 * What changed between two attempts: fields both attempts carry whose values differ once normalised (a value
 * missing on either side, such as an attempt that failed before reading the document or one whose personal data
 * was erased, is not a change).
 */
export function diffSnapshots(previous: IdentitySnapshot, next: IdentitySnapshot): FieldChange[] {
  const changed: FieldChange[] = [];
  for (const field of DIFF_FIELDS) {
    const from = previous[field];
    const to = next[field];
    if (!from || !to) continue;
    if (comparable(field, from) !== comparable(field, to)) changed.push({ field, from, to });
  }
  return changed;
}

const same = (a: IdentitySnapshot, b: IdentitySnapshot, field: DiffField) =>
  Boolean(a[field] && b[field]) && comparable(field, a[field]) === comparable(field, b[field]);

/** The attempt in one sentence: "Same document, same person, new provider." */
export function summariseAttempt(
  previous: IdentitySnapshot,
  next: IdentitySnapshot,
  changed: FieldChange[],
): string {
  const fields = new Set(changed.map((c) => c.field));
  const sameDocument = same(previous, next, 'documentNumber') && !fields.has('issuingCountry');
  const samePerson =
    same(previous, next, 'dateOfBirth') &&
    normaliseFullName(previous.firstName, previous.lastName) !== '' &&
    normaliseFullName(previous.firstName, previous.lastName) ===
      normaliseFullName(next.firstName, next.lastName);
  const newProvider = fields.has('provider');
  if (sameDocument && samePerson) {
    if (newProvider) return 'Same document, same person, new provider.';
    if (fields.has('device')) return 'Same document, same person, new device.';
    return changed.length === 0
      ? 'Same document, same person: a repeat attempt.'
      : 'Same document, same person.';
  }
  if (fields.has('documentNumber') && samePerson)
    return 'Different document number, same name and date of birth.';
  if (sameDocument && (fields.has('firstName') || fields.has('lastName') || fields.has('dateOfBirth'))) {
    return 'Same document, different name or date of birth.';
  }
  if (changed.length === 0) return 'Nothing comparable changed.';
  return `Changed: ${changed.map((c) => DIFF_FIELD_LABELS[c.field].toLowerCase()).join(', ')}.`;
}

/** For each attempt after the first (in order), what changed against the one before. */
export function attemptDiff(
  attempts: Array<{ processId: string; snapshot: IdentitySnapshot }>,
): AttemptChange[] {
  const out: AttemptChange[] = [];
  for (let i = 1; i < attempts.length; i++) {
    const previous = attempts[i - 1]!;
    const next = attempts[i]!;
    const changed = diffSnapshots(previous.snapshot, next.snapshot);
    const readId = previous.snapshot.provider === 'readid' && next.snapshot.provider === 'readid';
    out.push({
      processId: next.processId,
      previousProcessId: previous.processId,
      changed,
      summary: summariseAttempt(previous.snapshot, next.snapshot, changed),
      ...(readId && !(previous.snapshot.device && next.snapshot.device) ? { deviceUnknown: true } : {}),
    });
  }
  return out;
}
