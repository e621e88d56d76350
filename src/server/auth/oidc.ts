import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { ROLES, type Role } from '@domain/policy';
import type { Db } from '../db/client';
import { saveOidcLogin, takeOidcLogin } from '../db/oidc';
import { isLoopbackUrl, type OidcConfig } from './oidc-config';

// OpenID Connect sign-in (issue #20) with openid-client: authorization code flow with PKCE (S256), state and nonce.
// What the callback must match is kept in the database behind a random, HttpOnly cookie, so any instance can finish
// a sign-in another one started, and each is used once.

export const OIDC_COOKIE = 'ad_oidc';
export const OIDC_LOGIN_TTL_MS = 10 * 60_000;
export const CALLBACK_PATH = '/api/auth/oidc/callback';

/** The role of a user's groups: the highest one they map to (admin, manager, operator, reviewer), or undefined. */
export function roleFromGroups(groups: readonly string[], roleMap: Record<string, Role>): Role | undefined {
  const mapped = new Set(groups.map((g) => roleMap[g]).filter((r): r is Role => Boolean(r)));
  return [...ROLES].reverse().find((r) => mapped.has(r));
}

/** A claim's groups, whether the provider sends an array or a single string. */
export function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  return typeof value === 'string' ? [value] : [];
}

export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  /** preferred_username, else email, else the subject. */
  username: string;
  groups: string[];
  returnTo?: string;
}

export class OidcError extends Error {
  constructor(
    readonly reason: 'no_login' | 'provider_error' | 'rejected',
    message: string,
  ) {
    super(message);
  }
}

export class OidcSignIn {
  private configuration?: Promise<client.Configuration>;
  readonly redirectUri: string;

  constructor(
    readonly cfg: OidcConfig,
    publicUrl: string,
  ) {
    this.redirectUri = new URL(CALLBACK_PATH, publicUrl).toString();
  }

  /** The provider's metadata, discovered once (again after a failure). */
  private discover(): Promise<client.Configuration> {
    if (!this.configuration) {
      const issuer = new URL(this.cfg.issuer);
      // http:// only on loopback (tests, local trials); parseOidcConfig refuses it anywhere else.
      const execute =
        issuer.protocol === 'http:' && isLoopbackUrl(issuer) ? [client.allowInsecureRequests] : [];
      this.configuration = client
        .discovery(
          issuer,
          this.cfg.clientId,
          this.cfg.clientSecret,
          client.ClientSecretBasic(this.cfg.clientSecret),
          { execute, timeout: 10 },
        )
        .catch((err: unknown) => {
          this.configuration = undefined;
          throw err;
        });
    }
    return this.configuration;
  }

  /** Starts a sign-in: the URL of the provider's authorization endpoint and the cookie value that ties it to this browser. */
  async start(db: Db, returnTo?: string): Promise<{ url: string; cookieValue: string }> {
    const config = await this.discover();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const cookieValue = randomBytes(32).toString('base64url');
    await saveOidcLogin(db, cookieValue, { state, nonce, codeVerifier, returnTo, ttlMs: OIDC_LOGIN_TTL_MS });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, cookieValue };
  }

  /**
   * Finishes a sign-in at the callback: the sign-in under way must exist for this browser; the code is exchanged with
   * its PKCE verifier; state, nonce, issuer, audience and signature of the ID token are checked by openid-client.
   */
  async finish(db: Db, cookieValue: string | undefined, search: string): Promise<VerifiedIdentity> {
    const login = cookieValue ? await takeOidcLogin(db, cookieValue) : undefined;
    if (!login) throw new OidcError('no_login', 'This sign-in was not started here or has expired.');
    const config = await this.discover();
    const currentUrl = new URL(this.redirectUri);
    currentUrl.search = search;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw new OidcError(
        err instanceof client.AuthorizationResponseError ? 'rejected' : 'provider_error',
        describe(err),
      );
    }
    const claims = tokens.claims();
    if (!claims) throw new OidcError('rejected', 'no ID token');
    let groupClaim: unknown = claims[this.cfg.roleClaim];
    if (groupClaim === undefined && tokens.access_token) {
      // Some providers put groups only in the userinfo answer.
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub).catch(() => undefined);
      groupClaim = info?.[this.cfg.roleClaim];
    }
    const name = [claims.preferred_username, claims.email, claims.sub].find(
      (v): v is string => typeof v === 'string' && v.length > 0,
    )!;
    return {
      issuer: claims.iss,
      subject: claims.sub,
      username: name.slice(0, 200),
      groups: groupsOf(groupClaim),
      returnTo: login.returnTo ?? undefined,
    };
  }
}

/** An error's kind for the log and the audit trail: its code and name, never tokens or claims. */
function describe(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; name?: unknown; error?: unknown };
    return [e.name, e.code, e.error].filter((v) => typeof v === 'string').join(' ') || 'error';
  }
  return 'error';
}
