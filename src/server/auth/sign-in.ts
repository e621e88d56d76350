import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config';
import type { AppEnv } from '../context';
import type { Db } from '../db/client';
import { createSession, deleteSession, sessionCookieName } from './sessions';

/**
 * Starts a session for a user who has authenticated (`amr`: pwd, otp, oidc) and sets its cookie, as the password
 * sign-in does: a fresh session id at every sign-in (no session fixation); any previous cookie of this browser is
 * dropped; `__Host-` prefixed and Secure when served over HTTPS.
 */
export async function issueSession(
  c: Context<AppEnv>,
  db: Db,
  config: Pick<Config, 'sessionTtlMs' | 'secureCookies'>,
  userId: number,
  amr: string[],
) {
  const name = sessionCookieName(config.secureCookies);
  const previous = getCookie(c, name);
  if (previous) await deleteSession(db, previous);
  const session = await createSession(db, userId, config.sessionTtlMs, amr);
  const secure =
    config.secureCookies ||
    c.req.header('x-forwarded-proto') === 'https' ||
    new URL(c.req.url).protocol === 'https:';
  setCookie(c, name, session.cookieValue, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    expires: session.expiresAt,
  });
  return session;
}
