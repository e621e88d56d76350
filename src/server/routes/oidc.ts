import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { API } from '@domain/contracts';
import { audit } from '../audit/audit';
import { OIDC_COOKIE, OIDC_LOGIN_TTL_MS, OidcError, OidcSignIn, roleFromGroups } from '../auth/oidc';
import { deleteUserSessions } from '../auth/sessions';
import { issueSession } from '../auth/sign-in';
import type { Routes } from '../auth/guard';
import type { AppDeps, AppEnv } from '../context';
import { findOidcUser, upsertOidcUser } from '../db/oidc';
import { errorFields } from '../lib/logger';
import { notFound } from '../lib/errors';

// Single sign-on through OpenID Connect (issue #20). Both routes are browser navigations: they answer redirects,
// to the provider, back into the app, or to the sign-in page with a reason (`?sso=`) it explains.

const COOKIE_PATH = '/api/auth/oidc';

/** Only same-site paths are followed after sign-in. */
const safePath = (next: string | undefined) =>
  next && next.length <= 1000 && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : '/';

export function oidcRoutes(r: Routes, { database, config, log }: AppDeps) {
  const db = database.db;
  const oidc = config.oidc && config.publicUrl ? new OidcSignIn(config.oidc, config.publicUrl) : undefined;
  const secure = (c: Context<AppEnv>) =>
    c.req.header('x-forwarded-proto') === 'https' ||
    new URL(c.req.url).protocol === 'https:' ||
    config.publicUrl?.startsWith('https:') === true;
  const toLogin = (c: Context<AppEnv>, reason: string) => c.redirect(`/login?sso=${reason}`, 302);

  r.on(API.signInOptions, () => ({
    oidc: oidc ? { name: oidc.cfg.displayName, loginUrl: API.oidcLogin.path } : null,
    oidcOnly: Boolean(config.oidc?.only),
  }));

  r.on(API.oidcLogin, async (c, { query }) => {
    if (!oidc) throw notFound('Single sign-on is not configured.');
    let started: { url: string; cookieValue: string };
    try {
      started = await oidc.start(db, safePath(query.next));
    } catch (err) {
      log.warn('identity provider unreachable', { requestId: c.get('requestId'), ...errorFields(err) });
      return toLogin(c, 'unavailable');
    }
    setCookie(c, OIDC_COOKIE, started.cookieValue, {
      httpOnly: true,
      // Lax: the provider sends the browser back with a top-level GET, which must carry it.
      sameSite: 'Lax',
      secure: secure(c),
      path: COOKIE_PATH,
      maxAge: OIDC_LOGIN_TTL_MS / 1000,
    });
    return c.redirect(started.url, 302);
  });

  r.on(API.oidcCallback, async (c) => {
    if (!oidc) throw notFound('Single sign-on is not configured.');
    const requestId = c.get('requestId');
    const cookie = getCookie(c, OIDC_COOKIE);
    deleteCookie(c, OIDC_COOKIE, { path: COOKIE_PATH, secure: secure(c) });
    let identity: Awaited<ReturnType<OidcSignIn['finish']>>;
    try {
      identity = await oidc.finish(db, cookie, new URL(c.req.url).search);
    } catch (err) {
      const reason = err instanceof OidcError ? err.reason : 'provider_error';
      log.warn('single sign-on refused', {
        requestId,
        reason,
        ...(err instanceof OidcError ? { detail: err.message } : errorFields(err)),
      });
      await audit(db, { actor: 'anonymous', action: 'session.oidc_refused', requestId, details: { reason } });
      return toLogin(c, 'failed');
    }
    const role = roleFromGroups(identity.groups, oidc.cfg.roleMap);
    if (!role) {
      // Left every mapped group: refused, and whatever sessions they still have end now.
      const known = await findOidcUser(db, identity.issuer, identity.subject);
      if (known) await deleteUserSessions(db, known.id);
      await audit(db, {
        actor: known?.username ?? identity.username,
        action: 'session.oidc_refused',
        target: known?.username ?? null,
        requestId,
        details: { reason: 'no_role', sessionsEnded: Boolean(known) },
      });
      return toLogin(c, 'no_role');
    }
    const saved = await upsertOidcUser(db, identity.issuer, identity.subject, identity.username, role);
    if (!saved || !saved.user.active) {
      await audit(db, {
        actor: identity.username,
        action: 'session.oidc_refused',
        requestId,
        details: { reason: saved ? 'inactive' : 'username_taken' },
      });
      return toLogin(c, saved ? 'inactive' : 'username_taken');
    }
    const { user } = saved;
    if (saved.created)
      await audit(db, {
        actor: user.username,
        action: 'user.create',
        target: user.username,
        requestId,
        details: { role, via: 'oidc' },
      });
    await issueSession(c, db, config, user.id, ['oidc']);
    await audit(db, {
      actor: user.username,
      action: 'session.login',
      requestId,
      details: { amr: ['oidc'], role, roleChanged: saved.roleChanged },
    });
    return c.redirect(safePath(identity.returnTo), 302);
  });
}
