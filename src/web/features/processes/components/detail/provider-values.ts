// Small pure helpers shared by the detail components: masked values, field labels, checks by vendor name.
import type { ExplanationJson, ProcessDetailResponse } from '@domain/process-detail-api';
import type { CheckResult } from '@domain/explain';
import { IDENTITY_FIELD_LABELS } from '@domain/identity';
import { MASK } from '@domain/pii';
import { asRecord, type JsonRecord } from '@domain/raw-json';

export type DetailProcess = ProcessDetailResponse['process'];
export type DetailCheck = ExplanationJson['checks'][number];

/** How a provider value maps to a check result; values outside the map are "not recognised". */
export type ValueCases = Readonly<Record<string, CheckResult>>;

/** The server replaces personal values with "•••" for roles that may not see them (the review panel offers reveal). */
export function isMasked(value: unknown): boolean {
  return value === MASK;
}

const EXTRA_LABELS: Record<string, string> = {
  dateOfIssue: 'Date of issue',
  issuingAuthority: 'Issuing authority',
  personalNumber: 'Personal number',
  composite: 'Composite check digit',
  documentCode: 'Document code',
  placeOfBirth: 'Place of birth',
  mrzFirstName: 'First name (MRZ)',
  mrzLastName: 'Last name (MRZ)',
};

/** "dateOfIssue" → "Date of issue"; known identity fields use their domain labels. */
export function fieldLabel(key: string): string {
  if (Object.hasOwn(IDENTITY_FIELD_LABELS, key))
    return IDENTITY_FIELD_LABELS[key as keyof typeof IDENTITY_FIELD_LABELS];
  if (Object.hasOwn(EXTRA_LABELS, key)) return EXTRA_LABELS[key];
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words ? `${words[0].toUpperCase()}${words.slice(1)}` : key;
}

export function findCheck(checks: readonly DetailCheck[], name: string): DetailCheck | undefined {
  return checks.find((check) => check.name === name);
}

/** The process's providerSpecific as a record ({} when absent or malformed). */
export function providerSpecificOf(process: DetailProcess): JsonRecord {
  return asRecord(process.providerSpecific) ?? {};
}

/** Keys of `record` in the preferred order first, then any others as they come. */
export function orderedKeys(record: JsonRecord | undefined, preferred: readonly string[]): string[] {
  if (!record) return [];
  const keys = Object.keys(record);
  return [
    ...preferred.filter((key) => keys.includes(key)),
    ...keys.filter((key) => !preferred.includes(key)),
  ];
}

/** JSON for people: two-space indent; never throws. */
export function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
