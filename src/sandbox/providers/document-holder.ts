/**
 * What the document-based providers (eid, onfido, signicatpaper, webid) report alike about the document holder:
 * the contract §4 finalResult fields read from the document, and the sides of the document photographed.
 */
import type { Depiction, Person } from '../types';

/**
 * Contract §4 finalResult from the document: the common fields, then the provider's `extra` fields, then the gender
 * (omitted when unspecified, 'X'). Key order is kept as the vendors send it.
 */
export function documentFinalResult(
  person: Person,
  extra: Record<string, string> = {},
): Record<string, string> {
  const out: Record<string, string> = {
    firstName: person.firstName,
    lastName: person.lastName,
    dateOfBirth: person.dateOfBirth,
    nationality: person.nationality,
    documentType: person.documentType,
    documentNumber: person.documentNumber,
    dateOfExpiry: person.dateOfExpiry,
    issuingCountry: person.issuingCountry,
    ...extra,
  };
  if (person.gender !== 'X') out.gender = person.gender;
  return out;
}

/** The document's photographed sides: a passport has only a front. */
export function documentSides(person: Person): Depiction[] {
  return person.documentType === 'passport' ? ['front'] : ['front', 'back'];
}
