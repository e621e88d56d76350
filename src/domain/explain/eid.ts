// Electronic IDentification (`eid`: unattended, attended): document check, face match, liveness, optional human
// review (contract §5.3). Signicat VideoID (§5.7) has the same elements and reuses this rule.
import type { AssureProcess } from '../process';
import { asFlag, asRecord, asString, isAbsent, showRaw } from '../raw-json';
import { cannotEvaluate, listInWords, valueCheck, whyUnknown, type ValueCase } from './shared';
import type { Check, ProviderReport, ProviderRules, RuleOutcome } from './types';

const SIMILARITY_SCORE: Record<string, ValueCase> = {
  high: { result: 'passed', detail: 'High similarity between the face and the document photo.' },
  medium: { result: 'failed', detail: 'Only medium similarity between the face and the document photo.' },
  low: { result: 'failed', detail: 'Low similarity between the face and the document photo.' },
};

const MANUAL_APPROVAL: Record<string, ValueCase> = {
  approved: { result: 'passed', detail: 'An agent approved the verification.' },
  rejected: { result: 'failed', detail: 'An agent rejected the verification.' },
  pending: { result: 'not_available', detail: "Waiting for an agent's decision." },
};

function livenessCheck(value: unknown): Check {
  const name = 'ocr.livenessDetected';
  const label = 'Liveness';
  const flag = asFlag(value);
  if (flag === true)
    return {
      name,
      label,
      result: 'passed',
      detail: 'A live person was detected (livenessDetected "true").',
      raw: value,
    };
  if (flag === false) {
    return {
      name,
      label,
      result: 'failed',
      detail: 'No live person was detected (livenessDetected "false").',
      raw: value,
    };
  }
  return valueCheck(name, label, value, {});
}

function featuresCheck(value: unknown): Check | undefined {
  if (isAbsent(value)) return undefined;
  const name = 'ocr.features';
  const label = 'Document features found';
  if (!Array.isArray(value))
    return { name, label, result: 'unknown', detail: `Not recognised: ${showRaw(value)}.`, raw: value };
  const found: string[] = [];
  const missing: string[] = [];
  const unreadable: unknown[] = [];
  for (const item of value) {
    const feature = asRecord(item);
    const featureName = asString(feature?.name);
    const wasFound = asFlag(feature?.found);
    if (!featureName || wasFound === undefined) unreadable.push(item);
    else (wasFound ? found : missing).push(featureName);
  }
  const parts = [
    found.length > 0 ? `found: ${found.join(', ')}` : undefined,
    missing.length > 0 ? `not found: ${missing.join(', ')}` : undefined,
    unreadable.length > 0 ? `not recognised: ${showRaw(unreadable)}` : undefined,
  ].filter((part) => part !== undefined);
  const result =
    missing.length > 0 ? 'failed' : unreadable.length > 0 || found.length === 0 ? 'unknown' : 'passed';
  const text = parts.length > 0 ? parts.join('; ') : 'no features listed';
  return {
    name,
    label,
    result,
    detail: `${text[0].toUpperCase()}${text.slice(1)} (informational; not part of the status rule).`,
    raw: value,
  };
}

/** Attended processes are decided by an agent (`manualApproval`); unattended by the OCR verdict. */
function isAttended(process: AssureProcess, attendedTypes: readonly string[]): boolean {
  return (
    (process.processType !== undefined && attendedTypes.includes(process.processType)) ||
    !isAbsent(process.providerSpecific?.manualApproval)
  );
}

/** Where each provider's rule comes from, as the explanation states it. */
interface Basis {
  attended: string;
  unattended: string;
}

const EID_BASIS: Basis = {
  attended: 'contract §5.3, assumed',
  unattended:
    '(contract §5.3 maps the provider verdict directly; this derivation from ocr is assumed by Assure Desk)',
};

/** Signicat documents VideoID's elements (its Get process example) but not how they map to a status. */
const VIDEOID_BASIS: Basis = {
  attended: "Assure Desk's reading, after Electronic IDentification",
  unattended:
    "(Assure Desk's reading, after Electronic IDentification: Signicat documents VideoID's ocr fields, not how they map to a status)",
};

/** §5.3 [A], attended: approved → accepted, rejected → rejected, pending = still processing. */
function attendedRule(manualApproval: unknown, basis: Basis): RuleOutcome {
  const approval = asRecord(manualApproval);
  const status = approval?.status;
  const reason = asString(approval?.reason);
  const agent = asString(approval?.agent);
  const by = agent ? ` (agent ${agent})` : '';
  const because = reason ? `: ${reason}` : '';
  if (status === 'approved') {
    return {
      status: 'accepted',
      rule: `attended: manualApproval.status approved → accepted (${basis.attended})`,
      summary: `An agent reviewed the verification and approved it${by}.`,
    };
  }
  if (status === 'rejected') {
    return {
      status: 'rejected',
      rule: `attended: manualApproval.status rejected → rejected (${basis.attended})`,
      summary: `An agent reviewed the verification and rejected it${by}${because}.`,
    };
  }
  if (status === 'pending') {
    return {
      status: 'processing',
      rule: `attended: manualApproval.status pending → still processing (${basis.attended})`,
      summary: "The verification is still waiting for an agent's manual approval.",
    };
  }
  if (!approval) return cannotEvaluate(whyUnknown('manualApproval', manualApproval));
  return cannotEvaluate(whyUnknown('manualApproval.status', status));
}

/**
 * §5.3 unattended: the contract says the provider verdict maps directly but does not define the verdict. Assure Desk
 * assumes it from `ocr`, first match wins: livenessDetected "false" → rejected; similarityScore medium/low →
 * inconclusive; livenessDetected "true" and similarityScore high → accepted.
 */
function unattendedRule(
  liveness: Check,
  similarity: Check,
  raw: { liveness: unknown; similarity: unknown },
  basis: Basis,
): RuleOutcome {
  const assumed = basis.unattended;
  if (liveness.result === 'failed') {
    return {
      status: 'rejected',
      rule: `ocr.livenessDetected "false" → rejected ${assumed}`,
      summary:
        'No live person was detected in front of the camera, so the verification is not considered valid.',
    };
  }
  if (liveness.result === 'unknown') return cannotEvaluate(whyUnknown('ocr.livenessDetected', raw.liveness));
  if (similarity.result === 'failed') {
    const score = String(raw.similarity);
    return {
      status: 'inconclusive',
      rule: `ocr.livenessDetected "true" and ocr.similarityScore ${score} → inconclusive ${assumed}`,
      summary: `A live person was detected, but their face only has ${score} similarity with the document photo — a reviewer must decide whether it is the same person.`,
    };
  }
  if (similarity.result === 'passed') {
    return {
      status: 'accepted',
      rule: `ocr.livenessDetected "true" and ocr.similarityScore high → accepted ${assumed}`,
      summary: 'A live person was detected and their face closely matches the document photo.',
    };
  }
  return cannotEvaluate(whyUnknown('ocr.similarityScore', raw.similarity));
}

export function evaluateEidLike(
  process: AssureProcess,
  attendedTypes: readonly string[],
  basis: Basis = EID_BASIS,
): ProviderReport {
  const providerSpecific = process.providerSpecific ?? {};
  const notices: string[] = [];
  const ocr = asRecord(providerSpecific.ocr);
  if (!isAbsent(providerSpecific.ocr) && !ocr) {
    notices.push(`ocr is not an object (${showRaw(providerSpecific.ocr)}); its checks cannot be read.`);
  }
  const raw = { liveness: ocr?.livenessDetected, similarity: ocr?.similarityScore };
  const similarity = valueCheck('ocr.similarityScore', 'Face similarity', raw.similarity, SIMILARITY_SCORE);
  const liveness = livenessCheck(raw.liveness);
  const features = featuresCheck(ocr?.features);
  const checks = [similarity, liveness, ...(features ? [features] : [])];

  if (!isAttended(process, attendedTypes))
    return { checks, notices, outcome: unattendedRule(liveness, similarity, raw, basis) };

  const approval = asRecord(providerSpecific.manualApproval);
  const approvalCheck = valueCheck('manualApproval', 'Manual approval', approval?.status, MANUAL_APPROVAL);
  const extra = [
    asString(approval?.agent) && `agent ${asString(approval?.agent)}`,
    asString(approval?.reason),
  ].filter((part): part is string => Boolean(part));
  if (extra.length > 0) approvalCheck.detail = `${approvalCheck.detail} (${listInWords(extra)})`;
  if (!isAbsent(providerSpecific.manualApproval) && !approval) {
    approvalCheck.detail = `Not recognised: ${showRaw(providerSpecific.manualApproval)}.`;
    approvalCheck.raw = providerSpecific.manualApproval;
  } else if (approval) {
    approvalCheck.raw = approval;
  }
  return {
    checks: [...checks, approvalCheck],
    notices,
    outcome: attendedRule(providerSpecific.manualApproval, basis),
  };
}

function waitingFor(
  status: 'pending' | 'processing',
  process: AssureProcess,
  providerName: string,
  attendedTypes: readonly string[],
): string {
  if (status === 'pending') return 'Waiting for the end-user to capture their document and face.';
  const approvalStatus = asRecord(process.providerSpecific?.manualApproval)?.status;
  if (approvalStatus === 'pending') return "Waiting for an agent's manual approval.";
  const verifying = `${providerName} is verifying the document, face and liveness`;
  return isAttended(process, attendedTypes) ? `${verifying}; an agent will then review it.` : `${verifying}.`;
}

export const eidRules: ProviderRules = {
  label: 'Electronic IDentification',
  section: '§5.3',
  derivesEndings: false,
  evaluate: (process) => evaluateEidLike(process, ['attended']),
  waitingFor: (status, process) => waitingFor(status, process, 'Electronic IDentification', ['attended']),
};

/**
 * Signicat VideoID (§5.7): eID's elements, `manualApproval` for processType `high`, verdict mapped directly. Its
 * status rule is not documented: Assure Desk applies Electronic IDentification's, and says so.
 */
export const signicatVideoIdRules: ProviderRules = {
  label: 'Signicat VideoID',
  section: '§5.7 (eID rule, §5.3)',
  derivesEndings: false,
  evaluate: (process) => evaluateEidLike(process, ['high'], VIDEOID_BASIS),
  waitingFor: (status, process) => waitingFor(status, process, 'Signicat VideoID', ['high']),
};
