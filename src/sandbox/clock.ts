/**
 * The sandbox clock: the injectable `now` plus an offset moved by POST /sandbox/clock/advance (contract §8
 * "injectable clock"). Every timestamp, token expiry and transition reads this clock, never Date.now directly.
 */
export class Clock {
  /** How far the clock has been advanced; kept in the state file, so a restarted sandbox keeps its time. */
  offsetMs = 0;

  constructor(private readonly source: () => number) {}

  now(): number {
    return this.source() + this.offsetMs;
  }

  advance(seconds: number): void {
    this.offsetMs += seconds * 1000;
  }
}

/** Contract §4: ISO 8601 UTC; the emulator sends whole seconds ("2023-12-07T22:32:50Z"). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Event timestamps may carry fractions (contract §6). */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}
