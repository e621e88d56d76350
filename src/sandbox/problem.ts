/**
 * Contract §3 "Errors": RFC 7807-like bodies sent as application/problem+json, always with a traceId.
 * `type` is base:client-problem for 4xx and base:server-problem for 5xx.
 */
import { randomBytes } from 'node:crypto';

export interface InvalidParam {
  name: string;
  reason: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  method: string;
  traceId: string;
  invalidParams?: InvalidParam[];
}

/** Thrown by the store and handlers; turned into a problem+json reply by app.ts. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly invalidParams?: InvalidParam[],
  ) {
    super(detail);
  }
}

export const notFound = (what: 'Dossier' | 'Process', id: string): SandboxError =>
  new SandboxError(404, `${what} not found.`, `No ${what.toLowerCase()} with id '${id}'.`);

export const badRequest = (detail: string, invalidParams: InvalidParam[]): SandboxError =>
  new SandboxError(400, 'Validation failed.', detail, invalidParams);

export const conflict = (detail: string): SandboxError => new SandboxError(409, 'Conflict.', detail);

export function traceId(): string {
  return randomBytes(16).toString('hex');
}

export function problemBody(
  status: number,
  title: string,
  detail: string,
  instance: string,
  method: string,
  invalidParams?: InvalidParam[],
): Problem {
  const body: Problem = {
    type: status >= 500 ? 'base:server-problem' : 'base:client-problem',
    title,
    status,
    detail,
    instance,
    method,
    traceId: traceId(),
  };
  if (invalidParams && invalidParams.length > 0) body.invalidParams = invalidParams;
  return body;
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}
