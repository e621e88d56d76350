import { isRole, type Role } from '@domain/policy';

// OpenID Connect sign-in settings (issue #20), parsed from the environment with the rest of the configuration.

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claim holding the user's groups (default `groups`). */
  roleClaim: string;
  /** Group → role; the user's role is the highest one their groups map to. */
  roleMap: Record<string, Role>;
  /** Shown on the sign-in button: "Sign in with <displayName>". */
  displayName: string;
  /** Local passwords are off, except for the break-glass account. */
  only: boolean;
  /** The local admin account that can still sign in with a password (and a second factor) when OIDC_ONLY=1. */
  breakGlassUser?: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export const isLoopbackUrl = (url: URL) => LOOPBACK.has(url.hostname);

/** Returns the OIDC settings (undefined when OIDC_ISSUER is unset) or throws a list of problems, one line each. */
export function parseOidcConfig(
  env: Record<string, string | undefined>,
  publicUrl: string | undefined,
): OidcConfig | undefined {
  const problems: string[] = [];
  const issuer = env.OIDC_ISSUER;
  if (!issuer) {
    if (env.OIDC_ONLY === '1') problems.push('  OIDC_ONLY: needs OIDC_ISSUER');
    if (problems.length) throw new Error(problems.join('\n'));
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(issuer);
  } catch {
    problems.push('  OIDC_ISSUER: must be a URL');
  }
  if (url && url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(url))) {
    problems.push(
      '  OIDC_ISSUER: must be https:// (http:// only on a loopback address, for tests and local trials)',
    );
  }
  if (!env.OIDC_CLIENT_ID) problems.push('  OIDC_CLIENT_ID: required when OIDC_ISSUER is set');
  if (!env.OIDC_CLIENT_SECRET) problems.push('  OIDC_CLIENT_SECRET: required when OIDC_ISSUER is set');
  if (!publicUrl)
    problems.push('  PUBLIC_URL: required when OIDC_ISSUER is set (the redirect URI is built from it)');
  const roleMap: Record<string, Role> = {};
  for (const pair of (env.OIDC_ROLE_MAP ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = pair.lastIndexOf('=');
    const group = pair.slice(0, eq).trim();
    const role = pair.slice(eq + 1).trim();
    if (eq <= 0 || !isRole(role))
      problems.push(
        `  OIDC_ROLE_MAP: "${pair}" is not group=role with a role of reviewer, operator, manager or admin`,
      );
    else roleMap[group] = role;
  }
  if (!Object.keys(roleMap).length)
    problems.push(
      '  OIDC_ROLE_MAP: required when OIDC_ISSUER is set, e.g. kyc-reviewers=reviewer,kyc-admins=admin',
    );
  if (env.OIDC_ONLY && !['0', '1'].includes(env.OIDC_ONLY)) problems.push('  OIDC_ONLY: must be 0 or 1');
  if (problems.length) throw new Error(problems.join('\n'));
  return {
    issuer,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET!,
    roleClaim: env.OIDC_ROLE_CLAIM || 'groups',
    roleMap,
    displayName: env.OIDC_DISPLAY_NAME || url!.hostname,
    only: env.OIDC_ONLY === '1',
    breakGlassUser: env.OIDC_BREAK_GLASS_USER || undefined,
  };
}
