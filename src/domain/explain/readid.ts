// ReadID (`readid`, processType `ready`): NFC chip reading with the optional iProov liveness add-on (contract §5.1).
import type { AssureProcess } from '../process';
import { asFlag, asNumber, asRecord, asString, isAbsent, showRaw, type JsonRecord } from '../raw-json';
import { cannotEvaluate, valueCheck, whyUnknown, type ValueCase } from './shared';
import type { Check, ProviderReport, ProviderRules, RuleOutcome } from './types';

export interface ReadIdElements {
  /** Where the elements were found: directly under providerSpecific, or inside one `session` element. */
  layout: 'direct' | 'session';
  consolidatedIdentityData: unknown;
  documentContent: unknown;
  /** `iproovSession` (vendor example) or `iProovSession` (vendor prose); undefined without iProov. */
  iproovSession: unknown;
}

/**
 * Finds ReadID's elements in either layout the contract allows (§5.1 [A]): directly under providerSpecific
 * (vendor examples) or inside one `session` element (vendor's Get process table); keys `iproovSession` and `iProovSession`.
 */
export function readIdElements(providerSpecific: JsonRecord | undefined): ReadIdElements {
  const direct = providerSpecific ?? {};
  const session = asRecord(direct.session);
  const pick = (key: string): unknown => (isAbsent(direct[key]) ? session?.[key] : direct[key]);
  const iproov = pick('iproovSession');
  return {
    layout: session ? 'session' : 'direct',
    consolidatedIdentityData: pick('consolidatedIdentityData'),
    documentContent: pick('documentContent'),
    iproovSession: isAbsent(iproov) ? pick('iProovSession') : iproov,
  };
}

// Chip values SUCCEEDED/FAILED [D]; NOT_SUPPORTED/NOT_CHECKED mean "not available" [A] (contract §5.1).
const CHIP_VERIFICATION_CASES: Record<string, ValueCase> = {
  SUCCEEDED: {
    result: 'passed',
    detail: "The chip's data is signed by the issuing country and has not been altered (SUCCEEDED).",
  },
  FAILED: {
    result: 'failed',
    detail: "The chip's signature or data could not be verified (FAILED).",
  },
  NOT_SUPPORTED: {
    result: 'not_available',
    detail: 'Chip verification is not available for this document (NOT_SUPPORTED).',
  },
  NOT_CHECKED: { result: 'not_available', detail: 'Chip verification was not performed (NOT_CHECKED).' },
};

const CHIP_CLONE_DETECTION_CASES: Record<string, ValueCase> = {
  SUCCEEDED: { result: 'passed', detail: 'The chip proved it is genuine, not a copy (SUCCEEDED).' },
  FAILED: {
    result: 'failed',
    detail: 'The chip could not prove it is genuine; it may be a clone (FAILED).',
  },
  NOT_SUPPORTED: {
    result: 'not_available',
    detail: 'The document does not support clone detection; common with older documents (NOT_SUPPORTED).',
  },
  NOT_CHECKED: { result: 'not_available', detail: 'Clone detection was not performed (NOT_CHECKED).' },
};

type IproovState = 'passed' | 'notPassed' | 'error' | 'unfinished' | 'unknown';

interface IproovReading {
  state: IproovState;
  attempts?: number;
  check: Check;
}

function attemptsText(attempts: number | undefined): string {
  if (attempts === undefined) return '';
  return ` after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
}

/** A boolean iProov field: absent, a recognised flag, or present with a wrong type. */
function iproovFlag(session: JsonRecord, key: string): boolean | 'absent' | 'invalid' {
  const value = session[key];
  if (isAbsent(value)) return 'absent';
  return asFlag(value) ?? 'invalid';
}

function readIproov(raw: unknown): IproovReading {
  const name = 'iproovLiveness';
  const label = 'iProov liveness';
  const session = asRecord(raw);
  if (!session) {
    return {
      state: 'unknown',
      check: { name, label, result: 'unknown', detail: `Not recognised: ${showRaw(raw)}.`, raw },
    };
  }
  const attempts = asNumber(session.attempts);
  const passed = iproovFlag(session, 'passed');
  const hasError = iproovFlag(session, 'hasError');
  const finished = iproovFlag(session, 'finished');
  const assurance = asString(session.iProovAssuranceType) ?? asString(session.assuranceType);
  const source = asString(session.enrollmentImageSource) ?? asString(session.enrolmentImageSource);
  const context = [assurance, source ? `compared with the ${source.toLowerCase()} photo` : undefined]
    .filter((part) => part !== undefined)
    .join('; ');
  const contextText = context ? ` (${context})` : '';

  const reading = (state: IproovState, result: Check['result'], detail: string): IproovReading => ({
    state,
    attempts,
    check: { name, label, result, detail, raw },
  });
  if (passed === false) {
    return reading('notPassed', 'failed', `Liveness did not pass${attemptsText(attempts)}${contextText}.`);
  }
  if (hasError === true)
    return reading('error', 'failed', `The iProov session ended with an error${contextText}.`);
  if (finished === false)
    return reading('unfinished', 'failed', `The iProov session did not finish${contextText}.`);
  if (passed === true && hasError !== 'invalid' && finished !== 'invalid') {
    return reading('passed', 'passed', `Liveness passed${attemptsText(attempts)}${contextText}.`);
  }
  return reading('unknown', 'unknown', `Not recognised: ${showRaw(raw)}.`);
}

/** The §5.1 rule table, first match wins. */
function applyRule(
  chipVerification: Check,
  chipCloneDetection: Check,
  iproov: IproovReading | undefined,
  raw: { chipVerification: unknown; chipCloneDetection: unknown },
): RuleOutcome {
  const cv = showValue(raw.chipVerification);
  const cc = showValue(raw.chipCloneDetection);

  // Row 1 [D]: chipVerification FAILED → rejected, whatever clone detection and iProov say.
  if (chipVerification.result === 'failed') {
    return {
      status: 'rejected',
      rule: `chipVerification ${cv} → rejected (contract §5.1, documented)`,
      summary:
        "Chip verification failed — the chip's data could not be verified as issued by the issuing country, so the document is not considered valid.",
    };
  }
  if (chipVerification.result === 'unknown')
    return cannotEvaluate(whyUnknown('chipVerification', raw.chipVerification));

  // Row 6 [A]: chipVerification not available → inconclusive (rows 2–5 all need SUCCEEDED, so order is preserved).
  if (chipVerification.result === 'not_available') {
    return {
      status: 'inconclusive',
      rule: `chipVerification ${cv} (not available) → inconclusive (contract §5.1, assumed)`,
      summary:
        "The chip's authenticity could not be verified (chip verification not available), so a reviewer must decide.",
    };
  }

  // Row 2 [D]: chipVerification SUCCEEDED and chipCloneDetection FAILED → inconclusive (allow 1–2 retries).
  if (chipCloneDetection.result === 'failed') {
    return {
      status: 'inconclusive',
      rule: `chipVerification ${cv} and chipCloneDetection ${cc} → inconclusive (contract §5.1, documented)`,
      summary:
        'Chip verified, but clone detection failed — the chip may not be genuine. The provider advises letting the end-user retry once or twice.',
    };
  }
  if (chipCloneDetection.result === 'unknown') {
    return cannotEvaluate(whyUnknown('chipCloneDetection', raw.chipCloneDetection));
  }

  const cloneText =
    chipCloneDetection.result === 'passed'
      ? `chipCloneDetection ${cc}`
      : `chipCloneDetection ${cc} (not available)`;
  const chipText = `chipVerification ${cv} and ${cloneText}`;

  // Row 3 [D]: iProov passed:false → inconclusive.
  if (iproov?.state === 'notPassed') {
    return {
      status: 'inconclusive',
      rule: `${chipText}, iProov passed:false → inconclusive (contract §5.1, documented)`,
      summary: `Chip verified, but the iProov liveness check did not pass${attemptsText(iproov.attempts)} — the person in front of the camera may not be the document holder.`,
    };
  }
  // Row 4 [A]: iProov hasError:true or finished:false → inconclusive.
  if (iproov?.state === 'error' || iproov?.state === 'unfinished') {
    const what = iproov.state === 'error' ? 'hasError:true' : 'finished:false';
    return {
      status: 'inconclusive',
      rule: `${chipText}, iProov ${what} → inconclusive (contract §5.1, assumed)`,
      summary: `Chip verified, but the iProov liveness check ${iproov.state === 'error' ? 'ended with an error' : 'did not finish'} — it is not confirmed that the document holder was present.`,
    };
  }
  if (iproov?.state === 'unknown') return cannotEvaluate('the iProov session is not recognised');

  // Row 5 [D]: iProov absent or passed:true → accepted.
  const chipSummary =
    chipCloneDetection.result === 'passed'
      ? 'Chip verified and clone detection passed — the chip is authentic and its data unaltered'
      : 'Chip verified — its data is unaltered; clone detection is not available for this document, which the provider accepts (common with older documents)';
  if (iproov?.state === 'passed') {
    return {
      status: 'accepted',
      rule: `${chipText}, iProov passed:true → accepted (contract §5.1, documented)`,
      summary: `${chipSummary}, and the iProov liveness check passed: the person in front of the camera matched the chip photo.`,
    };
  }
  return {
    status: 'accepted',
    rule: `${chipText}, no iProov session → accepted (contract §5.1, documented)`,
    summary: `${chipSummary}.`,
  };
}

function showValue(value: unknown): string {
  return typeof value === 'string' ? value : showRaw(value);
}

export function evaluateReadId(process: AssureProcess): ProviderReport {
  const notices: string[] = [];
  const elements = readIdElements(process.providerSpecific);
  const sessionElement = process.providerSpecific?.session;
  if (!isAbsent(sessionElement) && !asRecord(sessionElement)) {
    notices.push(`The ReadID session element is not an object (${showRaw(sessionElement)}); it was ignored.`);
  }
  const identity = asRecord(elements.consolidatedIdentityData);
  if (!isAbsent(elements.consolidatedIdentityData) && !identity) {
    notices.push(
      `consolidatedIdentityData is not an object (${showRaw(elements.consolidatedIdentityData)}); the chip checks cannot be read.`,
    );
  }
  const raw = {
    chipVerification: identity?.chipVerification,
    chipCloneDetection: identity?.chipCloneDetection,
  };
  const chipVerification = valueCheck(
    'chipVerification',
    'Chip verification',
    raw.chipVerification,
    CHIP_VERIFICATION_CASES,
  );
  const chipCloneDetection = valueCheck(
    'chipCloneDetection',
    'Chip clone detection',
    raw.chipCloneDetection,
    CHIP_CLONE_DETECTION_CASES,
  );
  const iproov = isAbsent(elements.iproovSession) ? undefined : readIproov(elements.iproovSession);
  const checks = iproov
    ? [chipVerification, chipCloneDetection, iproov.check]
    : [chipVerification, chipCloneDetection];
  return { checks, notices, outcome: applyRule(chipVerification, chipCloneDetection, iproov, raw) };
}

export const readIdRules: ProviderRules = {
  label: 'ReadID',
  section: '§5.1',
  derivesEndings: false,
  evaluate: evaluateReadId,
  waitingFor: (status) =>
    status === 'pending'
      ? 'Waiting for the end-user to scan the document chip in the ReadID app.'
      : 'ReadID is verifying the chip data (and the iProov liveness check, if used).',
};
