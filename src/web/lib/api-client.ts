import type { z } from 'zod/mini';
import { errorBodySchema } from '@domain/api';
import { urlFor, type CallInput, type ReplyOf, type RouteContract } from '@domain/contract';

// The one wrapper around fetch: same origin, cookies, timeout, abort, CSRF header on writes, a typed ApiError on
// any non-2xx, and every response parsed with its schema (a mismatch is an error, never an empty value).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
/** Set from the session answer; sent as X-CSRF-Token on every mutating request. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

const TIMEOUT_MS = 20_000;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export async function apiFetch(path: string, opts: RequestOptions = {}): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const signals = [AbortSignal.timeout(TIMEOUT_MS), ...(opts.signal ? [opts.signal] : [])];
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.any(signals),
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw new ApiError(
      0,
      'network',
      'Assure Desk could not be reached. Check your connection and try again.',
    );
  }
  if (!res.ok) throw await errorFromResponse(res);
  return res;
}

/** The typed error for a non-2xx answer, with the server's `{error:{code,message}}` when it sent one. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  try {
    const body = errorBodySchema.parse(await res.json());
    return new ApiError(res.status, body.error.code, body.error.message);
  } catch {
    return new ApiError(res.status, 'http_error', `The server answered ${res.status}.`);
  }
}

export async function api<S extends z.ZodMiniType>(
  path: string,
  schema: S,
  opts: RequestOptions = {},
): Promise<z.output<S>> {
  const res = await apiFetch(path, opts);
  const data: unknown = res.status === 204 ? null : await res.json();
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ApiError(res.status, 'invalid_response', `Unexpected answer from the server for ${path}.`);
  }
  return parsed.data;
}

type CallOptions<C extends RouteContract> = CallInput<C> & {
  signal?: AbortSignal;
  headers?: Record<string, string>;
};

/** The URL of a route for links and downloads (`<a href>`, the full-result fetch): params filled, query appended. */
export function href<C extends RouteContract>(contract: C, input: CallInput<C>): string {
  return urlFor(
    contract,
    input.params as Record<string, string | number> | undefined,
    input.query as Record<string, unknown> | URLSearchParams | undefined,
  );
}

/** Calls a route by its contract (src/domain/contracts.ts): the URL, method and body from it, the reply parsed with its schema. */
export async function call<C extends RouteContract>(contract: C, input: CallOptions<C>): Promise<ReplyOf<C>> {
  const opts: RequestOptions = {
    method: contract.method,
    body: input.body,
    signal: input.signal,
    headers: input.headers,
  };
  const path = href(contract, input);
  if (typeof contract.reply === 'string') {
    await apiFetch(path, opts);
    return null as ReplyOf<C>;
  }
  return api(path, contract.reply, opts) as Promise<ReplyOf<C>>;
}
