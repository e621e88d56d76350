/**
 * Machine-readable zones (ICAO 9303), used for ReadID's session.json (`MRZString`) and Signicat Paper's `mrz`.
 * Synthetic but well formed, check digits included, so a reviewer's tooling can parse them.
 */
import { toMrzName } from './people';
import type { Person } from './types';

const WEIGHTS = [7, 3, 1];

function charValue(ch: string): number {
  if (ch === '<') return 0;
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  return ch.charCodeAt(0) - 55; // A = 10
}

export function checkDigit(field: string): string {
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += charValue(field[i]) * WEIGHTS[i % 3];
  return String(sum % 10);
}

const fill = (value: string, length: number): string =>
  value.replaceAll(' ', '<').padEnd(length, '<').slice(0, length);

/** YYYY-MM-DD → YYMMDD (raw MRZ / ReadID form). */
export function yymmdd(date: string): string {
  return date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
}

export function documentCodeFor(person: Person): string {
  switch (person.documentType) {
    case 'passport':
      return 'P';
    case 'residencePermit':
      return 'IR';
    default:
      return 'I';
  }
}

function nameField(person: Person, length: number): string {
  return fill(`${toMrzName(person.lastName)}<<${toMrzName(person.firstName)}`, length);
}

const sexChar = (person: Person): string => (person.gender === 'X' ? '<' : person.gender);

/** Lines of the MRZ: TD3 (2×44) for passports, TD1 (3×30) for cards. */
export function mrzLines(person: Person): string[] {
  const doc = fill(person.documentNumber, 9);
  const docCheck = checkDigit(doc);
  const dob = yymmdd(person.dateOfBirth);
  const exp = yymmdd(person.dateOfExpiry);
  if (person.documentType === 'passport') {
    const personal = fill(person.personalNumber.replace(/[^0-9A-Z]/g, ''), 14);
    const line1 = fill(`P<${person.issuingCountry}${nameField(person, 39)}`, 44);
    const composite = `${doc}${docCheck}${dob}${checkDigit(dob)}${exp}${checkDigit(exp)}${personal}${checkDigit(personal)}`;
    const line2 = `${doc}${docCheck}${person.nationality}${dob}${checkDigit(dob)}${sexChar(person)}${exp}${checkDigit(exp)}${personal}${checkDigit(personal)}${checkDigit(composite)}`;
    return [line1, line2];
  }
  const code = fill(documentCodeFor(person), 2);
  const optional1 = fill(person.personalNumber.replace(/[^0-9A-Z]/g, ''), 15);
  const line1 = `${code}${person.issuingCountry}${doc}${docCheck}${optional1}`;
  const optional2 = fill('', 11);
  const upper = `${doc}${docCheck}${optional1}${dob}${checkDigit(dob)}${exp}${checkDigit(exp)}${optional2}`;
  const line2 = `${dob}${checkDigit(dob)}${sexChar(person)}${exp}${checkDigit(exp)}${person.nationality}${optional2}${checkDigit(upper)}`;
  return [line1, line2, nameField(person, 30)];
}

export function mrzType(person: Person): 'TD1' | 'TD3' {
  return person.documentType === 'passport' ? 'TD3' : 'TD1';
}
