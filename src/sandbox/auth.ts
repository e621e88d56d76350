/**
 * Contract §2: OAuth2 client credentials at POST /auth/open/connect/token with client_secret_basic,
 * form body grant_type=client_credentials&scope=signicat-api; opaque bearer tokens that expire on the sandbox clock.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock';

export const SCOPE = 'signicat-api';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** OAuth2 error reply (RFC 6749 §5.2), not problem+json: this is the token endpoint's own format. */
export interface TokenError {
  status: 400 | 401;
  body: { error: string; error_description?: string };
}

export type BearerCheck = 'ok' | 'missing' | 'malformed' | 'unknown' | 'expired';

const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // RFC 6749 §2.3.1: id and secret are form-urlencoded before base64.
  const unescape = (s: string): string => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
}

export class Tokens {
  private tokens = new Map<string, number>(); // token → expiry (sandbox clock ms)

  constructor(
    private readonly clock: Clock,
    private readonly client: { id: string; secret: string },
    private readonly ttlS: () => number,
  ) {}

  /** Handle a token request; returns the token or an OAuth2 error. */
  issue(authorization: string | undefined, form: Record<string, string>): TokenResponse | TokenError {
    const basic = parseBasic(authorization);
    // client_secret_basic is the documented method; client_secret_post is tolerated.
    const creds =
      basic ??
      (form.client_id !== undefined ? { id: form.client_id, secret: form.client_secret ?? '' } : undefined);
    if (!creds || !safeEqual(creds.id, this.client.id) || !safeEqual(creds.secret, this.client.secret)) {
      return { status: 401, body: { error: 'invalid_client' } };
    }
    if (form.grant_type === undefined)
      return { status: 400, body: { error: 'invalid_request', error_description: 'grant_type is required' } };
    if (form.grant_type !== 'client_credentials') {
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'only client_credentials is supported' },
      };
    }
    const scopes = (form.scope ?? SCOPE).split(/\s+/).filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => s !== SCOPE)) {
      return {
        status: 400,
        body: { error: 'invalid_scope', error_description: `only '${SCOPE}' is available` },
      };
    }
    const ttl = this.ttlS();
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, this.clock.now() + ttl * 1000);
    this.prune();
    return { access_token: token, token_type: 'Bearer', expires_in: ttl, scope: SCOPE };
  }

  check(authorization: string | undefined): BearerCheck {
    if (authorization === undefined || authorization.trim() === '') return 'missing';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!m) return 'malformed';
    const expiry = this.tokens.get(m[1]);
    if (expiry === undefined) return 'unknown';
    if (expiry <= this.clock.now()) return 'expired';
    return 'ok';
  }

  /** Forced invalidation: every issued token answers 401 from now on (the client must fetch a new one). */
  invalidateAll(): void {
    this.tokens.clear();
  }

  private prune(): void {
    if (this.tokens.size < 1000) return;
    const now = this.clock.now();
    for (const [token, expiry] of this.tokens) if (expiry <= now) this.tokens.delete(token);
  }
}
