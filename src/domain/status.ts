// Assure process statuses (contract §1). The final set is defined once, here.
export const STATUSES = [
  'pending',
  'processing',
  'accepted',
  'rejected',
  'inconclusive',
  'canceled',
  'failed',
] as const;
export type Status = (typeof STATUSES)[number];

export const FINAL_STATUSES: ReadonlySet<string> = new Set<Status>([
  'accepted',
  'rejected',
  'inconclusive',
  'canceled',
  'failed',
]);

/** Statuses for which Assure offers a full-result zip (contract §3). */
export const RESULT_STATUSES: ReadonlySet<string> = new Set<Status>(['accepted', 'rejected', 'inconclusive']);

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

/** Unknown status values are treated as not final: we keep looking rather than freeze a value we do not understand. */
export function isFinalStatus(status: string | undefined | null): boolean {
  return status != null && FINAL_STATUSES.has(status);
}

export const STATUS_LABELS: Record<Status, string> = {
  pending: 'Pending',
  processing: 'Processing',
  accepted: 'Accepted',
  rejected: 'Rejected',
  inconclusive: 'Inconclusive',
  canceled: 'Canceled',
  failed: 'Failed',
};

export function statusLabel(status: string): string {
  return isStatus(status) ? STATUS_LABELS[status] : `Not recognised (${status})`;
}
