import type { z } from 'zod/mini';
import type { Permission } from './policy';

// One contract per API route: method, path, who may call it and the shapes in and out. The server registers each
// handler against its contract (the permission is checked, params, query and body parsed before the handler runs,
// the reply typed), the SPA calls by contract (no URL strings in features), and GET /api/openapi.json is generated
// from the same objects.

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `public`: no session needed; `session`: any signed-in user; otherwise the permission required. */
export type RoutePolicy = 'public' | 'session' | Permission;

/** Replies that are not JSON: a CSV or zip download, a redirect, or no body at all. */
export type NonJsonReply = 'csv' | 'zip' | 'redirect' | 'empty';

export interface RouteContract {
  readonly method: Method;
  /** Hono-style path: `/api/processes/:processId`. */
  readonly path: string;
  readonly policy: RoutePolicy;
  readonly summary: string;
  readonly params?: z.ZodMiniObject;
  /** Repeated (`?a=1&a=2`) and comma-separated values reach array fields as arrays; empty values are dropped. */
  readonly query?: z.ZodMiniType;
  readonly body?: z.ZodMiniType;
  /** A body that may be left empty (read as `{}`). */
  readonly bodyOptional?: boolean;
  readonly reply: z.ZodMiniType | NonJsonReply;
  /** Success status of a JSON reply (default 200). */
  readonly status?: 200 | 201 | 202;
}

export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
type In<S> = S extends z.ZodMiniType ? z.input<S> : undefined;

export type ParamsOf<C extends RouteContract> = Out<C['params']>;
export type QueryOf<C extends RouteContract> = Out<C['query']>;
export type BodyOf<C extends RouteContract> = Out<C['body']>;
/** What a handler returns for a JSON route (before the SPA's parse). */
export type ReplyIn<C extends RouteContract> = C['reply'] extends z.ZodMiniType ? z.input<C['reply']> : never;
/** What the SPA gets for a JSON route, parsed. */
export type ReplyOf<C extends RouteContract> = C['reply'] extends z.ZodMiniType ? z.output<C['reply']> : null;

/** What a caller passes: the path params, the query and the body the contract declares (inputs, before defaults). */
export type CallInput<C extends RouteContract> = (C['params'] extends z.ZodMiniType
  ? { params: In<C['params']> }
  : { params?: undefined }) &
  (C['query'] extends z.ZodMiniType
    ? { query?: Partial<Record<keyof In<C['query']>, unknown>> | URLSearchParams }
    : { query?: undefined }) &
  (C['body'] extends z.ZodMiniType ? { body: In<C['body']> } : { body?: undefined });

type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** The query string of `query`: arrays as comma-separated values, empty and absent values left out. */
export function queryString(query: Record<string, unknown> | URLSearchParams | undefined): string {
  if (query instanceof URLSearchParams) return query.toString();
  const out = new URLSearchParams();
  for (const [key, raw] of Object.entries(query ?? {})) {
    const value = raw as QueryValue;
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) out.set(key, value.join(','));
    } else out.set(key, String(value as string | number | boolean));
  }
  return out.toString();
}

/** The URL of a route: `:name` segments filled (encoded) from `params`, then the query. */
export function urlFor(
  contract: RouteContract,
  params?: Record<string, string | number>,
  query?: Record<string, unknown> | URLSearchParams,
): string {
  const path = contract.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === '')
      throw new Error(`${contract.method} ${contract.path}: missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
  const qs = queryString(query);
  return qs ? `${path}?${qs}` : path;
}
