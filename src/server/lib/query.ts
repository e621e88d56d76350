import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest } from './errors';

/** Parses with `schema`, turning a failure into a 400 that names the offending field. */
export function parseOr400<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw badRequest(`${where}${issue?.message ?? 'invalid input'}`, 'validation_failed');
  }
  return result.data;
}

/** Reads a JSON body, answering 400 for a body that is not JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  // PostgreSQL text and jsonb cannot hold NUL characters.
  if (text.includes('\\u0000') || text.includes('\u0000')) throw badRequest('The request contains a NUL character.', 'invalid_characters');
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The request body must be valid JSON.', 'invalid_json');
  }
}

/** Repeated (`?a=1&a=2`) and comma-separated (`?a=1,2`) values, flattened. */
export function multi(c: Context, name: string): string[] {
  return (c.req.queries(name) ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** A path parameter; the router only matches when it is present. */
export function pathParam(c: Context, name: string): string {
  const value = c.req.param(name);
  if (!value) throw badRequest(`Missing ${name}.`);
  return value;
}
