import { describe, expect, it } from 'vitest';
import { LIVE_INTERVAL_MS, liveRefetchInterval, UNRECOGNISED_INTERVAL_MS } from './polling';

describe('live polling interval', () => {
  it('polls while any row is not final', () => {
    expect(liveRefetchInterval(['accepted', 'pending'])).toBe(LIVE_INTERVAL_MS);
    expect(liveRefetchInterval(['processing'])).toBe(LIVE_INTERVAL_MS);
  });

  it('stops (false) once every row is final', () => {
    expect(liveRefetchInterval(['accepted', 'rejected', 'inconclusive', 'failed', 'canceled'])).toBe(false);
  });

  it('keeps polling a status it does not recognise rather than freezing it, but less often', () => {
    expect(liveRefetchInterval(['not_matched'])).toBe(UNRECOGNISED_INTERVAL_MS);
    expect(liveRefetchInterval(['not_matched', 'accepted'])).toBe(UNRECOGNISED_INTERVAL_MS);
    // A known non-final row next to it keeps the normal pace.
    expect(liveRefetchInterval(['not_matched', 'processing'])).toBe(LIVE_INTERVAL_MS);
  });

  it('does not poll without rows', () => {
    expect(liveRefetchInterval([])).toBe(false);
    expect(liveRefetchInterval(undefined)).toBe(false);
  });
});
