// Source-by-source identity comparison and document flags for the process detail screen (product brief, screen 3).
// Sources per provider follow the elements of contract §4–§5; values are shown as delivered, compared normalised.
import { readIdElements } from './explain/readid';
import { transliterateIcao } from './icao';
import { processSchema, type AssureProcess } from './process';
import { asRecord, asString, displayValue, isIsoDate, type JsonRecord } from './raw-json';

export const IDENTITY_FIELDS = [
  'firstName',
  'lastName',
  'dateOfBirth',
  'gender',
  'nationality',
  'documentType',
  'documentNumber',
  'dateOfExpiry',
  'issuingCountry',
  'personalIdentificationNumber',
] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

export const IDENTITY_FIELD_LABELS: Record<IdentityField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  gender: 'Gender',
  nationality: 'Nationality',
  documentType: 'Document type',
  documentNumber: 'Document number',
  dateOfExpiry: 'Date of expiry',
  issuingCountry: 'Issuing country',
  personalIdentificationNumber: 'Personal identification number',
};

export interface IdentitySource {
  /** The element the values come from, in the vendor's words (`finalResult`, `documentContent`, `userInfo`, …). */
  id: string;
  label: string;
}

export interface IdentityRow {
  field: IdentityField;
  label: string;
  /** Values as delivered, by source id; undefined where that source has no value. */
  values: Record<string, string | undefined>;
  /** True when two present values differ after normalisation (trim, case, diacritics). */
  mismatch: boolean;
}

export interface IdentityComparison {
  sources: IdentitySource[];
  rows: IdentityRow[];
}

interface SourceData extends IdentitySource {
  values: Partial<Record<IdentityField, unknown>>;
}

/** Copies the identity fields of `record`, renaming where the source uses other names. */
function pickFields(record: JsonRecord | undefined, renames: Partial<Record<IdentityField, string>> = {}) {
  const values: Partial<Record<IdentityField, unknown>> = {};
  if (!record) return values;
  for (const field of IDENTITY_FIELDS) {
    const key = renames[field] ?? field;
    if (record[key] !== undefined && record[key] !== null) values[field] = record[key];
  }
  return values;
}

/** eID/VideoID `ocr.features` items `{name, found, side}`; a feature carrying a `value` contributes it. */
function ocrFeatureValues(ocr: JsonRecord | undefined) {
  const values: Partial<Record<IdentityField, unknown>> = {};
  const features = ocr?.features;
  if (!Array.isArray(features)) return values;
  for (const item of features) {
    const feature = asRecord(item);
    const name = asString(feature?.name);
    const field = IDENTITY_FIELDS.find((candidate) => candidate === name);
    if (field && feature?.value !== undefined && feature.value !== null) values[field] = feature.value;
  }
  return values;
}

function providerSources(process: AssureProcess): SourceData[] {
  const ps = process.providerSpecific ?? {};
  switch (process.provider) {
    case 'readid': {
      // §5.1: either layout; documentContent also carries the MRZ names.
      const elements = readIdElements(ps);
      const documentContent = asRecord(elements.documentContent);
      return [
        {
          id: 'consolidatedIdentityData',
          label: 'ReadID consolidated data',
          values: pickFields(asRecord(elements.consolidatedIdentityData)),
        },
        {
          id: 'documentContent',
          label: 'ReadID document content (chip)',
          values: pickFields(documentContent),
        },
        {
          id: 'mrzNames',
          label: 'ReadID MRZ names',
          values: pickFields(documentContent, { firstName: 'mrzFirstName', lastName: 'mrzLastName' }),
        },
      ];
    }
    case 'signicatpaper':
    case 'signicatpictureid':
      // §5.4: printed text (`features`) against the MRZ (`mrz`); Paper calls the personal number `personalNumber`.
      return [
        {
          id: 'features',
          label: 'Printed text (features)',
          values: pickFields(asRecord(ps.features), { personalIdentificationNumber: 'personalNumber' }),
        },
        {
          id: 'mrz',
          label: 'Machine-readable zone (mrz)',
          values: pickFields(asRecord(ps.mrz), { personalIdentificationNumber: 'personalNumber' }),
        },
      ];
    case 'eid':
    case 'signicatvideoid':
      return [
        { id: 'ocr', label: 'Document OCR (ocr.features)', values: ocrFeatureValues(asRecord(ps.ocr)) },
      ];
    case 'webid': {
      // §5.6: identResponse.user and identResponse.idDocument.
      const identResponse = asRecord(ps.identResponse);
      const user = pickFields(asRecord(identResponse?.user));
      const idDocument = pickFields(asRecord(identResponse?.idDocument), {
        documentType: 'type',
        documentNumber: 'number',
      });
      return [{ id: 'identResponse', label: 'WebID ident response', values: { ...user, ...idDocument } }];
    }
    case 'connect':
      // §5.5: OpenID-style claims.
      return [
        {
          id: 'userInfo',
          label: 'eID login claims (userInfo)',
          values: pickFields(asRecord(ps.userInfo), {
            firstName: 'given_name',
            lastName: 'family_name',
            dateOfBirth: 'birthdate',
            personalIdentificationNumber: 'nin',
          }),
        },
      ];
    default:
      // Onfido's Get process carries no identity data (§5.2); unknown providers are not interpreted.
      return [];
  }
}

function allSources(process: AssureProcess): SourceData[] {
  const sources: SourceData[] = [
    { id: 'finalResult', label: 'Final result (Assure)', values: pickFields(process.finalResult) },
    ...providerSources(process),
  ];
  return sources.filter((source) => Object.keys(source.values).length > 0);
}

const GENDER_WORDS: Record<string, string> = { female: 'f', male: 'm' };

/**
 * Comparison form: trimmed, single-spaced, lower case, without diacritics; genders FEMALE/MALE as F/M. Names are
 * first transliterated as ICAO 9303 does for the MRZ (SCHRÖDER → SCHROEDER) and stripped of punctuation and
 * spaces (O'CONNOR = O CONNOR), so the MRZ's spelling of a name is not reported as a mismatch.
 */
export function normaliseIdentityValue(field: IdentityField, value: string): string {
  let text = value.trim();
  if (NAME_FIELDS.has(field)) {
    text = transliterateIcao(text);
  }
  text = text.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').toLowerCase();
  if (NAME_FIELDS.has(field)) text = text.replace(/[^\p{L}\p{N}]/gu, '');
  return field === 'gender' ? (GENDER_WORDS[text] ?? text) : text;
}

const NAME_FIELDS: ReadonlySet<IdentityField> = new Set<IdentityField>(['firstName', 'lastName']);

function parse(process: unknown): AssureProcess | undefined {
  const result = processSchema.safeParse(process);
  return result.success ? result.data : undefined;
}

/** Identity data side by side, one column per source present, with mismatches marked. Never throws. */
export function compareIdentity(process: unknown): IdentityComparison {
  const parsed = parse(process);
  if (!parsed) return { sources: [], rows: [] };
  const sources = allSources(parsed);
  const rows: IdentityRow[] = [];
  for (const field of IDENTITY_FIELDS) {
    const values: Record<string, string | undefined> = {};
    for (const source of sources) values[source.id] = displayValue(source.values[field]);
    const present = Object.values(values).filter(
      (value): value is string => value !== undefined && value.trim() !== '',
    );
    if (present.length === 0) continue;
    const distinct = new Set(present.map((value) => normaliseIdentityValue(field, value)));
    rows.push({ field, label: IDENTITY_FIELD_LABELS[field], values, mismatch: distinct.size > 1 });
  }
  return { sources: sources.map(({ id, label }) => ({ id, label })), rows };
}

export type DocumentFlagCode = 'documentExpired' | 'documentExpiresSoon' | 'underage';

export interface DocumentFlag {
  code: DocumentFlagCode;
  /** Short text for a badge. */
  label: string;
  /** One sentence with the date and its source. */
  detail: string;
  /** The `YYYY-MM-DD` date the flag is based on. */
  date: string;
  /** The identity source the date came from (first source with a valid date, finalResult first). */
  sourceId: string;
}

/** Days before expiry from which a document counts as expiring soon. */
export const EXPIRY_WARNING_DAYS = 90;
export const ADULT_AGE = 18;

/** `today` as a UTC calendar date, optionally shifted by whole days. */
function utcDate(today: Date, addDays = 0): string {
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + addDays));
  return date.toISOString().slice(0, 10);
}

function firstValidDate(
  comparison: IdentityComparison,
  field: IdentityField,
): { date: string; sourceId: string } | undefined {
  const row = comparison.rows.find((candidate) => candidate.field === field);
  if (!row) return undefined;
  for (const source of comparison.sources) {
    const value = row.values[source.id]?.trim();
    if (isIsoDate(value)) return { date: value, sourceId: source.id };
  }
  return undefined;
}

/**
 * Document expired / expiring within 90 days, end-user under 18, from `dateOfExpiry` and `dateOfBirth` (`YYYY-MM-DD`,
 * contract §4). Dates compare as UTC calendar days; a document is valid through its expiry date. Never throws.
 */
export function documentFlags(process: unknown, today: Date): DocumentFlag[] {
  if (Number.isNaN(today.getTime())) return [];
  const comparison = compareIdentity(process);
  const todayText = utcDate(today);
  const flags: DocumentFlag[] = [];

  const expiry = firstValidDate(comparison, 'dateOfExpiry');
  if (expiry && expiry.date < todayText) {
    flags.push({
      code: 'documentExpired',
      label: 'Document expired',
      detail: `The document expired on ${expiry.date} (${expiry.sourceId}).`,
      ...expiry,
    });
  } else if (expiry && expiry.date <= utcDate(today, EXPIRY_WARNING_DAYS)) {
    flags.push({
      code: 'documentExpiresSoon',
      label: 'Document expires soon',
      detail: `The document expires on ${expiry.date}, within ${EXPIRY_WARNING_DAYS} days (${expiry.sourceId}).`,
      ...expiry,
    });
  }

  const birth = firstValidDate(comparison, 'dateOfBirth');
  if (birth) {
    const adultFrom = `${String(Number(birth.date.slice(0, 4)) + ADULT_AGE).padStart(4, '0')}${birth.date.slice(4)}`;
    if (todayText < adultFrom) {
      flags.push({
        code: 'underage',
        label: `Under ${ADULT_AGE}`,
        detail: `The end-user was born on ${birth.date} and is under ${ADULT_AGE} (${birth.sourceId}).`,
        ...birth,
      });
    }
  }
  return flags;
}
