export type AssureErrorKind =
  | 'not_found'
  | 'conflict'
  | 'client' // other 4xx: our request was wrong
  | 'auth' // credentials refused even with a fresh token: configuration fault
  | 'rate_limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'invalid_response'; // unparsable or schema-violating body

/** A failed call to Assure, with what the upstream said about it (never shown verbatim to reviewers). */
export class AssureError extends Error {
  constructor(
    readonly kind: AssureErrorKind,
    message: string,
    readonly status?: number,
    readonly traceId?: string,
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'AssureError';
  }

  /** Network trouble, 5xx, 429 and garbled bodies are worth another try; a 4xx is not. */
  get retryable(): boolean {
    return ['rate_limited', 'server', 'network', 'timeout', 'invalid_response'].includes(this.kind);
  }

  /** Whether this says something about the upstream's health (as opposed to our request). */
  get upstreamFault(): boolean {
    return this.retryable || this.kind === 'auth';
  }
}
