import { randomUUID } from 'node:crypto';
import type { RouteContract } from '@domain/contract';
import { API } from '@domain/contracts';
import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { z } from 'zod';
import { AssureError } from './assure/errors';
import { contractRoutes } from './auth/guard';
import { findSession, sessionCookieName } from './auth/sessions';
import type { AppDeps, AppEnv } from './context';
import { HttpError, isDatabaseUnavailable } from './lib/errors';
import { errorFields } from './lib/logger';
import { dossierRoutes } from './routes/dossiers';
import { healthRoutes } from './routes/health';
import { processRoutes } from './routes/processes';
import { sessionRoutes } from './routes/session';
import { mfaRoutes } from './routes/mfa';
import { oidcRoutes } from './routes/oidc';
import { webhookRoutes } from './routes/webhooks';
import { auditRoutes } from './routes/audit';
import { retryRoutes } from './routes/retries';
import { reviewRoutes } from './routes/review';
import { userRoutes } from './routes/users';
import { outcomesRoutes } from './routes/outcomes';
import { retentionRoutes } from './routes/retention';
import { caseRoutes } from './routes/cases';
import { staticRoutes } from './static-assets';
import { openApiDocument } from './openapi';
import { linkRoutes } from './routes/links';
import { providerHealthRoutes } from './routes/provider-health';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Mutating routes that cannot carry a CSRF token: login (no session yet) and webhooks (signed instead). */
const CSRF_EXEMPT = new Set(['POST /api/session', 'POST /api/session/mfa', 'POST /api/webhooks/assure']);
/**
 * Routes no browser calls (Assure's signed events and the balancer's probes), and the single sign-on callback: the
 * identity provider's page sends the browser there, a cross-site navigation by design (checked by state and PKCE).
 */
const FETCH_METADATA_EXEMPT = new Set([
  '/api/webhooks/assure',
  '/api/health',
  '/api/ready',
  '/api/auth/oidc/callback',
]);

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export function buildApp(deps: AppDeps) {
  const { database, log, config } = deps;
  const app = new Hono<AppEnv>();
  const registered: RouteContract[] = [];

  app.use('*', async (c, next) => {
    const given = c.req.header('x-request-id');
    const requestId = given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    if (c.req.path.startsWith('/api/')) {
      log.debug('request', {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      });
    }
  });

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: undefined,
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
      referrerPolicy: 'no-referrer',
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use('*', async (c, next) => {
    await next();
    // On the response's own headers, as secureHeaders does: c.header() after the handler rebuilds the whole response
    // each time (a sixth of a small lookup's time in the server).
    c.res.headers.set('Content-Security-Policy', CSP);
    c.res.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  });

  // A body not read to its end (refused early: too large, no session, bad CSRF token) leaves bytes on the
  // connection that the next request would be parsed from; closing it is the only answer a keep-alive client or
  // proxy cannot mistake. Requests whose bodies were read keep their connection.
  app.use('*', async (c, next) => {
    await next();
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const hasBody =
      Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
    if (incoming && hasBody && !incoming.readableEnded) c.header('Connection', 'close');
  });

  // Only requests that may carry a body are looked at: asking a GET for its body builds a whole Request object (a tenth
  // of the links lookup's time); a body sent with a GET is never read.
  const limitBody = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) =>
      c.json({ error: { code: 'payload_too_large', message: 'The request body is larger than 1 MB.' } }, 413),
  });
  app.use('/api/*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next),
  );

  // PostgreSQL text cannot hold NUL: refuse it up front instead of failing deep in a query.
  app.use('/api/*', async (c, next) => {
    if (/%00/.test(c.req.url))
      throw new HttpError(400, 'invalid_characters', 'The request contains a NUL character.');
    await next();
  });

  // Fetch Metadata: a page of another site may make the browser send our Lax cookie (a top-level GET of a download or
  // an export) or post a form. No request of our own SPA is ever cross-site, so none such is served; requests without
  // the header (older browsers, scripts) and same-origin, same-site and user-initiated (`none`) ones go on.
  app.use('/api/*', async (c, next) => {
    if (c.req.header('sec-fetch-site') === 'cross-site' && !FETCH_METADATA_EXEMPT.has(c.req.path)) {
      c.header('Cache-Control', 'no-store');
      c.header('Vary', 'Sec-Fetch-Site');
      throw new HttpError(
        403,
        'cross_site',
        'Requests from other sites are not allowed. Open Assure Desk directly.',
      );
    }
    await next();
  });

  // Session from the cookie, then CSRF for every mutating request that has one.
  const sessionCookie = sessionCookieName(config.secureCookies);
  app.use('/api/*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    // Health and readiness must answer even when the database (which holds sessions) does not.
    if (c.req.path === '/api/health' || c.req.path === '/api/ready') return next();
    const cookie = getCookie(c, sessionCookie);
    if (cookie) {
      const s = await findSession(database.db, cookie, {
        cacheMs: config.sessionCacheMs,
        idleMs: config.sessionIdleMs,
      });
      if (s)
        c.set('user', {
          id: s.userId,
          username: s.username,
          role: s.role,
          sessionId: s.id,
          csrfToken: s.csrfToken,
        });
    }
    const key = `${c.req.method} ${c.req.path}`;
    if (MUTATING.has(c.req.method) && !CSRF_EXEMPT.has(key)) {
      const user = c.get('user');
      if (user && c.req.header('x-csrf-token') !== user.csrfToken) {
        throw new HttpError(403, 'csrf', 'Missing or invalid CSRF token. Reload the page and try again.');
      }
    }
    await next();
  });

  const routes = contractRoutes(app, registered);
  healthRoutes(routes, deps);
  sessionRoutes(routes, deps);
  mfaRoutes(routes, deps);
  oidcRoutes(routes, deps);
  // Before the processes routes: /api/processes/export must not be taken for /api/processes/:processId.
  outcomesRoutes(routes, deps);
  processRoutes(routes, deps);
  dossierRoutes(routes, deps);
  webhookRoutes(routes, deps);
  reviewRoutes(routes, deps);
  caseRoutes(routes, deps);
  retentionRoutes(routes, deps);
  linkRoutes(routes, deps);
  providerHealthRoutes(routes, deps);
  retryRoutes(routes, deps);
  auditRoutes(routes, deps);
  userRoutes(routes, deps);
  let openapi: ReturnType<typeof openApiDocument> | undefined;
  routes.on(API.openapi, () => (openapi ??= openApiDocument()));

  app.all('/api/*', (c) => c.json({ error: { code: 'not_found', message: 'No such API route.' } }, 404));

  // Where the end-user lands after a capture flow started from a retry: not the back office.
  app.get('/capture-complete', (c) =>
    c.html(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Thank you</title></head>' +
        '<body><main><h1>Thank you</h1><p>Your verification was received. You can close this window.</p></main></body></html>',
    ),
  );

  // The built SPA, with index.html for every client-side route.
  staticRoutes(app, config.staticDir);

  app.onError((err, c) => {
    const requestId = c.get('requestId');
    if (err instanceof HttpError) {
      return c.json({ error: { code: err.code, message: err.message } }, err.status, err.headers);
    }
    if (err instanceof z.core.$ZodError) {
      return c.json(
        { error: { code: 'validation_failed', message: err.issues[0]?.message ?? 'Invalid input' } },
        400,
      );
    }
    if (err instanceof AssureError) {
      log.warn('upstream error', {
        requestId,
        kind: err.kind,
        status: err.status,
        traceId: err.traceId,
        msg: err.message,
      });
      return c.json(
        {
          error: {
            code: 'upstream_unavailable',
            message: 'Assure could not complete the request. Try again shortly.',
          },
        },
        502,
      );
    }
    if (isDatabaseUnavailable(err)) {
      log.warn('database unavailable', { requestId, ...errorFields(err) });
      return c.json(
        {
          error: {
            code: 'db_unavailable',
            message: 'The database is not reachable right now; nothing was saved. Try again in a moment.',
          },
        },
        503,
        { 'Retry-After': '2' },
      );
    }
    log.error('unhandled error', {
      requestId,
      method: c.req.method,
      path: c.req.routePath,
      ...errorFields(err),
    });
    return c.json(
      { error: { code: 'internal', message: `Something went wrong on our side (request ${requestId}).` } },
      500,
    );
  });

  // Every concrete /api route Hono knows, for the route × role test to hold against ROUTE_POLICIES.
  const apiRoutes = app.routes
    .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path}`);
  return { app, registered, apiRoutes: [...new Set(apiRoutes)] };
}
