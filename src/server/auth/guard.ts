import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { BodyOf, ParamsOf, QueryOf, ReplyIn, RouteContract } from '@domain/contract';
import { can, type Permission } from '@domain/policy';
import type { AppEnv, CurrentUser } from '../context';
import { HttpError } from '../lib/errors';
import { jsonBody, parseOr400 } from '../lib/query';

/** What a handler gets: the signed-in user (absent only on public routes), and its params, query and body, parsed. */
export interface RouteInput<C extends RouteContract> {
  user: C['policy'] extends 'public' ? CurrentUser | undefined : CurrentUser;
  params: ParamsOf<C>;
  query: QueryOf<C>;
  body: BodyOf<C>;
}

/** A JSON route returns its reply (sent with the contract's status); any route may return a Response of its own. */
export type RouteHandler<C extends RouteContract> = (
  c: Context<AppEnv>,
  input: RouteInput<C>,
) => Promise<ReplyIn<C> | Response> | ReplyIn<C> | Response;

function requirePermission(c: Context<AppEnv>, permission?: Permission): CurrentUser {
  const user = c.get('user');
  if (!user) throw new HttpError(401, 'unauthenticated', 'Sign in to continue.');
  if (permission && !can(user.role, permission))
    throw new HttpError(403, 'forbidden', 'Your role does not allow this.');
  return user;
}

/** The fields of an object schema that take several values (arrays), read from repeated or comma-separated params. */
function arrayFields(schema: z.core.$ZodType | undefined): Set<string> {
  const fields = new Set<string>();
  const shape = (schema as { shape?: Record<string, z.core.$ZodType> } | undefined)?.shape;
  for (const [key, field] of Object.entries(shape ?? {})) {
    let def = field._zod.def as { type: string; innerType?: z.core.$ZodType };
    while (def.innerType && def.type !== 'array') def = def.innerType._zod.def as typeof def;
    if (def.type === 'array') fields.add(key);
  }
  return fields;
}

function readQuery(c: Context, arrays: Set<string>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(c.req.queries())) {
    if (arrays.has(key))
      out[key] = values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean);
    else if (values[0]?.trim()) out[key] = values[0];
  }
  return out;
}

/**
 * Registers API routes only against their contract (src/domain/contracts.ts): the registrar checks the contract's
 * policy, parses path params, query and body with its schemas (a 400 naming the field otherwise) and sends a JSON
 * reply with its status. A route without a contract cannot be registered.
 */
export function contractRoutes(app: Hono<AppEnv>, registered: RouteContract[]) {
  return {
    on<C extends RouteContract>(contract: C, handler: RouteHandler<C>) {
      registered.push(contract);
      const arrays = arrayFields(contract.query);
      app.on(contract.method, contract.path, async (c) => {
        const { policy } = contract;
        const user =
          policy === 'public'
            ? c.get('user')
            : requirePermission(c, policy === 'session' ? undefined : policy);
        const params = contract.params ? parseOr400(contract.params, c.req.param()) : undefined;
        const query = contract.query ? parseOr400(contract.query, readQuery(c, arrays)) : undefined;
        const body = contract.body
          ? parseOr400(contract.body, await jsonBody(c, contract.bodyOptional ? { emptyAs: {} } : {}))
          : undefined;
        const reply = await handler(c, { user, params, query, body } as RouteInput<C>);
        if (reply instanceof Response) return reply;
        return c.json(reply as object, contract.status ?? 200);
      });
    },
  };
}

export type Routes = ReturnType<typeof contractRoutes>;
