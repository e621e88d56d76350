// What the contract (assure-contract.md §4, §5, §9) names: the fields of a Get process answer, the elements of each
// provider's providerSpecific and the fields of finalResult. Used to list what a real tenant sends that we do not
// know (`npm run doctor`); nothing is rejected for being outside it.
import { isRecord } from './raw-json';
import { isStatus } from './status';

/** Top-level fields of a Get process answer (§4), plus `redirectUrl` of Create process (§3). */
export const PROCESS_FIELDS: ReadonlySet<string> = new Set([
  'processId',
  'provider',
  'processType',
  'status',
  'createdAt',
  'updatedAt',
  'providerSpecific',
  'finalResult',
  'failReason',
  'redirectUrl',
]);

/** finalResult fields (§4). */
export const FINAL_RESULT_FIELDS: ReadonlySet<string> = new Set([
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
  'similarityScore',
  'livenessDetected',
]);

const PAPER = ['verification', 'features', 'mrz', 'mrzChecksum', 'mrzVerification', 'mrzFeatureMatching'];

/** providerSpecific elements per provider (§5, §5.7); `errors` (§9) may come with any provider. */
export const PROVIDER_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  readid: ['consolidatedIdentityData', 'documentContent', 'iproovSession', 'iProovSession', 'session'],
  onfido: ['facialSimilarity', 'documentVerification'],
  eid: ['ocr', 'manualApproval'],
  signicatpaper: PAPER,
  connect: ['idtoken', 'userInfo', 'error'],
  webid: ['identResponse', 'payMoneyTransferResponse'],
  signicatvideoid: ['ocr', 'manualApproval'],
  signicatpictureid: [...PAPER, 'ocr'],
};
export const COMMON_ELEMENTS: readonly string[] = ['errors'];

export interface UnknownVocabulary {
  /** Top-level fields and `finalResult.<field>`s the contract does not name. */
  fields: string[];
  /** `<provider>.<element>` for elements the contract does not name for that provider. */
  elements: string[];
  /** The status, when it is not one of the seven. */
  status?: string;
  /** The provider, when the contract does not name it. */
  provider?: string;
}

/** What in one Get process answer the contract does not know. Never throws. */
export function unknownVocabulary(process: unknown): UnknownVocabulary {
  const out: UnknownVocabulary = { fields: [], elements: [] };
  if (!isRecord(process)) return out;
  for (const key of Object.keys(process)) if (!PROCESS_FIELDS.has(key)) out.fields.push(key);
  if (isRecord(process.finalResult)) {
    for (const key of Object.keys(process.finalResult))
      if (!FINAL_RESULT_FIELDS.has(key)) out.fields.push(`finalResult.${key}`);
  }
  const status = process.status;
  if (typeof status === 'string' && !isStatus(status)) out.status = status;
  const provider = typeof process.provider === 'string' ? process.provider : undefined;
  const known =
    provider !== undefined && Object.hasOwn(PROVIDER_ELEMENTS, provider)
      ? PROVIDER_ELEMENTS[provider]
      : undefined;
  if (provider !== undefined && !known) out.provider = provider;
  if (known && isRecord(process.providerSpecific)) {
    for (const key of Object.keys(process.providerSpecific)) {
      if (!known.includes(key) && !COMMON_ELEMENTS.includes(key)) out.elements.push(`${provider}.${key}`);
    }
  }
  return out;
}
