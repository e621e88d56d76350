// Signicat Paper (`signicatpaper`): photo document check with MRZ (contract §5.4). Signicat PictureID (§5.7)
// has Paper's elements and rule, plus `ocr.similarityScore` for selfies.
import type { AssureProcess } from '../process';
import { asFlag, asRecord, asString, isAbsent, isIsoDate, showRaw, type JsonRecord } from '../raw-json';
import { cannotEvaluate, listInWords, valueCheck, whyUnknown, type ValueCase } from './shared';
import type { Check, ProviderReport, ProviderRules, RuleOutcome } from './types';

const CHECKSUM: Record<string, ValueCase> = {
  VALID: { result: 'passed', detail: 'MRZ check digit is valid.' },
  INVALID: {
    result: 'failed',
    detail: 'MRZ check digit is invalid: the MRZ may have been misread or altered.',
  },
};

const FEATURE_MATCHING: Record<string, ValueCase> = {
  MATCH: { result: 'passed', detail: 'The printed text matches the MRZ.' },
  MISMATCH: { result: 'failed', detail: 'The printed text does not match the MRZ.' },
};

/** Printed text fields that must be readable for "text fields valid" (§5.4; which fields is assumed by Assure Desk). */
const REQUIRED_TEXT_FIELDS = ['firstName', 'lastName', 'dateOfBirth'] as const;
const DATE_FIELDS = ['dateOfBirth', 'dateOfExpiry', 'dateOfIssue'] as const;

function flagCheck(name: string, label: string, element: unknown, passed: string, failed: string): Check {
  const record = asRecord(element);
  if (isAbsent(element)) return { name, label, result: 'unknown', detail: 'Not reported by the provider.' };
  const flag = asFlag(record?.status);
  const type = asString(record?.type);
  const suffix = type ? ` (${type})` : '';
  if (flag === true) return { name, label, result: 'passed', detail: `${passed}${suffix}.`, raw: element };
  if (flag === false) return { name, label, result: 'failed', detail: `${failed}${suffix}.`, raw: element };
  return { name, label, result: 'unknown', detail: `Not recognised: ${showRaw(element)}.`, raw: element };
}

/** One check per MRZ field (`mrzChecksum.documentNumber`, `mrzFeatureMatching.lastName`, …). */
function perFieldChecks(
  element: string,
  label: string,
  raw: unknown,
  cases: Record<string, ValueCase>,
): Check[] {
  if (isAbsent(raw)) return [];
  const record = asRecord(raw);
  if (!record)
    return [{ name: element, label, result: 'unknown', detail: `Not recognised: ${showRaw(raw)}.`, raw }];
  return Object.entries(record).map(([field, value]) =>
    valueCheck(`${element}.${field}`, `${label}: ${field}`, value, cases),
  );
}

function mrzCheck(raw: unknown): Check {
  const name = 'mrz';
  const label = 'MRZ read';
  if (isAbsent(raw) || (asRecord(raw) && Object.keys(asRecord(raw) ?? {}).length === 0)) {
    return {
      name,
      label,
      result: 'failed',
      detail: 'No machine-readable zone (MRZ) was read from the document.',
      ...(raw === undefined ? {} : { raw }),
    };
  }
  if (!asRecord(raw))
    return { name, label, result: 'unknown', detail: `Not recognised: ${showRaw(raw)}.`, raw };
  return { name, label, result: 'passed', detail: 'The machine-readable zone (MRZ) was read.', raw };
}

/** "Text fields valid" (§5.4): the printed names and date of birth are readable and every printed date is a real date. */
function textFieldsProblems(features: JsonRecord | undefined): string[] {
  if (!features) return ['the printed text (features) was not read'];
  const problems: string[] = [];
  for (const field of REQUIRED_TEXT_FIELDS) {
    const value = asString(features[field]);
    if (!value || value.trim() === '') problems.push(`${field} is missing`);
  }
  for (const field of DATE_FIELDS) {
    const value = features[field];
    if (!isAbsent(value) && value !== '' && !isIsoDate(value))
      problems.push(`${field} ${showRaw(value)} is not a valid date`);
  }
  return problems;
}

function applyRule(providerSpecific: JsonRecord, checks: Check[]): RuleOutcome {
  const failedFieldChecks = checks.filter(
    (check) =>
      (check.name.startsWith('mrzChecksum') || check.name.startsWith('mrzFeatureMatching')) &&
      check.result === 'failed',
  );
  const unknownChecks = checks.filter((check) => check.result === 'unknown' && check.name !== 'verification');
  const mrzVerification = checks.find((check) => check.name === 'mrzVerification');
  const verification = checks.find((check) => check.name === 'verification');
  const mrz = checks.find((check) => check.name === 'mrz');

  // A check failed → rejected [D]; the emulator's reading: any INVALID/MISMATCH → rejected [A].
  if (failedFieldChecks.length > 0) {
    const what = failedFieldChecks.map((check) => `${check.name} ${String(check.raw)}`);
    const fields = failedFieldChecks.map((check) =>
      check.name.startsWith('mrzChecksum')
        ? `the MRZ check digit for ${check.name.split('.')[1]} is invalid`
        : `${check.name.split('.')[1]} differs between the printed text and the MRZ`,
    );
    return {
      status: 'rejected',
      rule: `${listInWords(what)} → rejected (contract §5.4: a check failed → rejected, documented; any INVALID/MISMATCH, assumed)`,
      summary: `${capitalise(listInWords(fields))} — the document may have been altered or misread, so it is not considered valid.`,
    };
  }
  if (mrzVerification?.result === 'failed') {
    return {
      status: 'rejected',
      rule: 'mrzVerification.status "false" → rejected (contract §5.4: a check failed → rejected, documented)',
      summary: 'The MRZ did not pass verification, so the document is not considered valid.',
    };
  }
  if (unknownChecks.length > 0) {
    const first = unknownChecks[0];
    return cannotEvaluate(
      first.raw === undefined
        ? `${first.name} was not reported`
        : `${first.name} is ${showRaw(first.raw)}, which is not a recognised value`,
    );
  }
  // No MRZ is never accepted [D]: inconclusive if the text fields are valid, else rejected.
  if (mrz?.result === 'failed') {
    const problems = textFieldsProblems(asRecord(providerSpecific.features));
    if (problems.length === 0) {
      return {
        status: 'inconclusive',
        rule: 'no MRZ, printed text fields valid → inconclusive (contract §5.4, documented; "valid" = names and date of birth readable, dates real, assumed)',
        summary:
          'No machine-readable zone (MRZ) was read; the printed text looks valid, but Signicat Paper never accepts a document without MRZ — a reviewer must decide.',
      };
    }
    return {
      status: 'rejected',
      rule: `no MRZ and printed text fields not valid (${listInWords(problems)}) → rejected (contract §5.4, documented)`,
      summary:
        'No machine-readable zone (MRZ) was read and the printed text is incomplete or invalid, so the document cannot be verified.',
    };
  }
  if (verification?.result === 'failed') {
    return {
      status: 'rejected',
      rule: 'verification.status "false" → rejected (contract §5.4: a check failed → rejected, documented)',
      summary:
        'Signicat Paper could not verify the document (MRZ compared with the printed text), so it is not considered valid.',
    };
  }
  if (verification?.result === 'passed') {
    return {
      status: 'accepted',
      rule: 'MRZ read, verification.status "true", no INVALID/MISMATCH → accepted (contract §5.4: read and verified, documented)',
      summary: "The document's MRZ was read, its check digits are valid and it matches the printed text.",
    };
  }
  const verificationElement = asRecord(providerSpecific.verification);
  return cannotEvaluate(
    verificationElement
      ? whyUnknown('verification.status', verificationElement.status)
      : whyUnknown('verification', providerSpecific.verification),
  );
}

function capitalise(text: string): string {
  return text ? `${text[0].toUpperCase()}${text.slice(1)}` : text;
}

export function evaluateSignicatPaper(process: AssureProcess): ProviderReport {
  const providerSpecific = process.providerSpecific ?? {};
  const checks: Check[] = [
    flagCheck(
      'verification',
      'Document verification (MRZ vs printed text)',
      providerSpecific.verification,
      'The document was verified',
      'The document could not be verified',
    ),
    mrzCheck(providerSpecific.mrz),
    ...(isAbsent(providerSpecific.mrzVerification)
      ? []
      : [
          flagCheck(
            'mrzVerification',
            'MRZ verification',
            providerSpecific.mrzVerification,
            'The MRZ is valid',
            'The MRZ is not valid',
          ),
        ]),
    ...perFieldChecks('mrzChecksum', 'MRZ check digit', providerSpecific.mrzChecksum, CHECKSUM),
    ...perFieldChecks(
      'mrzFeatureMatching',
      'Printed text matches MRZ',
      providerSpecific.mrzFeatureMatching,
      FEATURE_MATCHING,
    ),
  ];
  return { checks, notices: [], outcome: applyRule(providerSpecific, checks) };
}

const SELFIE_SIMILARITY: Record<string, ValueCase> = {
  high: {
    result: 'passed',
    detail: 'High similarity between the selfie and the document photo (informational).',
  },
  medium: {
    result: 'failed',
    detail: 'Medium similarity between the selfie and the document photo (informational).',
  },
  low: {
    result: 'failed',
    detail: 'Low similarity between the selfie and the document photo (informational).',
  },
};

export const signicatPaperRules: ProviderRules = {
  label: 'Signicat Paper',
  section: '§5.4',
  derivesEndings: false,
  evaluate: evaluateSignicatPaper,
  waitingFor: (status) =>
    status === 'pending'
      ? 'Waiting for the end-user to photograph or upload the document.'
      : 'Signicat Paper is reading and verifying the document.',
};

/** Signicat PictureID (§5.7): Paper's elements and rule, plus `ocr.similarityScore` for selfies (shown, not in the rule). */
export const signicatPictureIdRules: ProviderRules = {
  ...signicatPaperRules,
  label: 'Signicat PictureID',
  section: '§5.7 (Signicat Paper rule, §5.4)',
  evaluate: (process) => {
    const report = evaluateSignicatPaper(process);
    const similarity = asRecord(process.providerSpecific?.ocr)?.similarityScore;
    if (isAbsent(similarity)) return report;
    const check = valueCheck('ocr.similarityScore', 'Selfie similarity', similarity, SELFIE_SIMILARITY);
    return { ...report, checks: [...report.checks, check] };
  },
};
