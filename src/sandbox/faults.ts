/**
 * Fault injection (contract §8 "Fault injection", brief §9). Everything is off by default and switched through
 * POST /sandbox/faults (partial update) or control.setFaults(). Faults never touch the /sandbox control routes.
 */
import { z } from 'zod';

/** A share of requests in [0, 1]; `true`/`false` are accepted as 1/0 for convenience. */
const rate = z
  .union([z.boolean(), z.number().min(0).max(1)])
  .transform((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));

export const faultsPatchSchema = z
  .object({
    /** Added to every /assure and /auth response, plus up to latencyJitterMs. */
    latencyMs: z.number().int().min(0).max(120_000),
    latencyJitterMs: z.number().int().min(0).max(120_000),
    /** Share of /assure requests answered 5xx (type base:server-problem). */
    errorRate: rate,
    /** Share of /assure requests answered 429 with Retry-After. */
    rate429: rate,
    retryAfterS: z.number().int().min(0).max(3600),
    /** Lifetime of newly issued tokens, overriding tokenTtlS (early expiry); null = no override. */
    tokenTtlS: z.number().int().min(1).max(3600).nullable(),
    /** Full-result zips are cut in half. */
    truncateZip: z.boolean(),
    /** Share of Get process responses with a broken JSON body. */
    malformedJson: rate,
    /** Webhook faults (contract §8): share of events dropped, sent twice, badly signed, delayed out of order, already expired. */
    webhookDrop: rate,
    webhookDuplicate: rate,
    webhookBadSignature: rate,
    webhookReorder: rate,
    webhookExpired: rate,
    /** Every /assure and /auth request answers 503. */
    down: z.boolean(),
    /** A provider outage: every process of this provider created from now on fails (failed.technicalError). */
    failProvider: z.string().min(1).max(50).nullable(),
  })
  .partial()
  .strict();

export type FaultsPatch = z.input<typeof faultsPatchSchema>;
export type Faults = Required<z.output<typeof faultsPatchSchema>>;

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  latencyJitterMs: 0,
  errorRate: 0,
  rate429: 0,
  retryAfterS: 1,
  tokenTtlS: null,
  truncateZip: false,
  malformedJson: 0,
  webhookDrop: 0,
  webhookDuplicate: 0,
  webhookBadSignature: 0,
  webhookReorder: 0,
  webhookExpired: 0,
  down: false,
  failProvider: null,
};

export class FaultState {
  private current: Faults = { ...NO_FAULTS };

  get(): Faults {
    return { ...this.current };
  }

  /** Partial update; throws a zod error on bad input. */
  set(patch: FaultsPatch): Faults {
    const parsed = faultsPatchSchema.parse(patch);
    const next: Faults = { ...this.current };
    for (const [key, value] of Object.entries(parsed)) {
      if (value !== undefined) Object.assign(next, { [key]: value });
    }
    this.current = next;
    return this.get();
  }

  reset(): Faults {
    this.current = { ...NO_FAULTS };
    return this.get();
  }

  /** True with probability `share` (faults are random by nature; 0 and 1 are exact). */
  roll(share: number): boolean {
    if (share <= 0) return false;
    if (share >= 1) return true;
    return Math.random() < share;
  }

  latency(): number {
    const { latencyMs, latencyJitterMs } = this.current;
    return latencyMs + (latencyJitterMs > 0 ? Math.floor(Math.random() * latencyJitterMs) : 0);
  }
}
