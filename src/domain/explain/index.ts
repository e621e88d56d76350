// Explanation engine (contract §5: "The dashboard recomputes each rule from providerSpecific; upstream status wins,
// a disagreement is shown"). Pure and total: any input, however malformed, gives an Explanation and never throws.
import {
  describeFailReason,
  explainFailReason,
  failReasonText,
  type FailReasonExplanation,
} from '../fail-reasons';
import { providerErrors } from '../provider-errors';
import { processSchema, type AssureProcess } from '../process';
import { isProvider, PROCESS_TYPES } from '../providers';
import { isRecord, showRaw } from '../raw-json';
import { isStatus } from '../status';
import { connectRules } from './connect';
import { eidRules, signicatVideoIdRules } from './eid';
import { onfidoRules } from './onfido';
import { readIdRules } from './readid';
import { cannotEvaluate, hasProviderData, NO_PROVIDER_DATA } from './shared';
import { signicatPaperRules, signicatPictureIdRules } from './signicatpaper';
import type { DerivedStatus, Explanation, ProviderReport, ProviderRules, RuleOutcome } from './types';
import { webIdRules } from './webid';

export type { Check, CheckResult, DerivedStatus, Explanation } from './types';
export { readIdElements } from './readid';

/** One rule module per provider (contract §5), plus the optional extras of §5.7. */
const RULES: Readonly<Record<string, ProviderRules>> = {
  readid: readIdRules,
  onfido: onfidoRules,
  eid: eidRules,
  signicatpaper: signicatPaperRules,
  connect: connectRules,
  webid: webIdRules,
  signicatvideoid: signicatVideoIdRules,
  signicatpictureid: signicatPictureIdRules,
};

function rulesFor(provider: string): ProviderRules | undefined {
  return Object.hasOwn(RULES, provider) ? RULES[provider] : undefined;
}

const OPTIONAL_FIELDS: readonly string[] = [
  'processType',
  'createdAt',
  'updatedAt',
  'providerSpecific',
  'finalResult',
  'failReason',
];

type Parsed =
  | { process: AssureProcess; notices: string[] }
  | { process: undefined; notices: string[]; upstreamStatus: string };

/**
 * Validates with processSchema (contract §4). An optional field of the wrong type is dropped with a notice so the rest
 * can still be explained; a missing or wrong required field (processId, provider, status) makes the input unreadable.
 */
function parseProcess(input: unknown): Parsed {
  if (!isRecord(input)) {
    return {
      process: undefined,
      upstreamStatus: '',
      notices: [`The process data is not an object (${showRaw(input)}), so it cannot be explained.`],
    };
  }
  const notices: string[] = [];
  let result = processSchema.safeParse(input);
  if (!result.success) {
    const wrongOptional = new Set(
      result.error.issues
        .map((issue) => issue.path[0])
        .filter((key): key is string => typeof key === 'string' && OPTIONAL_FIELDS.includes(key)),
    );
    if (wrongOptional.size > 0) {
      const repaired = { ...input };
      for (const key of wrongOptional) {
        notices.push(`${key} has the wrong type (${showRaw(input[key])}); it was ignored.`);
        delete repaired[key];
      }
      result = processSchema.safeParse(repaired);
    }
  }
  if (!result.success) {
    const issues = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    notices.push(`The process data is not a valid Get process response (${issues.join('; ')}).`);
    return {
      process: undefined,
      notices,
      upstreamStatus: typeof input.status === 'string' ? input.status : '',
    };
  }
  return { process: result.data, notices };
}

/** An unknown provider: every providerSpecific element shown raw as a check "not recognised". */
function rawReport(process: AssureProcess): ProviderReport {
  const checks = Object.entries(process.providerSpecific ?? {}).map(([name, value]) => ({
    name,
    label: name,
    result: 'unknown' as const,
    detail: `Not recognised: ${showRaw(value)}.`,
    raw: value,
  }));
  return { checks, notices: [], outcome: cannotEvaluate(`provider '${process.provider}' is not recognised`) };
}

/** Things that contradict contract §4 without affecting the rule. */
function consistencyNotices(process: AssureProcess): string[] {
  const notices: string[] = [];
  if (process.failReason !== undefined && process.status !== 'failed') {
    notices.push(
      `failReason '${failReasonText(process.failReason)}' is present although the status is ${process.status}; Assure sends it only for failed processes (contract §4).`,
    );
  }
  if (process.finalResult !== undefined && process.status !== 'accepted') {
    notices.push(
      `A finalResult is present although the status is ${process.status}; Assure sends it only for accepted processes (contract §4).`,
    );
  }
  const types = isProvider(process.provider) ? PROCESS_TYPES[process.provider] : [];
  if (process.processType !== undefined && types.length > 0 && !types.includes(process.processType)) {
    notices.push(
      `processType '${process.processType}' is not recognised for ${process.provider}; it is shown as received.`,
    );
  }
  return notices;
}

function disagreementText(upstream: string, derived: DerivedStatus): string {
  return `Assure says ${upstream}, but the documented rule gives ${derived}: the status disagrees with the checks.`;
}

function failReasonFor(
  process: AssureProcess,
  derived: DerivedStatus,
  outcome: RuleOutcome,
  notices: string[],
): FailReasonExplanation | undefined {
  const fromData = outcome.status === 'failed' ? outcome.failReason : undefined;
  const upstream = describeFailReason(process.failReason);
  if (fromData && upstream && fromData !== upstream.code) {
    notices.push(
      `Assure's failReason '${upstream.code}' differs from the provider data, which gives '${fromData}'.`,
    );
  }
  if (process.status !== 'failed' && derived !== 'failed') return undefined;
  return upstream ?? (fromData === undefined ? undefined : explainFailReason(fromData));
}

/** Compare the rule's outcome with the upstream status (upstream wins; a disagreement is shown). */
function fromOutcome(
  process: AssureProcess,
  rules: ProviderRules | undefined,
  report: ProviderReport,
  notices: string[],
): Explanation {
  const upstream = process.status;
  const outcome = report.outcome;
  if (outcome.status === 'unknown') {
    const reason = outcome.reason;
    notices.push(
      reason === NO_PROVIDER_DATA
        ? `Assure reports ${upstream} but sent no providerSpecific data, so the status cannot be recomputed. Providers fill this data in gradually (contract §4), so it may still arrive; until then the upstream status is shown as reported.`
        : `The status could not be recomputed from the provider data (${reason}); the upstream status is shown as reported.`,
    );
    const failReason = failReasonFor(process, 'unknown', outcome, notices);
    return {
      derivedStatus: 'unknown',
      upstreamStatus: upstream,
      rule: rules
        ? `The ${rules.label} rule (contract ${rules.section}) cannot be evaluated: ${reason}.`
        : `No rule is known for provider '${process.provider}' (contract §5).`,
      summary: `Assure reports ${upstream}, but Assure Desk cannot check this against the provider data: ${reason}.`,
      checks: report.checks,
      agreesWithUpstream: true,
      ...(failReason ? { failReason } : {}),
      notices,
    };
  }
  const derived = outcome.status;
  const comparable = isStatus(upstream);
  if (!comparable) notices.push(`The documented rule gives ${derived} for the provider data.`);
  const agrees = !comparable || derived === upstream;
  const failReason = failReasonFor(process, derived, outcome, notices);
  return {
    derivedStatus: derived,
    upstreamStatus: upstream,
    rule: outcome.rule,
    summary: outcome.summary,
    checks: report.checks,
    agreesWithUpstream: agrees,
    ...(agrees ? {} : { disagreement: disagreementText(upstream, derived) }),
    ...(failReason ? { failReason } : {}),
    notices,
  };
}

/** pending/processing (contract §1): not final, no result rule applies; say what we wait for. */
function notFinal(
  process: AssureProcess,
  status: 'pending' | 'processing',
  rules: ProviderRules | undefined,
  report: ProviderReport,
  notices: string[],
): Explanation {
  const waitingFor =
    rules?.waitingFor(status, process) ??
    (status === 'pending'
      ? 'Waiting for the end-user to start the verification.'
      : 'The provider is verifying the data.');
  return {
    derivedStatus: status,
    upstreamStatus: status,
    rule:
      status === 'pending'
        ? 'Assure reports pending: the verification has not started, so no result rule applies yet (contract §1, documented).'
        : 'Assure reports processing: the verification is running, so no result rule applies yet (contract §1, documented).',
    summary: waitingFor,
    checks: report.checks,
    agreesWithUpstream: true,
    waitingFor,
    notices,
  };
}

/** failed/canceled (contract §1): follow upstream unless the provider's own rule derives endings from data (Connect, WebID). */
function ended(
  process: AssureProcess,
  status: 'failed' | 'canceled',
  rules: ProviderRules | undefined,
  report: ProviderReport,
  notices: string[],
): Explanation {
  const outcome = report.outcome;
  if (rules?.derivesEndings && outcome.status !== 'unknown')
    return fromOutcome(process, rules, report, notices);

  if (outcome.status !== 'unknown') {
    notices.push(
      `The provider data present would give ${outcome.status} by the documented rule (${outcome.rule}); it was probably gathered before the process ended. Assure's ${status} is final.`,
    );
  }
  const failReason = failReasonFor(process, status, outcome, notices);
  const summary =
    status === 'canceled'
      ? 'The end-user canceled the verification, so there is no result.'
      : failReason
        ? `The verification failed (${failReason.label}): ${failReason.explanation}`
        : 'The verification failed, and Assure gave no reason (failReason is missing).';
  return {
    derivedStatus: status,
    upstreamStatus: status,
    rule:
      status === 'canceled'
        ? 'Assure reports canceled: the end-user canceled, so there is no result (contract §1, documented); no provider data contradicts it.'
        : `Assure reports failed${failReason ? ` with failReason ${failReason.code}` : ''}: an error ended the process without a result (contract §1, documented); no provider data contradicts it.`,
    summary,
    checks: report.checks,
    agreesWithUpstream: true,
    ...(failReason ? { failReason } : {}),
    notices,
  };
}

/**
 * A process that is still waiting, or ended without a result, has not run the checks whose data is missing: they
 * read "not performed", not "failed" (a canceled Signicat Paper process did not fail its MRZ read).
 */
function notPerformed(
  report: ProviderReport,
  status: 'pending' | 'processing' | 'failed' | 'canceled',
): ProviderReport {
  const detail =
    status === 'pending' || status === 'processing'
      ? 'Not performed yet: the process has not reached this check.'
      : `Not performed: the process was ${status} before this check ran.`;
  return {
    ...report,
    checks: report.checks.map((check) =>
      check.raw === undefined && (check.result === 'failed' || check.result === 'unknown')
        ? { ...check, result: 'not_performed', detail }
        : check,
    ),
  };
}

function explain(input: unknown): Explanation {
  const parsed = parseProcess(input);
  if (!parsed.process) {
    return {
      derivedStatus: 'unknown',
      upstreamStatus: parsed.upstreamStatus,
      rule: 'No rule can be evaluated: the data is not a valid Get process response (contract §4).',
      summary: 'This process could not be read, so its status cannot be explained.',
      checks: [],
      agreesWithUpstream: true,
      notices: parsed.notices,
    };
  }
  const process = parsed.process;
  const notices = [...parsed.notices];
  const rules = rulesFor(process.provider);
  if (!rules) notices.push(`Provider '${process.provider}' is not recognised; showing raw data.`);
  const evaluated = rules ? rules.evaluate(process) : rawReport(process);
  const report: ProviderReport = hasProviderData(process.providerSpecific)
    ? evaluated
    : { ...evaluated, outcome: rules ? cannotEvaluate(NO_PROVIDER_DATA) : evaluated.outcome };
  notices.push(...report.notices, ...consistencyNotices(process));

  const errors = providerErrors(process);
  if (errors.length > 0) {
    notices.push(
      `The provider reported ${errors.length === 1 ? 'an error' : `${errors.length} errors`} (providerSpecific.errors), shown in the provider's error list.`,
    );
  }
  const status = process.status;
  if (!isStatus(status)) {
    notices.push(
      `Status '${status}' is not recognised; it is shown as received.`,
      'A status Assure Desk does not recognise is not counted as final: it keeps checking the process, less often the longer it stays.',
    );
  }
  if (status === 'pending' || status === 'processing')
    return notFinal(process, status, rules, notPerformed(report, status), notices);
  if (status === 'failed' || status === 'canceled')
    return ended(process, status, rules, notPerformed(report, status), notices);
  return fromOutcome(process, rules, report, notices);
}

/**
 * Explains a Get process response (contract §4–§5). Never throws. For a process whose personal data Assure Desk has
 * erased under its retention setting, rules that read names or dates can no longer be re-evaluated: a difference
 * from Assure's status is then a consequence of the erasure, not evidence, and is not flagged.
 */
export function explainProcess(process: unknown, opts: { personalDataErased?: boolean } = {}): Explanation {
  try {
    const explanation = explain(process);
    if (!opts.personalDataErased || explanation.agreesWithUpstream) return explanation;
    const { disagreement: _disagreement, ...rest } = explanation;
    return {
      ...rest,
      derivedStatus: isStatus(explanation.upstreamStatus) ? explanation.upstreamStatus : 'unknown',
      agreesWithUpstream: true,
      rule: 'Not re-evaluated: the personal data this rule reads was erased under the retention setting.',
      summary: `Assure says ${explanation.upstreamStatus}. The reasons that rested on personal data can no longer be shown: it was erased under the retention setting.`,
      notices: [
        ...explanation.notices,
        `Re-evaluated on the erased data, the documented rule would give ${explanation.derivedStatus}; that is a consequence of the erasure, not evidence.`,
      ],
    };
  } catch (error) {
    // Defensive: a bug here must not take down a review screen.
    return {
      derivedStatus: 'unknown',
      upstreamStatus: isRecord(process) && typeof process.status === 'string' ? process.status : '',
      rule: 'No rule could be evaluated because of an internal error.',
      summary: 'Assure Desk could not explain this process.',
      checks: [],
      agreesWithUpstream: true,
      notices: [
        `Internal error while explaining the process: ${error instanceof Error ? error.message : String(error)}.`,
      ],
    };
  }
}
