// Chip-level analysis of ReadID's own `session.json` from the full-result zip (contract §5.1, "Full result").
// The Check/Meaning table gives the reviewer tooltips; the Relationship rule says which chip values the
// nfcSession implies, so the zip can be checked against the Get process response.
import type { CheckResult } from './explain/types';
import { readIdElements } from './explain/readid';
import { asFlag, asNumber, asRecord, asString, isAbsent, showRaw, type JsonRecord } from './raw-json';

export const NFC_STATUS_VALUES = [
  'PRESENT_SUCCEEDED',
  'PRESENT_FAILED',
  'PRESENT_NOT_PERFORMED',
  'NOT_PRESENT',
  'UNKNOWN',
] as const;
export type NfcStatusValue = (typeof NFC_STATUS_VALUES)[number];

export type AccessControlCode = 'BAC' | 'PACE' | 'EACTA';
export type VerificationCode = 'DS' | 'CS' | 'HT' | 'AA' | 'EACCA';

/** Reviewer tooltips, contract §5.1 "Check / Meaning". */
export const NFC_CHECK_MEANINGS: Record<AccessControlCode | VerificationCode, string> = {
  BAC: 'Access control: chip opened with a key derived from the MRZ (PACE is stronger).',
  PACE: 'Access control: chip opened with a key derived from the MRZ (PACE is stronger).',
  EACTA: 'Terminal Authentication; only for protected data (fingerprints), usually not performed.',
  DS: "Document signer: signature over the chip's data-group hash list is valid.",
  CS: "Country signing: the signer certificate chains to the issuing country's CA.",
  HT: 'Hash test: the data groups read match the signed hashes.',
  AA: 'Active Authentication: chip signs a fresh challenge with a non-copyable key.',
  EACCA: 'Chip Authentication: key agreement proving the chip owns its private key.',
};

export interface NfcCheck<Code extends string> {
  code: Code;
  /** The raw status (`PRESENT_SUCCEEDED`, …); undefined when absent; non-strings shown as JSON. */
  status: string | undefined;
  reason: string | undefined;
  meaning: string;
  result: CheckResult;
  /** Whether `status` is one of the documented values. */
  recognised: boolean;
}

export interface IproovSessionSummary {
  attempts?: number;
  assuranceType?: string;
  enrolmentImageSource?: string;
  finished?: boolean;
  hasError?: boolean;
  passed?: boolean;
  result: CheckResult;
  raw: unknown;
}

export interface DeviceInfoSummary {
  brand?: string;
  manufacturer?: string;
  model?: string;
  platform?: string;
  OSVersion?: string;
}

export interface ReadIdSessionAnalysis {
  accessControl: NfcCheck<AccessControlCode>[];
  verification: NfcCheck<VerificationCode>[];
  /** Passive authentication: SUCCEEDED iff DS, CS and HT are PRESENT_SUCCEEDED, else FAILED; UNKNOWN when unreadable. */
  impliedChipVerification: 'SUCCEEDED' | 'FAILED' | 'UNKNOWN';
  /** SUCCEEDED if AA or EACCA succeeded, FAILED if a present one failed, NOT_SUPPORTED if both NOT_PRESENT, else UNKNOWN. */
  impliedChipCloneDetection: 'SUCCEEDED' | 'FAILED' | 'NOT_SUPPORTED' | 'UNKNOWN';
  /** What session.json's own consolidatedIdentityData reports, verbatim. */
  reported: { chipVerification?: string; chipCloneDetection?: string };
  iProov?: IproovSessionSummary;
  deviceInfo?: DeviceInfoSummary;
  chip?: { chipRead?: boolean; chipTypes: string[] };
  mrzType?: string;
  /** Problems reading the document, and inconsistencies inside session.json. */
  notices: string[];
}

function nfcResult(status: unknown): CheckResult {
  switch (status) {
    case 'PRESENT_SUCCEEDED':
      return 'passed';
    case 'PRESENT_FAILED':
      return 'failed';
    case 'PRESENT_NOT_PERFORMED':
    case 'NOT_PRESENT':
      return 'not_available';
    default:
      return 'unknown';
  }
}

function isNfcStatus(value: unknown): value is NfcStatusValue {
  return typeof value === 'string' && (NFC_STATUS_VALUES as readonly string[]).includes(value);
}

function nfcChecks<Code extends AccessControlCode | VerificationCode>(
  codes: readonly Code[],
  block: JsonRecord | undefined,
): NfcCheck<Code>[] {
  return codes.map((code) => {
    const status = block?.[code];
    const reason = block?.[`${code}Reason`];
    return {
      code,
      status: isAbsent(status) ? undefined : (asString(status) ?? showRaw(status)),
      reason: isAbsent(reason) ? undefined : (asString(reason) ?? showRaw(reason)),
      meaning: NFC_CHECK_MEANINGS[code],
      result: nfcResult(status),
      recognised: isNfcStatus(status),
    };
  });
}

/** §5.1 Relationship [A]: chipVerification SUCCEEDED iff DS, CS and HT succeeded, else FAILED. */
function impliedChipVerification(
  verification: NfcCheck<VerificationCode>[],
): ReadIdSessionAnalysis['impliedChipVerification'] {
  const passive = verification.filter(
    (check) => check.code === 'DS' || check.code === 'CS' || check.code === 'HT',
  );
  if (passive.every((check) => check.status === 'PRESENT_SUCCEEDED')) return 'SUCCEEDED';
  // A documented value other than PRESENT_SUCCEEDED (UNKNOWN included) is "else FAILED"; absent or unrecognised
  // values leave it open unless another documented value already settles it.
  if (passive.some((check) => check.recognised && check.status !== 'PRESENT_SUCCEEDED')) return 'FAILED';
  return 'UNKNOWN';
}

/** §5.1 Relationship [A]: SUCCEEDED if AA or EACCA succeeded, FAILED if a present one failed, NOT_SUPPORTED if both NOT_PRESENT. */
function impliedChipCloneDetection(
  verification: NfcCheck<VerificationCode>[],
): ReadIdSessionAnalysis['impliedChipCloneDetection'] {
  const active = verification.filter((check) => check.code === 'AA' || check.code === 'EACCA');
  if (active.some((check) => check.status === 'PRESENT_SUCCEEDED')) return 'SUCCEEDED';
  if (active.some((check) => check.status === 'PRESENT_FAILED')) return 'FAILED';
  if (active.every((check) => check.status === 'NOT_PRESENT')) return 'NOT_SUPPORTED';
  return 'UNKNOWN';
}

function readIproov(raw: unknown): IproovSessionSummary | undefined {
  if (isAbsent(raw)) return undefined;
  const session = asRecord(raw);
  if (!session) return { result: 'unknown', raw };
  const summary: IproovSessionSummary = {
    attempts: asNumber(session.attempts),
    assuranceType: asString(session.assuranceType) ?? asString(session.iProovAssuranceType),
    enrolmentImageSource: asString(session.enrolmentImageSource) ?? asString(session.enrollmentImageSource),
    finished: asFlag(session.finished),
    hasError: asFlag(session.hasError),
    passed: asFlag(session.passed),
    result: 'unknown',
    raw,
  };
  if (summary.passed === false || summary.hasError === true || summary.finished === false)
    summary.result = 'failed';
  else if (summary.passed === true) summary.result = 'passed';
  return summary;
}

function readDeviceInfo(raw: unknown): DeviceInfoSummary | undefined {
  const device = asRecord(raw);
  if (!device) return undefined;
  return {
    brand: asString(device.brand),
    manufacturer: asString(device.manufacturer),
    model: asString(device.model),
    platform: asString(device.platform),
    OSVersion: asString(device.OSVersion),
  };
}

function readChip(raw: unknown): ReadIdSessionAnalysis['chip'] {
  const chip = asRecord(raw);
  if (!chip) return undefined;
  const types = Array.isArray(chip.chipTypes)
    ? chip.chipTypes.filter((type): type is string => typeof type === 'string')
    : [];
  return { chipRead: asFlag(chip.chipRead), chipTypes: types };
}

/** Analyses a parsed `session.json` (any JSON value). Never throws. */
export function analyseReadIdSession(session: unknown): ReadIdSessionAnalysis {
  const notices: string[] = [];
  const root = asRecord(session);
  if (!root) notices.push(`session.json is not an object (${showRaw(session)}).`);
  const nfcSession = asRecord(root?.nfcSession);
  if (root && !nfcSession) notices.push('session.json has no nfcSession: the chip checks are not available.');
  const accessControlBlock = asRecord(nfcSession?.accessControlStatus);
  const verificationBlock = asRecord(nfcSession?.verificationStatus);
  if (nfcSession && !verificationBlock) notices.push('session.json has no nfcSession.verificationStatus.');

  const accessControl = nfcChecks(['BAC', 'PACE', 'EACTA'] as const, accessControlBlock);
  const verification = nfcChecks(['DS', 'CS', 'HT', 'AA', 'EACCA'] as const, verificationBlock);
  for (const check of [...accessControl, ...verification]) {
    if (check.status !== undefined && !check.recognised) {
      notices.push(`${check.code} has the value ${check.status}, which is not recognised.`);
    }
  }

  const identity = asRecord(root?.consolidatedIdentityData);
  const reported = {
    chipVerification: asString(identity?.chipVerification),
    chipCloneDetection: asString(identity?.chipCloneDetection),
  };
  const analysis: ReadIdSessionAnalysis = {
    accessControl,
    verification,
    impliedChipVerification: verificationBlock ? impliedChipVerification(verification) : 'UNKNOWN',
    impliedChipCloneDetection: verificationBlock ? impliedChipCloneDetection(verification) : 'UNKNOWN',
    reported,
    notices,
  };
  const iProov = readIproov(root?.iProovSession ?? root?.iproovSession);
  if (iProov) analysis.iProov = iProov;
  const deviceInfo = readDeviceInfo(root?.deviceInfo);
  if (deviceInfo) analysis.deviceInfo = deviceInfo;
  const chip = readChip(root?.chip);
  if (chip) analysis.chip = chip;
  const mrzType = asString(asRecord(root?.ocrSession)?.mrzType);
  if (mrzType) analysis.mrzType = mrzType;

  // Inside session.json: its consolidatedIdentityData should match what its nfcSession implies.
  for (const key of ['chipVerification', 'chipCloneDetection'] as const) {
    const implied =
      key === 'chipVerification' ? analysis.impliedChipVerification : analysis.impliedChipCloneDetection;
    const said = reported[key];
    if (said !== undefined && implied !== 'UNKNOWN' && chipClass(said) !== chipClass(implied)) {
      notices.push(
        `session.json's consolidatedIdentityData says ${key} ${said} but its nfcSession implies ${implied}.`,
      );
    }
  }
  return analysis;
}

/** NOT_SUPPORTED and NOT_CHECKED both mean "not available" (contract §5.1). */
function chipClass(value: string): string {
  return value === 'NOT_SUPPORTED' || value === 'NOT_CHECKED' ? 'NOT_AVAILABLE' : value;
}

/**
 * Where the zip's session.json and the Get process response disagree (the emulator derives the process values from
 * nfcSession, so they should agree, contract §5.1). Returns one sentence per disagreement; empty when they agree.
 */
export function compareSessionWithProcess(analysis: ReadIdSessionAnalysis, process: unknown): string[] {
  const processRecord = asRecord(process);
  const elements = readIdElements(asRecord(processRecord?.providerSpecific));
  const identity = asRecord(elements.consolidatedIdentityData);
  const disagreements: string[] = [];

  const pairs = [
    ['chipVerification', analysis.impliedChipVerification],
    ['chipCloneDetection', analysis.impliedChipCloneDetection],
  ] as const;
  for (const [key, implied] of pairs) {
    const value = identity?.[key];
    if (implied === 'UNKNOWN' || isAbsent(value)) continue;
    const said = asString(value) ?? showRaw(value);
    if (chipClass(said) !== chipClass(implied)) {
      disagreements.push(`session.json implies ${key} ${implied} but the process says ${said}.`);
    }
  }

  const processIproov = elements.iproovSession;
  if (analysis.iProov && isAbsent(processIproov)) {
    disagreements.push('session.json has an iProov session but the process has none.');
  } else if (!analysis.iProov && !isAbsent(processIproov)) {
    disagreements.push('The process has an iProov session but session.json has none.');
  } else if (analysis.iProov) {
    const processPassed = asFlag(asRecord(processIproov)?.passed);
    if (
      analysis.iProov.passed !== undefined &&
      processPassed !== undefined &&
      analysis.iProov.passed !== processPassed
    ) {
      disagreements.push(
        `session.json says iProov passed ${String(analysis.iProov.passed)} but the process says passed ${String(processPassed)}.`,
      );
    }
  }
  return disagreements;
}
