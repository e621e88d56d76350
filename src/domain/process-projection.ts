import { MASK, PERSONAL_DATA_FIELDS } from './pii';

// What a role without personal-data rights (a manager) may see of a Get process answer: an ALLOW-list, not a
// deny-list. A value stays only when its key is known to carry a status, a check verdict, a provider setting without
// personal data, or a process date — and the value itself looks like one (a short token, a boolean, a number).
// Everything else is replaced by "•••", whatever its shape: strings, numbers, arrays and objects alike, in any key
// spelling (`firstName`, `first_name`, `FirstName`). A vendor adding a field therefore hides it until it is listed
// here, rather than leaking it until someone notices.

/** Keys compared without case, `_` or `-`: `given_name`, `givenName` and `GIVEN-NAME` are one key. */
export const normaliseKey = (key: string) => key.toLowerCase().replace(/[_-]/g, '');

/** Keys whose scalar value is shown to every role (contract §4 and §5, per provider). */
const ALLOWED_KEYS = new Set(
  [
    // Process information (§4).
    'processId',
    'provider',
    'status',
    'processType',
    'createdAt',
    'updatedAt',
    'completedAt',
    'failReason',
    // Verdicts and scores shared by several providers.
    'result',
    'subResult',
    'similarityScore',
    'livenessDetected',
    'documentType',
    'documentCode',
    'issuingCountry',
    // ReadID (§5.1): chip checks, iProov session settings and verdicts, NFC verification statuses.
    'chipVerification',
    'chipCloneDetection',
    'attempts',
    'enrollmentImageSource',
    'enrolmentImageSource',
    'finished',
    'hasError',
    'passed',
    'iProovAssuranceType',
    'assuranceType',
    'BAC',
    'BACReason',
    'PACE',
    'PACEReason',
    'EACTA',
    'EACTAReason',
    'DS',
    'DSReason',
    'CS',
    'CSReason',
    'HT',
    'HTReason',
    'AA',
    'AAReason',
    'EACCA',
    'EACCAReason',
    'chipRead',
    'mrzType',
    // Onfido (§5.2).
    'imageIntegrity',
    'faceComparison',
    'visualAuthenticity',
    'dataValidation',
    'dataComparison',
    'dataConsistency',
    'compromisedDocument',
    'policeRecord',
    // eID / VideoID (§5.3): feature list entries (`found`, `side`, `bbox`; `name` only inside the list, below).
    'found',
    'side',
    'bbox',
    // Signicat Paper (§5.4): `verification.type`.
    'type',
    // Connect (§5.5): how the person logged in, never who (`sub`, `name`, `nin` are not listed).
    'idp',
    'acr',
    'iss',
    'iat',
    'exp',
    'nin_type',
    'nin_issuing_country',
    'code',
    // WebID (§5.6).
    'identMethod',
  ].map(normaliseKey),
);

/** Elements whose every field is a verdict about a personal field (`mrzChecksum.dateOfBirth: "VALID"`). */
const VERDICT_ELEMENTS = new Set(['mrzChecksum', 'mrzFeatureMatching'].map(normaliseKey));
const VERDICTS = new Set([
  'VALID',
  'INVALID',
  'MATCH',
  'MISMATCH',
  'NOT_CHECKED',
  'NOT_AVAILABLE',
  'UNKNOWN',
]);

/** Lists of document features whose `name` is the feature's ("Hologram"), not a person's. */
const FEATURE_LISTS = new Set(['features'].map(normaliseKey));

/** Keys that hold personal data: collapsed to one mask whatever is under them, so not even their shape shows. */
const PERSONAL_KEYS = new Set(
  [
    ...PERSONAL_DATA_FIELDS,
    'givenName',
    'familyName',
    'fullName',
    'middleName',
    'birthName',
    'sub',
    'agent',
    'user',
    'address',
    'email',
    'phone',
    'phoneNumber',
    'MRZString',
    'mrzLines',
    'mrz_string',
    'dateOfExpiry',
    'dateOfIssue',
    'gender',
    'sex',
    'nationality',
    'personalNumber',
    'issuingAuthority',
    'verifyToken',
    'transactionId',
    'portrait',
    'image',
    'photo',
  ].map(normaliseKey),
);

/** A value that can be a verdict, a setting or a date: no spaces, no MRZ filler, short. */
const TOKEN = /^[\w.:+-]{0,64}$/;
const isShownScalar = (v: unknown) =>
  v === null ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v)) ||
  (typeof v === 'string' && TOKEN.test(v));

export interface Projection {
  process: Record<string, unknown>;
  /** Keys (as spelled in the answer) whose values were replaced. */
  masked: string[];
  /** The replaced values (scalars found at any depth), to scrub from derived text. */
  hidden: string[];
}

/** Every scalar under a value, as text. */
function scalars(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => scalars(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => scalars(v, out));
  else if (typeof value === 'string' || typeof value === 'number') out.push(String(value));
  return out;
}

/** The allow-list projection of a Get process answer (see the top of this file). The input is not changed. */
export function projectProcess(raw: unknown): Projection {
  const masked = new Set<string>();
  const hidden = new Set<string>();
  const shown = new Set<string>();
  const hide = (key: string, value: unknown) => {
    masked.add(key);
    for (const s of scalars(value)) hidden.add(s);
    return MASK;
  };
  const keep = (value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number') shown.add(String(value));
    return value;
  };
  // `parent` is the key of the object holding `key`; `inEntry` says that object is an entry of a list, and `entry`
  // that the value itself is one.
  const walk = (
    value: unknown,
    key: string | undefined,
    parent: string | undefined,
    inEntry: boolean,
    entry: boolean,
  ): unknown => {
    const k = key === undefined ? undefined : normaliseKey(key);
    const featureName = k === 'name' && inEntry && parent !== undefined && FEATURE_LISTS.has(parent);
    const verdict =
      parent !== undefined &&
      VERDICT_ELEMENTS.has(parent) &&
      typeof value === 'string' &&
      VERDICTS.has(value);
    if (verdict) return keep(value);
    if (k !== undefined && PERSONAL_KEYS.has(k) && !featureName) {
      return value === null || value === undefined || value === '' ? value : hide(key!, value);
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, key, parent, inEntry, true));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([ck, cv]) => [
          ck,
          walk(cv, ck, k, entry, false),
        ]),
      );
    }
    if (key === undefined) return value;
    if ((ALLOWED_KEYS.has(k!) || featureName) && isShownScalar(value)) return keep(value);
    return value === null || value === undefined || value === '' ? value : hide(key, value);
  };
  const process = walk(raw, undefined, undefined, false, false);
  // A value also shown under an allowed key ("true", "SUCCEEDED") reveals nothing: scrubbing it would garble text.
  for (const s of shown) hidden.delete(s);
  return {
    process: (process && typeof process === 'object' ? process : {}) as Record<string, unknown>,
    masked: [...masked],
    hidden: [...hidden],
  };
}
