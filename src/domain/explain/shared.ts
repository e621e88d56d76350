import { isAbsent, showRaw } from '../raw-json';
import type { Check, CheckResult, RuleOutcome } from './types';

export interface ValueCase {
  result: CheckResult;
  detail: string;
}

/**
 * A check for one enumerated provider value. Known values map through `cases`; an absent value is "not reported"
 * and anything else is "not recognised" with the raw value visible (contract: client robustness).
 */
export function valueCheck(
  name: string,
  label: string,
  value: unknown,
  cases: Readonly<Record<string, ValueCase>>,
): Check {
  if (isAbsent(value)) return { name, label, result: 'unknown', detail: 'Not reported by the provider.' };
  if (typeof value === 'string' && Object.hasOwn(cases, value)) {
    const known = cases[value];
    return { name, label, result: known.result, detail: known.detail, raw: value };
  }
  return { name, label, result: 'unknown', detail: `Not recognised: ${showRaw(value)}.`, raw: value };
}

/** Completes "the rule cannot be evaluated: …" for a field whose value is missing or not recognised. */
export function whyUnknown(name: string, value: unknown): string {
  return isAbsent(value)
    ? `${name} was not reported`
    : `${name} is ${showRaw(value)}, which is not a recognised value`;
}

export function cannotEvaluate(reason: string): RuleOutcome {
  return { status: 'unknown', reason };
}

/** Joins labels into prose: "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A process without providerSpecific (or with an empty one) has nothing to evaluate. */
export function hasProviderData(providerSpecific: Record<string, unknown> | undefined): boolean {
  return providerSpecific !== undefined && Object.keys(providerSpecific).length > 0;
}

export const NO_PROVIDER_DATA = 'the process carries no providerSpecific data';
