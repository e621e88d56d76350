import { isFinalStatus } from '@domain/status';

export const LIVE_INTERVAL_MS = 3000;

/**
 * refetchInterval for live rows: poll while any row is not final, stop (false) once all are. React Query pauses
 * intervals in hidden tabs (refetchIntervalInBackground stays false).
 */
export function liveRefetchInterval(statuses: readonly string[] | undefined, interval = LIVE_INTERVAL_MS): number | false {
  if (!statuses || statuses.length === 0) return false;
  return statuses.some((s) => !isFinalStatus(s)) ? interval : false;
}
