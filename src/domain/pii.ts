import { can } from './policy';

// Personal data in Assure answers, by how sensitive it is. Names are visible to roles that work cases; identifiers
// (document numbers, dates of birth, personal identification numbers) stay masked until revealed with a reason.

export const NAME_FIELDS = [
  'firstName',
  'lastName',
  'mrzFirstName',
  'mrzLastName',
  'given_name',
  'family_name',
  'name',
  'nameOfHolder',
  'primaryIdentifier',
  'secondaryIdentifier',
  'mrzPrimaryIdentifier',
  'mrzSecondaryIdentifier',
] as const;
export const IDENTIFIER_FIELDS = [
  'documentNumber',
  'dateOfBirth',
  'personalIdentificationNumber',
  'personalNumber',
  'birthdate',
  'nin',
  'number',
  'placeOfBirth',
] as const;

/** Every personal-data key, names and identifiers alike: what the retention setting erases. */
export const PERSONAL_DATA_FIELDS: ReadonlySet<string> = new Set<string>([
  ...NAME_FIELDS,
  ...IDENTIFIER_FIELDS,
]);

/** Elements whose fields are verdicts about a personal field (`mrzChecksum.dateOfBirth: "VALID"`), not the data. */
export const VERDICT_ELEMENTS: ReadonlySet<string> = new Set(['mrzChecksum', 'mrzFeatureMatching']);

/** Elements listing document features whose `name` is the feature's ("Hologram", eID's `ocr.features`), not a person's. */
export const FEATURE_LIST_ELEMENTS: ReadonlySet<string> = new Set(['features']);

export type RevealableField = (typeof IDENTIFIER_FIELDS)[number] | (typeof NAME_FIELDS)[number];

export const FIELD_LABELS: Record<string, string> = {
  documentNumber: 'Document number',
  dateOfBirth: 'Date of birth',
  personalIdentificationNumber: 'Personal identification number',
  personalNumber: 'Personal number',
  birthdate: 'Birth date',
  nin: 'National identity number',
  number: 'Document number',
  placeOfBirth: 'Place of birth',
};

/** The keys masked for a role: names too for roles without personal-data rights. */
export function maskedKeysFor(role: string | undefined): Set<string> {
  return new Set<string>(
    can(role, 'processes:pii') ? IDENTIFIER_FIELDS : [...IDENTIFIER_FIELDS, ...NAME_FIELDS],
  );
}

export const MASK = '•••';

/**
 * A copy of a Get process answer with every personal value (the keys above, outside verdict elements) replaced by
 * null, and how many values that was. Checks, statuses, process dates and everything else stay as they are.
 */
export function erasePersonalData(raw: unknown): { value: unknown; erased: number } {
  let erased = 0;
  const isValue = (v: unknown) => (typeof v === 'string' && v !== '') || typeof v === 'number';
  const walk = (value: unknown, parent?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, parent));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => {
          const personal =
            PERSONAL_DATA_FIELDS.has(k) &&
            !VERDICT_ELEMENTS.has(parent ?? '') &&
            !(k === 'name' && FEATURE_LIST_ELEMENTS.has(parent ?? ''));
          // A list of values under a personal key (several given names) is personal data as a whole.
          if (personal && (isValue(v) || (Array.isArray(v) && v.some(isValue)))) {
            erased++;
            return [k, null];
          }
          return [k, walk(v, k)];
        }),
      );
    }
    return value;
  };
  return { value: walk(raw), erased };
}
