/**
 * The sandbox's own vocabulary for the Assure contract. Deliberately NOT imported from src/domain:
 * the emulator and the client must each read the contract themselves (contract preamble, STYLE.md).
 */

/** Contract §1: process statuses ("canceled" with one "l"). */
export const STATUSES = [
  'pending',
  'processing',
  'accepted',
  'rejected',
  'inconclusive',
  'canceled',
  'failed',
] as const;
export type Status = (typeof STATUSES)[number];
export type FinalStatus = Exclude<Status, 'pending' | 'processing'>;
export const FINAL_STATUSES: readonly FinalStatus[] = [
  'accepted',
  'rejected',
  'inconclusive',
  'canceled',
  'failed',
];
/** Contract §3 "Full result": a zip exists only for processes finished with a result. */
export const WITH_RESULT: readonly FinalStatus[] = ['accepted', 'rejected', 'inconclusive'];

export function isFinal(status: Status): status is FinalStatus {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

/** Contract §5: provider ids, plus the §5.7 extras Signicat VideoID and PictureID. */
export const PROVIDERS = [
  'readid',
  'onfido',
  'eid',
  'signicatpaper',
  'connect',
  'webid',
  'signicatvideoid',
  'signicatpictureid',
] as const;
export type ProviderId = (typeof PROVIDERS)[number];

export function isProviderId(value: string): value is ProviderId {
  return (PROVIDERS as readonly string[]).includes(value);
}

/** Contract §3 "Process image": depictions. */
export const DEPICTIONS = ['front', 'back', 'selfie', 'portrait'] as const;
export type Depiction = (typeof DEPICTIONS)[number];

/** Contract §4: failReason values the emulator uses (plus Connect's error.code, §5.5). */
export type FailReason =
  | 'timeout'
  | 'cameraAccessDenied'
  | 'userAborted'
  | 'technicalError'
  | 'documentNotSupported'
  | 'chipReadFailed'
  | (string & {});

/** The outcome of applying a provider's documented rule to its checks. */
export interface Derived {
  status: FinalStatus;
  failReason?: FailReason;
}

/** "Finished without result" shortcut shared by all providers (contract §1 canceled/failed). */
export type Abort = { status: 'failed'; failReason: FailReason } | { status: 'canceled' };

export type DocumentType = 'passport' | 'identityCard' | 'driversLicense' | 'residencePermit';
export type Gender = 'F' | 'M' | 'X';

/** Drawing parameters for the synthetic face of a person (images.ts). */
export interface FaceLook {
  skin: [number, number, number];
  hair: [number, number, number];
  eyes: [number, number, number];
  lips: [number, number, number];
  clothes: [number, number, number];
  backdrop: [number, number, number];
  faceWidth: number; // relative, ~0.26..0.33 of image width (half-axis)
  faceHeight: number; // relative, ~0.27..0.33 of image height (half-axis)
  hairStyle: 'short' | 'long' | 'bald' | 'bun';
  glasses: boolean;
  beard: boolean;
}

/** One synthetic end-user (one per dossier). All values normalised as in contract §4. */
export interface Person {
  key: string; // stable key for images and per-person randomness
  firstName: string; // mixed case, may contain diacritics (or HTML, exactly once in the seed)
  lastName: string;
  gender: Gender;
  dateOfBirth: string; // YYYY-MM-DD
  placeOfBirth: string;
  nationality: string; // ISO 3166-1 alpha-3
  issuingCountry: string; // alpha-3
  countryName: string;
  nationalityAdjective: string;
  documentType: DocumentType;
  documentNumber: string;
  personalNumber: string;
  dateOfIssue: string;
  dateOfExpiry: string;
  issuingAuthority: string;
  look: FaceLook;
}

/** Plain JSON value types, so nothing needs `any`. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
