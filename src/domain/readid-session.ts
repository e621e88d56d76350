// Chip-level analysis of ReadID's own `session.json` from the full-result zip (contract §5.1, "Full result").
// The Check/Meaning table gives the reviewer tooltips; the Relationship rule says which chip values the
// nfcSession implies, so the zip can be checked against the Get process response.
//
// Two shapes are read (contract §9, "ReadID session.json"): the older one of the §5.1 sample (top-level
// `ocrSession`, `verifyToken` as a list of strings, `MRZString` with line breaks) and the one real sessions show
// (OCR under `vizImages.<side>.ocrSession`, `verifyToken` as a list of objects with `verifyTokenPassed`,
// `enrolmentImageSource: "Chip"`, `selfieVerificationStatus` filled when iProov ran). ReadID's field dictionary marks
// `nfcSession`, `iProovSession` and `vizImages` internal (they may change without notice): what they suggest is
// advisory. Their absence, a shape we do not know or a value we do not recognise is shown, never an inconsistency.
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
  /**
   * One entry per `verifyToken` element: whether that attempt passed (`verifyTokenPassed` of the newer object form);
   * undefined for the older string form or an unreadable element.
   */
  verifyTokens: Array<boolean | undefined>;
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

const PLATFORM_NAMES: Record<string, string> = { android: 'Android', ios: 'iOS' };

/** One part of a description: control characters and runs of spaces folded, at most 60 characters. */
function devicePart(value: string | undefined): string | undefined {
  const clean = value
    ?.replace(/\p{C}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 60);
  return clean || undefined;
}

/**
 * The device a session ran on, in a few words ("Nordlys NL-5 Pro, Android 14"): brand (else manufacturer), model,
 * platform and its version — never an identifier. Undefined when deviceInfo says none of them.
 */
export function describeDevice(info: DeviceInfoSummary | undefined): string | undefined {
  if (!info) return undefined;
  const maker = devicePart(info.brand) ?? devicePart(info.manufacturer);
  const model = devicePart(info.model);
  // "Apple iPhone", but "Pixel 8" rather than "Google Google Pixel 8" when the model already names the maker.
  const hardware =
    maker && model?.toLowerCase().startsWith(maker.toLowerCase())
      ? model
      : [maker, model].filter(Boolean).join(' ');
  const platform = devicePart(info.platform);
  const system = [
    platform && (PLATFORM_NAMES[platform.toLowerCase()] ?? platform),
    devicePart(info.OSVersion),
  ]
    .filter(Boolean)
    .join(' ');
  return [hardware, system].filter(Boolean).join(', ') || undefined;
}

export interface ReadIdSessionAnalysis {
  accessControl: NfcCheck<AccessControlCode>[];
  verification: NfcCheck<VerificationCode>[];
  /** Passive authentication: SUCCEEDED iff DS, CS and HT are PRESENT_SUCCEEDED, else FAILED; UNKNOWN when unreadable. */
  impliedChipVerification: 'SUCCEEDED' | 'FAILED' | 'UNKNOWN';
  /** SUCCEEDED if AA or EACCA succeeded, FAILED if a present one failed, NOT_SUPPORTED if both NOT_PRESENT, else UNKNOWN. */
  impliedChipCloneDetection: 'SUCCEEDED' | 'FAILED' | 'NOT_SUPPORTED' | 'UNKNOWN';
  /** What session.json's own consolidatedIdentityData reports, verbatim (the authoritative values). */
  reported: {
    chipVerification?: string;
    chipCloneDetection?: string;
    /** Filled when iProov ran (`SUCCEEDED`, …), with its source (`VISUAL_AUTOMATIC`) and source name (`iProov`). */
    selfieVerificationStatus?: string;
    selfieVerificationStatusSource?: string;
    selfieVerificationStatusSourceName?: string;
  };
  /** Which of ReadID's internal sections session.json has, and whether their shape is one we read. */
  sections: { nfcSession: SectionState; iProovSession: SectionState };
  iProov?: IproovSessionSummary;
  deviceInfo?: DeviceInfoSummary;
  chip?: { chipRead?: boolean; chipTypes: string[] };
  mrzType?: string;
  /** ReadID's `sessionType`, when the session names it (newer sessions). */
  sessionType?: string;
  /** Problems reading the document itself (not an object). */
  notices: string[];
  /**
   * What the internal nfcSession suggests where it differs from session.json's own consolidatedIdentityData.
   * Advisory: ReadID may change the internal sections without notice.
   */
  advisory: string[];
}

/** `present`: there and readable; `absent`: missing or null; `unrecognised`: there, but not an object. */
export type SectionState = 'present' | 'absent' | 'unrecognised';

function sectionState(value: unknown): SectionState {
  if (isAbsent(value)) return 'absent';
  return asRecord(value) ? 'present' : 'unrecognised';
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
  if (!session) return { verifyTokens: [], result: 'unknown', raw };
  const tokens = Array.isArray(session.verifyToken) ? (session.verifyToken as unknown[]) : [];
  const summary: IproovSessionSummary = {
    attempts: asNumber(session.attempts),
    verifyTokens: tokens.map((token) => asFlag(asRecord(token)?.verifyTokenPassed)),
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

/** The MRZ type from the older top-level `ocrSession`, else from the newer `vizImages.<side>.ocrSession` (front first). */
function readMrzType(root: JsonRecord | undefined): string | undefined {
  const top = asString(asRecord(root?.ocrSession)?.mrzType);
  if (top) return top;
  const viz = asRecord(root?.vizImages);
  if (!viz) return undefined;
  const sides = ['vizFront', ...Object.keys(viz).filter((key) => key !== 'vizFront')];
  for (const side of sides) {
    const mrzType = asString(asRecord(asRecord(viz[side])?.ocrSession)?.mrzType);
    if (mrzType) return mrzType;
  }
  return undefined;
}

/** Analyses a parsed `session.json` (any JSON value), in either shape. Never throws. */
export function analyseReadIdSession(session: unknown): ReadIdSessionAnalysis {
  const notices: string[] = [];
  const advisory: string[] = [];
  const root = asRecord(session);
  if (!root) notices.push(`session.json is not an object (${showRaw(session)}).`);
  const nfcSession = asRecord(root?.nfcSession);
  const accessControlBlock = asRecord(nfcSession?.accessControlStatus);
  const verificationBlock = asRecord(nfcSession?.verificationStatus);

  const accessControl = nfcChecks(['BAC', 'PACE', 'EACTA'] as const, accessControlBlock);
  const verification = nfcChecks(['DS', 'CS', 'HT', 'AA', 'EACCA'] as const, verificationBlock);

  const identity = asRecord(root?.consolidatedIdentityData);
  const reported: ReadIdSessionAnalysis['reported'] = {};
  for (const key of [
    'chipVerification',
    'chipCloneDetection',
    'selfieVerificationStatus',
    'selfieVerificationStatusSource',
    'selfieVerificationStatusSourceName',
  ] as const) {
    const value = asString(identity?.[key]);
    if (value !== undefined) reported[key] = value;
  }
  const iProovRaw = root?.iProovSession ?? root?.iproovSession;
  const analysis: ReadIdSessionAnalysis = {
    accessControl,
    verification,
    impliedChipVerification: verificationBlock ? impliedChipVerification(verification) : 'UNKNOWN',
    impliedChipCloneDetection: verificationBlock ? impliedChipCloneDetection(verification) : 'UNKNOWN',
    reported,
    sections: { nfcSession: sectionState(root?.nfcSession), iProovSession: sectionState(iProovRaw) },
    notices,
    advisory,
  };
  const iProov = readIproov(iProovRaw);
  if (iProov) analysis.iProov = iProov;
  const deviceInfo = readDeviceInfo(root?.deviceInfo);
  if (deviceInfo) analysis.deviceInfo = deviceInfo;
  const chip = readChip(root?.chip);
  if (chip) analysis.chip = chip;
  const mrzType = readMrzType(root);
  if (mrzType) analysis.mrzType = mrzType;
  const sessionType = asString(root?.sessionType);
  if (sessionType) analysis.sessionType = sessionType;

  // Inside session.json: what its internal nfcSession implies, beside its own consolidatedIdentityData (advisory).
  for (const key of ['chipVerification', 'chipCloneDetection'] as const) {
    const implied =
      key === 'chipVerification' ? analysis.impliedChipVerification : analysis.impliedChipCloneDetection;
    const said = reported[key];
    if (said !== undefined && implied !== 'UNKNOWN' && chipClass(said) !== chipClass(implied)) {
      advisory.push(
        `nfcSession implies ${key} ${implied}; session.json's consolidatedIdentityData says ${said}.`,
      );
    }
  }
  return analysis;
}

/** NOT_SUPPORTED and NOT_CHECKED both mean "not available" (contract §5.1). */
function chipClass(value: string): string {
  return value === 'NOT_SUPPORTED' || value === 'NOT_CHECKED' ? 'NOT_AVAILABLE' : value;
}

export interface SessionProcessComparison {
  /**
   * Where session.json's own consolidatedIdentityData and the Get process response disagree: they should agree
   * (contract §5.1). One sentence per disagreement; empty when they agree or one side is silent.
   */
  disagreements: string[];
  /** Where ReadID's internal sections (nfcSession, iProovSession) suggest otherwise than the process. Advisory. */
  advisory: string[];
}

/** `SUCCEEDED`/`FAILED` selfie verification as iProov's passed flag; anything else says nothing. */
function selfiePassed(status: string | undefined): boolean | undefined {
  if (status === 'SUCCEEDED') return true;
  if (status === 'FAILED') return false;
  return undefined;
}

/**
 * Compares the zip's session.json with the Get process response. Only values both sides state are compared; an absent
 * internal section, or one with values we do not recognise, is never reported.
 */
export function compareSessionWithProcess(
  analysis: ReadIdSessionAnalysis,
  process: unknown,
): SessionProcessComparison {
  const processRecord = asRecord(process);
  const elements = readIdElements(asRecord(processRecord?.providerSpecific));
  const identity = asRecord(elements.consolidatedIdentityData);
  const disagreements: string[] = [];
  const advisory: string[] = [];
  if (!processRecord) return { disagreements, advisory };

  const pairs = [
    ['chipVerification', analysis.impliedChipVerification],
    ['chipCloneDetection', analysis.impliedChipCloneDetection],
  ] as const;
  for (const [key, implied] of pairs) {
    const value = identity?.[key];
    if (isAbsent(value)) continue;
    const processSays = asString(value) ?? showRaw(value);
    const sessionSays = analysis.reported[key];
    if (sessionSays !== undefined) {
      if (chipClass(sessionSays) !== chipClass(processSays)) {
        disagreements.push(`session.json says ${key} ${sessionSays} but the process says ${processSays}.`);
      }
    } else if (implied !== 'UNKNOWN' && chipClass(implied) !== chipClass(processSays)) {
      advisory.push(`nfcSession implies ${key} ${implied}; the process says ${processSays}.`);
    }
  }

  const processIproov = asRecord(elements.iproovSession);
  const processPassed = asFlag(processIproov?.passed);
  const iProov = analysis.iProov;
  const iProovRan =
    iProov !== undefined &&
    (iProov.passed !== undefined || (iProov.attempts ?? 0) > 0 || iProov.verifyTokens.length > 0);
  if (iProovRan && isAbsent(elements.iproovSession)) {
    advisory.push('iProovSession in session.json says iProov ran; the process has no iProov session.');
  } else if (iProov?.passed !== undefined && processPassed !== undefined && iProov.passed !== processPassed) {
    advisory.push(
      `iProovSession says passed ${String(iProov.passed)}; the process says passed ${String(processPassed)}.`,
    );
  }
  const selfie = selfiePassed(analysis.reported.selfieVerificationStatus);
  if (selfie !== undefined && processPassed !== undefined && selfie !== processPassed) {
    advisory.push(
      `session.json says selfieVerificationStatus ${analysis.reported.selfieVerificationStatus}; the process says iProov passed ${String(processPassed)}.`,
    );
  }
  return { disagreements, advisory };
}
