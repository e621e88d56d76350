import type { Context, Handler, Hono, MiddlewareHandler } from 'hono';
import { can, ROUTE_POLICIES, routeKey, type Permission } from '@domain/policy';
import type { AppEnv } from '../context';
import { HttpError } from '../lib/errors';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Registers API routes only together with their policy from ROUTE_POLICIES (src/domain/policy.ts): a route
 * without an explicit policy fails at start-up, and every request is checked before its handler runs.
 */
export function policyRoutes(app: Hono<AppEnv>, registered: string[]) {
  const add = (method: Method, path: string, ...handlers: Array<Handler<AppEnv>>) => {
    const key = routeKey(method, path);
    const policy = ROUTE_POLICIES[key];
    if (!policy) throw new Error(`Route ${key} has no policy in ROUTE_POLICIES`);
    registered.push(key);
    const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
      if (policy !== 'public') requirePermission(c, policy === 'session' ? undefined : policy);
      await next();
    };
    app.on(method, path, guard, ...(handlers as [Handler<AppEnv>]));
  };
  return {
    get: (path: string, ...h: Array<Handler<AppEnv>>) => add('GET', path, ...h),
    post: (path: string, ...h: Array<Handler<AppEnv>>) => add('POST', path, ...h),
    put: (path: string, ...h: Array<Handler<AppEnv>>) => add('PUT', path, ...h),
    patch: (path: string, ...h: Array<Handler<AppEnv>>) => add('PATCH', path, ...h),
    delete: (path: string, ...h: Array<Handler<AppEnv>>) => add('DELETE', path, ...h),
  };
}

export function requirePermission(c: Context<AppEnv>, permission?: Permission) {
  const user = c.get('user');
  if (!user) throw new HttpError(401, 'unauthenticated', 'Sign in to continue.');
  if (permission && !can(user.role, permission)) {
    throw new HttpError(403, 'forbidden', 'Your role does not allow this.');
  }
  return user;
}

export type PolicyRoutes = ReturnType<typeof policyRoutes>;
