import type { Context } from 'hono';
import { z } from 'zod';
import { badRequest } from './errors';

/** Parses with `schema`, turning a failure into a 400 that names the offending field. */
export function parseOr400<S extends z.core.$ZodType>(schema: S, data: unknown): z.output<S> {
  const result = z.safeParse(schema, data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw badRequest(`${where}${issue?.message ?? 'invalid input'}`, 'validation_failed');
  }
  return result.data;
}

/** A lone UTF-16 surrogate (`"\ud800"` in JSON): no UTF-8 text, so PostgreSQL would refuse it deep in a query. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether every string (keys included) in a parsed JSON value is well-formed Unicode. */
function wellFormed(value: unknown): boolean {
  if (typeof value === 'string') return !LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.every(wellFormed);
  if (value && typeof value === 'object')
    return Object.entries(value).every(([k, v]) => !LONE_SURROGATE.test(k) && wellFormed(v));
  return true;
}

/** Reads a JSON body, answering 400 for a body that is not JSON or holds text PostgreSQL cannot store. */
export async function jsonBody(c: Context, opts: { emptyAs?: unknown } = {}): Promise<unknown> {
  const text = await c.req.text();
  if (opts.emptyAs !== undefined && !text.trim()) return opts.emptyAs;
  // PostgreSQL text and jsonb cannot hold NUL characters.
  if (text.includes('\\u0000') || text.includes('\u0000'))
    throw badRequest('The request contains a NUL character.', 'invalid_characters');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('The request body must be valid JSON.', 'invalid_json');
  }
  if (!wellFormed(value))
    throw badRequest(
      'The request contains text that is not valid Unicode (a lone surrogate).',
      'invalid_characters',
    );
  return value;
}
