// Connect (`connect`): identity evidence from an eID login, not a document check (contract §5.5).
import type { AssureProcess } from '../process';
import { asRecord, asString, isAbsent, showRaw } from '../raw-json';
import { cannotEvaluate, listInWords } from './shared';
import type { Check, ProviderReport, ProviderRules, RuleOutcome } from './types';

/** Error codes meaning the end-user chose not to continue (§5.5 [A]). */
const CANCEL_CODES: ReadonlySet<string> = new Set(['access_denied', 'cancel']);

function userInfoCheck(raw: unknown): Check {
  const name = 'userInfo';
  const label = 'Identity claims (userInfo)';
  if (isAbsent(raw))
    return { name, label, result: 'not_available', detail: 'No identity claims were received.' };
  const userInfo = asRecord(raw);
  if (!userInfo) return { name, label, result: 'unknown', detail: `Not recognised: ${showRaw(raw)}.`, raw };
  const claims = Object.keys(userInfo);
  return {
    name,
    label,
    result: claims.length > 0 ? 'passed' : 'not_available',
    detail: claims.length > 0 ? `Claims received: ${claims.join(', ')}.` : 'The identity claims are empty.',
    raw,
  };
}

function errorCheck(raw: unknown): Check {
  const name = 'error';
  const label = 'Login error';
  if (isAbsent(raw)) return { name, label, result: 'passed', detail: 'No login error was reported.' };
  const error = asRecord(raw);
  const code = asString(error?.code);
  if (!error || !code)
    return { name, label, result: 'unknown', detail: `Not recognised: ${showRaw(raw)}.`, raw };
  const description = asString(error.description);
  return { name, label, result: 'failed', detail: `${code}${description ? `: ${description}` : ''}.`, raw };
}

function idTokenCheck(raw: unknown): Check | undefined {
  if (isAbsent(raw)) return undefined;
  const name = 'idtoken';
  const label = 'eID login (idtoken)';
  const token = asRecord(raw);
  if (!token) return { name, label, result: 'unknown', detail: `Not recognised: ${showRaw(raw)}.`, raw };
  const idp = asString(token.idp);
  const acr = asString(token.acr);
  const parts = [idp && `eID method ${idp}`, acr && `level ${acr}`].filter((part): part is string =>
    Boolean(part),
  );
  const detail = parts.length > 0 ? `Logged in with ${listInWords(parts)}.` : 'An ID token was received.';
  return { name, label, result: 'passed', detail, raw };
}

/** §5.5 [A]: error access_denied/cancel → canceled; other error → failed (failReason = error.code); userInfo without error → accepted. */
function applyRule(userInfo: unknown, error: unknown): RuleOutcome {
  if (!isAbsent(error)) {
    const code = asString(asRecord(error)?.code);
    if (!code) return cannotEvaluate(`error is ${showRaw(error)}, which has no recognisable code`);
    if (CANCEL_CODES.has(code)) {
      return {
        status: 'canceled',
        rule: `error.code ${code} → canceled (contract §5.5, assumed)`,
        summary: 'The end-user canceled the eID login, so there is no result.',
      };
    }
    return {
      status: 'failed',
      rule: `error.code ${code} → failed, failReason ${code} (contract §5.5, assumed)`,
      summary: `The eID login failed with the error "${code}", so there is no result.`,
      failReason: code,
    };
  }
  const claims = asRecord(userInfo);
  if (claims && Object.keys(claims).length > 0) {
    return {
      status: 'accepted',
      rule: 'userInfo without error → accepted (contract §5.5, assumed)',
      summary:
        'The end-user logged in with their eID and the identity provider returned their identity claims.',
    };
  }
  if (isAbsent(userInfo)) return cannotEvaluate('neither userInfo nor error was reported');
  return cannotEvaluate(`userInfo is ${showRaw(userInfo)}, which holds no identity claims`);
}

export function evaluateConnect(process: AssureProcess): ProviderReport {
  const providerSpecific = process.providerSpecific ?? {};
  const idToken = idTokenCheck(providerSpecific.idtoken);
  const checks = [
    userInfoCheck(providerSpecific.userInfo),
    errorCheck(providerSpecific.error),
    ...(idToken ? [idToken] : []),
  ];
  return { checks, notices: [], outcome: applyRule(providerSpecific.userInfo, providerSpecific.error) };
}

export const connectRules: ProviderRules = {
  label: 'Connect',
  section: '§5.5',
  derivesEndings: true,
  evaluate: evaluateConnect,
  waitingFor: (status) =>
    status === 'pending'
      ? 'Waiting for the end-user to log in with their eID.'
      : 'Waiting for the eID login to complete.',
};
