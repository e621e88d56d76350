// The rule behind a status, worded for a compliance officer: contract section numbers stay in code; the reader
// sees where the rule comes from — the vendor's documentation, or Assure Desk's reading of it.

export type RuleBasis = 'vendor' | 'reading' | 'both';

export const BASIS_TEXT: Record<RuleBasis, string> = {
  vendor: 'documented by Signicat',
  reading: "Assure Desk's reading of Signicat's documentation (not stated by Signicat in so many words)",
  both: "partly documented by Signicat, partly Assure Desk's reading of its documentation",
};

const CONTRACT_REF = /\s*\((?:contract\s+)?§[^()]*(?:\([^()]*\)[^()]*)*\)/g;

/** A rule line without its contract references, and the basis those references named. */
export function ruleForReader(rule: string): { text: string; basis: RuleBasis | null } {
  const refs = rule.match(CONTRACT_REF) ?? [];
  const said = refs.join(' ');
  const documented = /documented|\[D\]/.test(said);
  const assumed = /assumed|\[A\]/.test(said);
  const basis: RuleBasis | null =
    documented && assumed ? 'both' : documented ? 'vendor' : assumed ? 'reading' : null;
  const text = rule
    .replace(CONTRACT_REF, '')
    .replace(/\s+([.,;:])/g, '$1')
    .trim();
  return { text, basis };
}

/** Any text without its contract references ("… (contract §4)"). */
export const withoutContractRefs = (text: string) =>
  text
    .replace(CONTRACT_REF, '')
    .replace(/\s+([.,;:])/g, '$1')
    .trim();

/**
 * What to do about a status that disagrees with the checks. Only inconclusive cases are reviewed: for any other
 * status nobody can decide the case in Assure Desk, so the banner says what to do instead.
 */
export function disagreementAdvice(upstreamStatus: string): string {
  if (upstreamStatus === 'inconclusive') return 'Review the case as usual: look at the evidence and decide.';
  return `Assure's status (${upstreamStatus}) is final and this case is not in the review queue, so it cannot be decided here. If the checks worry you, ask an operator to start a new verification for the end-user, and report the process id to Signicat support.`;
}
