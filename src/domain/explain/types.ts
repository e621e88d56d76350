import type { FailReasonExplanation } from '../fail-reasons';
import type { AssureProcess } from '../process';
import type { Status } from '../status';

/**
 * `consider`: the provider flags it for a human look (Onfido `consider`/`caution`), which is not a failure;
 * `not_performed`: the process ended or is still waiting before the check ran.
 */
export type CheckResult = 'passed' | 'failed' | 'consider' | 'not_available' | 'not_performed' | 'unknown';

/** One provider check behind a status, e.g. ReadID's `chipVerification`. */
export interface Check {
  /** The vendor's name for the check (`chipVerification`, `facialSimilarity.faceComparison`, `mrzChecksum.documentNumber`). */
  name: string;
  label: string;
  result: CheckResult;
  /** Plain-language detail; for unrecognised values it contains the raw value. */
  detail: string;
  raw?: unknown;
}

export type DerivedStatus = Status | 'unknown';

export interface Explanation {
  /** The status the documented rule gives for the provider data; `unknown` when the rule cannot be evaluated. */
  derivedStatus: DerivedStatus;
  /** The status Assure sent, verbatim ('' when the input has no readable status). Upstream wins (contract §5). */
  upstreamStatus: string;
  /** The rule line that produced derivedStatus, with its contract section and basis. */
  rule: string;
  /** One plain sentence for a compliance officer. */
  summary: string;
  checks: Check[];
  /** False only when the rule could be evaluated and gives a different status than Assure. */
  agreesWithUpstream: boolean;
  /** Present when agreesWithUpstream is false; contains the word "disagrees". */
  disagreement?: string;
  /** For pending/processing: what the process is waiting for. */
  waitingFor?: string;
  failReason?: FailReasonExplanation;
  notices: string[];
}

/** What a provider's documented rule gives for the data at hand (first matching row). */
export type RuleOutcome =
  | { status: Status; rule: string; summary: string; failReason?: string }
  /** The rule cannot be evaluated; `reason` completes "…cannot be evaluated: <reason>". */
  | { status: 'unknown'; reason: string };

export interface ProviderReport {
  checks: Check[];
  outcome: RuleOutcome;
  notices: string[];
}

export interface ProviderRules {
  label: string;
  /** Contract section of the rule, e.g. "§5.1". */
  section: string;
  /** True when the rule itself derives `failed`/`canceled` from data (Connect, WebID); otherwise those follow upstream. */
  derivesEndings: boolean;
  evaluate(process: AssureProcess): ProviderReport;
  waitingFor(status: 'pending' | 'processing', process: AssureProcess): string;
}
