import { can } from './policy';

// Personal data in Assure answers, by how sensitive it is. Names are visible to roles that work cases; identifiers
// (document numbers, dates of birth, personal identification numbers) stay masked until revealed with a reason.

export const NAME_FIELDS = ['firstName', 'lastName', 'mrzFirstName', 'mrzLastName', 'given_name', 'family_name', 'name', 'nameOfHolder', 'primaryIdentifier', 'secondaryIdentifier', 'mrzPrimaryIdentifier', 'mrzSecondaryIdentifier'] as const;
export const IDENTIFIER_FIELDS = ['documentNumber', 'dateOfBirth', 'personalIdentificationNumber', 'personalNumber', 'birthdate', 'nin', 'number', 'placeOfBirth'] as const;

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
  return new Set<string>(can(role, 'processes:pii') ? IDENTIFIER_FIELDS : [...IDENTIFIER_FIELDS, ...NAME_FIELDS]);
}

export const MASK = '•••';
