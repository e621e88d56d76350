// The states of a case (rules in cases.ts, which re-exports these) and their names. Apart from cases.ts so that the
// processes list (its filter and schema) needs none of the case schemas.

export const CASE_STATES = [
  'needs_review',
  'pending_second_review',
  'awaiting_end_user',
  'in_progress',
  'resolved_by_retry',
  'decided',
  'closed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  needs_review: 'Needs review',
  pending_second_review: 'Pending second review',
  awaiting_end_user: 'Awaiting end-user',
  in_progress: 'In progress',
  resolved_by_retry: 'Resolved by retry',
  decided: 'Decided',
  closed: 'Closed',
};
