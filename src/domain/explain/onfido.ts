// Onfido (`onfido`: document, documentSelfie, documentVideo): document check and face match (contract §5.2).
import type { AssureProcess } from '../process';
import { asRecord, isAbsent, showRaw } from '../raw-json';
import { cannotEvaluate, listInWords, valueCheck, type ValueCase } from './shared';
import type { Check, ProviderReport, ProviderRules, RuleOutcome } from './types';

type Element = 'facialSimilarity' | 'documentVerification';

const CLEAR_CONSIDER: Record<string, ValueCase> = {
  clear: { result: 'passed', detail: 'Clear: no concerns.' },
  consider: {
    result: 'consider',
    detail: 'Consider: Onfido asks a person to take a closer look; this is not a failure.',
  },
};

const SUB_RESULT: Record<string, ValueCase> = {
  clear: { result: 'passed', detail: 'Clear: no concerns.' },
  caution: {
    result: 'consider',
    detail: 'Caution: Onfido asks for a closer look (for example an expired document).',
  },
  suspected: { result: 'failed', detail: 'Suspected: Onfido suspects the document is fraudulent.' },
  rejected: {
    result: 'failed',
    detail: 'Rejected: Onfido could not accept the document (for example unreadable or not supported).',
  },
};

// similarityScore is shown for information; the §5.2 rule does not use it.
const SIMILARITY_SCORE: Record<string, ValueCase> = {
  high: {
    result: 'passed',
    detail: 'High similarity between selfie and document photo (informational; not part of the status rule).',
  },
  // Medium is a reason to look, not a failure: amber "Consider", like Onfido's own consider.
  medium: {
    result: 'consider',
    detail:
      'Medium similarity between selfie and document photo: compare them yourself (informational; not part of the status rule).',
  },
  low: {
    result: 'failed',
    detail: 'Low similarity between selfie and document photo (informational; not part of the status rule).',
  },
};

interface FieldSpec {
  field: string;
  label: string;
  cases: Record<string, ValueCase>;
  /** Whether the §5.2 rule looks at this field. */
  inRule: boolean;
}

const FIELDS: Record<Element, FieldSpec[]> = {
  facialSimilarity: [
    { field: 'result', label: 'Face check (overall)', cases: CLEAR_CONSIDER, inRule: true },
    { field: 'faceComparison', label: 'Face comparison', cases: CLEAR_CONSIDER, inRule: true },
    { field: 'imageIntegrity', label: 'Selfie image integrity', cases: CLEAR_CONSIDER, inRule: true },
    {
      field: 'visualAuthenticity',
      label: 'Selfie visual authenticity (liveness)',
      cases: CLEAR_CONSIDER,
      inRule: true,
    },
    { field: 'similarityScore', label: 'Face similarity score', cases: SIMILARITY_SCORE, inRule: false },
  ],
  documentVerification: [
    { field: 'result', label: 'Document check (overall)', cases: CLEAR_CONSIDER, inRule: true },
    { field: 'subResult', label: 'Document check (sub-result)', cases: SUB_RESULT, inRule: true },
    { field: 'imageIntegrity', label: 'Document image integrity', cases: CLEAR_CONSIDER, inRule: true },
    { field: 'dataValidation', label: 'Document data validation', cases: CLEAR_CONSIDER, inRule: true },
    { field: 'dataComparison', label: 'Document data comparison', cases: CLEAR_CONSIDER, inRule: true },
    { field: 'dataConsistency', label: 'Document data consistency', cases: CLEAR_CONSIDER, inRule: true },
    {
      field: 'visualAuthenticity',
      label: 'Document visual authenticity',
      cases: CLEAR_CONSIDER,
      inRule: true,
    },
    { field: 'compromisedDocument', label: 'Compromised document', cases: CLEAR_CONSIDER, inRule: true },
    { field: 'policeRecord', label: 'Police record', cases: CLEAR_CONSIDER, inRule: true },
  ],
};

const ELEMENT_LABELS: Record<Element, string> = {
  facialSimilarity: 'Face check (facialSimilarity)',
  documentVerification: 'Document check (documentVerification)',
};

/** Breakdowns each processType produces; an unknown or absent processType expects whatever is present. */
const EXPECTED_ELEMENTS: Record<string, Element[]> = {
  document: ['documentVerification'],
  documentSelfie: ['documentVerification', 'facialSimilarity'],
  documentVideo: ['documentVerification', 'facialSimilarity'],
};

interface RuleInput {
  check: Check;
  value: unknown;
}

export function evaluateOnfido(process: AssureProcess): ProviderReport {
  const providerSpecific = process.providerSpecific ?? {};
  const checks: Check[] = [];
  const ruleInputs: RuleInput[] = [];
  /** Why a breakdown the rule needs cannot be read (missing although expected, or wrong type). */
  const unreadable: Partial<Record<Element, string>> = {};

  const expected = (process.processType && EXPECTED_ELEMENTS[process.processType]) || [];
  for (const element of ['documentVerification', 'facialSimilarity'] as const) {
    const raw = providerSpecific[element];
    const breakdown = asRecord(raw);
    if (!breakdown) {
      if (!isAbsent(raw)) {
        const detail = `Not recognised: ${showRaw(raw)}.`;
        checks.push({ name: element, label: ELEMENT_LABELS[element], result: 'unknown', detail, raw });
        unreadable[element] = `${element} is ${showRaw(raw)}, which is not a recognised value`;
      } else if (expected.includes(element)) {
        checks.push({
          name: element,
          label: ELEMENT_LABELS[element],
          result: 'unknown',
          detail: 'Not reported by Onfido.',
        });
        unreadable[element] = `${element} was not reported`;
      }
      continue;
    }
    for (const spec of FIELDS[element]) {
      const value = breakdown[spec.field];
      if (isAbsent(value)) continue;
      const check = valueCheck(`${element}.${spec.field}`, spec.label, value, spec.cases);
      checks.push(check);
      if (spec.inRule) ruleInputs.push({ check, value });
    }
  }
  return { checks, notices: [], outcome: applyRule(ruleInputs, unreadable) };
}

/** §5.2 [A]: all clear → accepted; subResult rejected/suspected → rejected; otherwise any consider/caution → inconclusive. */
function applyRule(inputs: RuleInput[], unreadable: Partial<Record<Element, string>>): RuleOutcome {
  const subResult = inputs.find((input) => input.check.name === 'documentVerification.subResult');
  const unknownInputs = inputs.filter((input) => input.check.result === 'unknown');
  const flagged = inputs.filter((input) => input.value === 'consider' || input.value === 'caution');
  const unreadableReasons = Object.values(unreadable);

  if (
    inputs.length > 0 &&
    unreadableReasons.length === 0 &&
    inputs.every((input) => input.value === 'clear')
  ) {
    const names = listInWords(inputs.map((input) => input.check.name));
    return {
      status: 'accepted',
      rule: `all Onfido breakdowns clear (${names}) → accepted (contract §5.2, assumed)`,
      summary:
        'All Onfido checks came back clear — Onfido raised no concerns about the document or the face match.',
    };
  }
  if (subResult?.value === 'rejected' || subResult?.value === 'suspected') {
    return {
      status: 'rejected',
      rule: `documentVerification.subResult ${subResult.value} → rejected (contract §5.2, assumed)`,
      summary:
        subResult.value === 'suspected'
          ? 'Onfido suspects the document is fraudulent (document sub-result "suspected"), so it is not considered valid.'
          : 'Onfido rejected the document (document sub-result "rejected"), so it is not considered valid.',
    };
  }
  // A subResult we cannot read might be "rejected", which would win over inconclusive.
  if (unreadable.documentVerification) return cannotEvaluate(unreadable.documentVerification);
  if (subResult?.check.result === 'unknown') {
    return cannotEvaluate(
      `documentVerification.subResult is ${showRaw(subResult.value)}, which is not a recognised value`,
    );
  }
  if (flagged.length > 0) {
    const what = flagged.map((input) => `${input.check.name} ${String(input.value)}`);
    const labels = flagged.map((input) => input.check.label.toLowerCase());
    return {
      status: 'inconclusive',
      rule: `no rejected/suspected subResult, but ${listInWords(what)} → inconclusive (contract §5.2, assumed)`,
      summary: `Onfido flagged ${listInWords(labels)} for review ("consider" or "caution"), so a reviewer must decide.`,
    };
  }
  const reasons = [
    ...unreadableReasons,
    ...unknownInputs.map(
      (input) => `${input.check.name} is ${showRaw(input.value)}, which is not a recognised value`,
    ),
  ];
  if (reasons.length > 0) return cannotEvaluate(listInWords(reasons));
  return cannotEvaluate('no Onfido breakdowns (facialSimilarity, documentVerification) were reported');
}

export const onfidoRules: ProviderRules = {
  label: 'Onfido',
  section: '§5.2',
  derivesEndings: false,
  evaluate: evaluateOnfido,
  waitingFor: (status) =>
    status === 'pending'
      ? 'Waiting for the end-user to capture their document (and a selfie or video, if requested).'
      : 'Onfido is checking the document and the face match.',
};
