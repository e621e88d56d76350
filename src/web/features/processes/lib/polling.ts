import { isFinalStatus, isStatus } from '@domain/status';

export const LIVE_INTERVAL_MS = 3000;
/** A status Assure Desk does not recognise (contract §9: `not_matched`) is never final, but is checked less often. */
export const UNRECOGNISED_INTERVAL_MS = 30_000;

/**
 * refetchInterval for live rows: poll while any row is not final, stop (false) once all are. Rows whose only
 * non-final statuses are unrecognised ones poll with back-off. React Query pauses intervals in hidden tabs
 * (refetchIntervalInBackground stays false).
 */
export function liveRefetchInterval(
  statuses: readonly string[] | undefined,
  interval = LIVE_INTERVAL_MS,
): number | false {
  if (!statuses || statuses.length === 0) return false;
  const open = statuses.filter((s) => !isFinalStatus(s));
  if (open.length === 0) return false;
  return open.some(isStatus) ? interval : Math.max(interval, UNRECOGNISED_INTERVAL_MS);
}
