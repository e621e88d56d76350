// A reviewer's possible decisions and their words. Apart from review.ts (which re-exports them) so that the list's
// review column and the list schema (api.ts) need none of the review schemas.

export const DECISION_OUTCOMES = ['approve', 'reject', 'retry'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export const OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  approve: 'Approve',
  reject: 'Reject',
  retry: 'Request retry',
};
/** A decision as a past fact, for lists. */
export const DECIDED_LABELS: Record<DecisionOutcome, string> = {
  approve: 'Approved',
  reject: 'Rejected',
  retry: 'Retry requested',
};
