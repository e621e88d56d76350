import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { API } from '@domain/contracts';
import { isRole, type Role } from '@domain/policy';
import { audit } from '../audit/audit';
import { clientAddress, limitGroup } from '../auth/client-address';
import {
  DEVICE_COOKIE,
  DEVICE_COOKIE_MAX_AGE_S,
  issueDeviceCookie,
  verifiedDevice,
} from '../auth/device-cookie';
import { DUMMY_HASH_PROMISE, hashPassword, needsRehash, verifyPassword } from '../auth/password';
import {
  beginLoginAttempt,
  clearLoginFailures,
  endLoginAttempt,
  failLoginAttempt,
  oneAtATime,
} from '../auth/rate-limit';
import { createSession, deleteSession, deleteUserSessions, sessionCookieName } from '../auth/sessions';
import { findUserByUsername, replacePasswordHash } from '../db/users';
import type { Routes } from '../auth/guard';
import { secondFactorChallenge } from '../auth/second-factor';
import type { AppDeps, AppEnv } from '../context';
import { recordSecurityEvent } from '../db/security-events';
import { HttpError } from '../lib/errors';

/** The host of an Origin header, or undefined for `null` and other values that are not URLs. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

export function sessionRoutes(r: Routes, { database, config, log }: AppDeps) {
  const db = database.db;
  const sessionCookie = sessionCookieName(config.secureCookies);
  const deviceCookie = config.secureCookies ? `__Host-${DEVICE_COOKIE}` : DEVICE_COOKIE;
  const isHttps = (c: Context<AppEnv>) =>
    config.secureCookies ||
    c.req.header('x-forwarded-proto') === 'https' ||
    new URL(c.req.url).protocol === 'https:';

  r.on(API.session, (_c, { user }) => ({
    user: user && isRole(user.role) ? { username: user.username, role: user.role } : null,
    csrfToken: user?.csrfToken ?? null,
    demo: config.demo,
  }));

  r.on(API.signIn, async (c, { body: { username, password } }) => {
    // Login CSRF: a browser posting from another origin says so in Origin.
    const origin = c.req.header('origin');
    if (
      origin &&
      originHost(origin) !== (config.publicUrl ? new URL(config.publicUrl).host : c.req.header('host'))
    ) {
      throw new HttpError(403, 'csrf', 'Sign-in from another site is not allowed.');
    }
    // Single sign-on only (OIDC_ONLY=1, issue #20): local passwords are off except the break-glass account's.
    if (config.oidc?.only && username.toLowerCase() !== config.oidc.breakGlassUser?.toLowerCase()) {
      throw new HttpError(403, 'oidc_only', `Sign in with ${config.oidc.displayName}.`);
    }
    const address = clientAddress(c, config.trustProxy);
    const name = username.toLowerCase();
    const device = await verifiedDevice(db, name, getCookie(c, deviceCookie));
    const source = { username: name, address: limitGroup(address), device };
    const user = await oneAtATime(name, async () => {
      const { id: attemptId, wait } = await beginLoginAttempt(
        db,
        source.username,
        source.address,
        source.device,
      );
      if (wait > 0) {
        const message =
          wait < 60
            ? `Too many sign-ins at once. Try again in ${wait} s.`
            : `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} min.`;
        throw new HttpError(429, 'too_many_attempts', message, { 'Retry-After': String(wait) });
      }
      let found: Awaited<ReturnType<typeof findUserByUsername>>;
      let ok: boolean;
      try {
        found = await findUserByUsername(db, username);
        ok = found
          ? await verifyPassword(password, found.passwordHash)
          : await verifyPassword(password, await DUMMY_HASH_PROMISE).then(() => false);
      } catch (err) {
        // An error of ours is not a failed guess: the attempt must not keep counting against the user.
        await endLoginAttempt(db, attemptId).catch(() => {});
        throw err;
      }
      if (!found || !ok || !found.active || !isRole(found.role)) {
        await failLoginAttempt(db, attemptId);
        // Not the audit log: failed sign-ins have their own table and retention (SECURITY_EVENTS_RETENTION_DAYS).
        await recordSecurityEvent(db, {
          kind: 'login_failed',
          username: username.slice(0, 200),
          address,
          details: { requestId: c.get('requestId'), knownDevice: Boolean(device) },
        });
        throw new HttpError(401, 'invalid_credentials', 'Wrong username or password.');
      }
      await clearLoginFailures(db, source, attemptId);
      // Hashes made with older, cheaper parameters are replaced now that the password is at hand.
      if (needsRehash(found.passwordHash)) {
        await replacePasswordHash(db, found.id, found.passwordHash, await hashPassword(password)).catch(
          (err: unknown) =>
            log.warn('password hash upgrade failed', {
              requestId: c.get('requestId'),
              err: err instanceof Error ? err.name : 'error',
            }),
        );
      }
      return found;
    });
    // Second factor (issue #20): a challenge to answer at POST /api/session/mfa instead of a session when one is due.
    const challenge = await secondFactorChallenge(db, config, user);
    if (challenge) return challenge;
    // A fresh session id at every sign-in (no session fixation); any previous cookie is dropped.
    const previous = getCookie(c, sessionCookie);
    if (previous) await deleteSession(db, previous);
    const session = await createSession(db, user.id, config.sessionTtlMs);
    const secure = isHttps(c);
    setCookie(c, sessionCookie, session.cookieValue, {
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      path: '/',
      expires: session.expiresAt,
    });
    // This browser is now known for this username: guesses from elsewhere will not lock it out.
    if (!device) {
      setCookie(c, deviceCookie, await issueDeviceCookie(db, user.username.toLowerCase()), {
        httpOnly: true,
        sameSite: 'Strict',
        secure,
        path: '/',
        maxAge: DEVICE_COOKIE_MAX_AGE_S,
      });
    }
    await audit(db, {
      actor: user.username,
      action: 'session.login',
      requestId: c.get('requestId'),
      details: {},
    });
    return {
      user: { username: user.username, role: user.role as Role },
      csrfToken: session.csrfToken,
      demo: config.demo,
    };
  });

  r.on(API.signOut, async (c, { user }) => {
    const cookie = getCookie(c, sessionCookie);
    if (cookie) await deleteSession(db, cookie);
    deleteCookie(c, sessionCookie, { path: '/', secure: config.secureCookies });
    await audit(db, {
      actor: user.username,
      action: 'session.logout',
      requestId: c.get('requestId'),
      details: {},
    });
    return c.body(null, 204);
  });

  // Every session of the signed-in user ends, on every instance, this one included.
  r.on(API.signOutEverywhere, async (c, { user }) => {
    const ended = await deleteUserSessions(db, user.id);
    deleteCookie(c, sessionCookie, { path: '/', secure: config.secureCookies });
    await audit(db, {
      actor: user.username,
      action: 'session.sign_out_everywhere',
      target: user.username,
      requestId: c.get('requestId'),
      details: { sessions: ended },
    });
    return { sessions: ended };
  });
}
