import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { loginRequestSchema } from '@domain/api';
import { isRole } from '@domain/policy';
import { audit } from '../audit/audit';
import { getConnInfo } from '@hono/node-server/conninfo';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../auth/password';
import { beginLoginAttempt, clearLoginFailures, endLoginAttempt, failLoginAttempt, oneAtATime } from '../auth/rate-limit';
import { createSession, deleteSession, SESSION_COOKIE } from '../auth/sessions';
import { findUserByUsername } from '../auth/users';
import type { PolicyRoutes } from '../auth/guard';
import type { AppDeps, AppEnv } from '../context';
import { HttpError } from '../lib/errors';
import { jsonBody, parseOr400 } from '../lib/query';

/** The host of an Origin header, or undefined for `null` and other values that are not URLs. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

const isHttps = (c: Context<AppEnv>) =>
  c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:';

export function sessionRoutes(r: PolicyRoutes, { database, config }: AppDeps) {
  const db = database.db;

  r.get('/api/session', (c) => {
    const user = c.get('user');
    return c.json({
      user: user && isRole(user.role) ? { username: user.username, role: user.role } : null,
      csrfToken: user?.csrfToken ?? null,
      demo: config.demo,
    });
  });

  r.post('/api/session', async (c) => {
    // Login CSRF: a browser posting from another origin says so in Origin.
    const origin = c.req.header('origin');
    if (origin && originHost(origin) !== (config.publicUrl ? new URL(config.publicUrl).host : c.req.header('host'))) {
      throw new HttpError(403, 'csrf', 'Sign-in from another site is not allowed.');
    }
    const { username, password } = parseOr400(loginRequestSchema, await jsonBody(c));
    const forwarded = config.trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
    const address = forwarded || getConnInfo(c).remote.address || 'unknown';
    const name = username.toLowerCase();
    const user = await oneAtATime(name, async () => {
      const { id: attemptId, wait } = await beginLoginAttempt(db, name, address);
      if (wait > 0) {
        const message = wait < 60 ? `Too many sign-ins at once. Try again in ${wait} s.` : `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} min.`;
        throw new HttpError(429, 'too_many_attempts', message, { 'Retry-After': String(wait) });
      }
      let found: Awaited<ReturnType<typeof findUserByUsername>>;
      let ok: boolean;
      try {
        found = await findUserByUsername(db, username);
        ok = found ? await verifyPassword(password, found.passwordHash) : await verifyPassword(password, await DUMMY_HASH_PROMISE).then(() => false);
      } catch (err) {
        // An error of ours is not a failed guess: the attempt must not keep counting against the user.
        await endLoginAttempt(db, attemptId).catch(() => {});
        throw err;
      }
      if (!found || !ok || !found.active || !isRole(found.role)) {
        await failLoginAttempt(db, attemptId);
        await audit(db, { actor: username, action: 'session.login_failed', requestId: c.get('requestId'), details: { address } });
        throw new HttpError(401, 'invalid_credentials', 'Wrong username or password.');
      }
      await clearLoginFailures(db, name, attemptId);
      return found;
    });
    // A fresh session id at every sign-in (no session fixation); any previous cookie is dropped.
    const previous = getCookie(c, SESSION_COOKIE);
    if (previous) await deleteSession(db, previous);
    const session = await createSession(db, user.id, config.sessionTtlMs);
    setCookie(c, SESSION_COOKIE, session.cookieValue, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c),
      path: '/',
      expires: session.expiresAt,
    });
    await audit(db, { actor: user.username, action: 'session.login', requestId: c.get('requestId'), details: {} });
    return c.json({ user: { username: user.username, role: user.role }, csrfToken: session.csrfToken, demo: config.demo });
  });

  r.delete('/api/session', async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) await deleteSession(db, cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });
}
