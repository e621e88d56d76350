// WebID (`webid`: videoid, accountid): live video call with a human verifier, or self-capture (contract §5.6).
import type { AssureProcess } from '../process';
import type { Status } from '../status';
import { asRecord, asString, isAbsent, showRaw } from '../raw-json';
import { cannotEvaluate, valueCheck, whyUnknown, type ValueCase } from './shared';
import type { Check, ProviderReport, ProviderRules, RuleOutcome } from './types';

interface ResultRow {
  status: Status;
  basis: 'documented' | 'assumed';
  failReason?: string;
  check: ValueCase;
  summary: string;
}

// §5.6: successful → accepted, rejected → rejected, mismatch → inconclusive [D]; canceled → canceled, expired → failed/timeout [A].
const RESULTS: Record<string, ResultRow> = {
  successful: {
    status: 'accepted',
    basis: 'documented',
    check: { result: 'passed', detail: 'WebID identified the person successfully (successful).' },
    summary: 'WebID identified the person successfully — the person and the document were confirmed.',
  },
  rejected: {
    status: 'rejected',
    basis: 'documented',
    check: { result: 'failed', detail: 'WebID rejected the identification (rejected).' },
    summary: 'WebID rejected the identification, so it is not considered valid.',
  },
  mismatch: {
    status: 'inconclusive',
    basis: 'documented',
    check: {
      result: 'failed',
      detail: "WebID found a mismatch between the person's data and the document (mismatch).",
    },
    summary: "WebID found a mismatch between the person's data and the document — a reviewer must decide.",
  },
  canceled: {
    status: 'canceled',
    basis: 'assumed',
    check: { result: 'not_available', detail: 'The end-user canceled the identification (canceled).' },
    summary: 'The end-user canceled the WebID identification, so there is no result.',
  },
  expired: {
    status: 'failed',
    basis: 'assumed',
    failReason: 'timeout',
    check: {
      result: 'not_available',
      detail: 'The identification expired before it was completed (expired).',
    },
    summary: 'The WebID identification expired before the end-user completed it, so there is no result.',
  },
};

const RESULT_CASES: Record<string, ValueCase> = Object.fromEntries(
  Object.entries(RESULTS).map(([result, row]) => [result, row.check]),
);

function applyRule(result: unknown, reason: string | undefined): RuleOutcome {
  const row = typeof result === 'string' && Object.hasOwn(RESULTS, result) ? RESULTS[result] : undefined;
  if (!row) return cannotEvaluate(whyUnknown('identResponse.result', result));
  const ending = row.failReason ? `${row.status}, failReason ${row.failReason}` : row.status;
  const because =
    reason && (row.status === 'rejected' || row.status === 'inconclusive') ? ` Reason given: ${reason}.` : '';
  return {
    status: row.status,
    rule: `identResponse.result ${String(result)} → ${ending} (contract §5.6, ${row.basis})`,
    summary: `${row.summary}${because}`,
    ...(row.failReason ? { failReason: row.failReason } : {}),
  };
}

export function evaluateWebId(process: AssureProcess): ProviderReport {
  const providerSpecific = process.providerSpecific ?? {};
  const notices: string[] = [];
  const identResponse = asRecord(providerSpecific.identResponse);
  if (!isAbsent(providerSpecific.identResponse) && !identResponse) {
    notices.push(
      `identResponse is not an object (${showRaw(providerSpecific.identResponse)}); its result cannot be read.`,
    );
  }
  if (!isAbsent(providerSpecific.payMoneyTransferResponse)) {
    notices.push(
      'payMoneyTransferResponse is present (payment-based WebID variant); it is shown as raw data only.',
    );
  }
  const result = identResponse?.result;
  const reason = asString(identResponse?.reason);
  const check: Check = valueCheck(
    'identResponse.result',
    'WebID identification result',
    result,
    RESULT_CASES,
  );
  const method = asString(identResponse?.identMethod);
  const extra = [method && `method ${method}`, reason && `reason: ${reason}`].filter((part): part is string =>
    Boolean(part),
  );
  if (extra.length > 0) check.detail = `${check.detail} (${extra.join('; ')})`;
  return { checks: [check], notices, outcome: applyRule(result, reason) };
}

export const webIdRules: ProviderRules = {
  label: 'WebID',
  section: '§5.6',
  derivesEndings: true,
  evaluate: evaluateWebId,
  waitingFor: (status) =>
    status === 'pending'
      ? 'Waiting for the end-user to start the WebID identification.'
      : 'WebID is verifying the identification (a human verifier may be reviewing it).',
};
