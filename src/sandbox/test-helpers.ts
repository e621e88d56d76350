/**
 * Helpers for the sandbox's own tests: a plain-fetch client of the vendor API, as any Assure client would use it.
 * (Not a test file; not imported by production code.)
 */
import { startSandbox, type RunningSandbox } from './index';
import type { SandboxOptions } from './options';

export const CLIENT_ID = 'sandbox-client';
export const CLIENT_SECRET = 'sandbox-secret';

export function basicAuth(id = CLIENT_ID, secret = CLIENT_SECRET): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export async function requestToken(
  url: string,
  auth = basicAuth(),
  body = 'grant_type=client_credentials&scope=signicat-api',
): Promise<Response> {
  return fetch(`${url}/auth/open/connect/token`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  return value as JsonRecord;
}

/** A small Assure client: token once, then bearer calls against `${url}/assure`. */
export class AssureClient {
  private token?: string;

  constructor(readonly url: string) {}

  async bearer(): Promise<string> {
    if (!this.token) {
      const res = await requestToken(this.url);
      if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
      this.token = asRecord(await res.json()).access_token as string;
    }
    return this.token;
  }

  /** A bearer call; on 401 the token is dropped and the call retried once (contract §2), as a real client does. */
  async raw(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const send = async (): Promise<Response> => {
      const init: RequestInit = {
        method,
        headers: { authorization: `Bearer ${await this.bearer()}`, ...headers },
      };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        init.headers = { ...init.headers, 'content-type': 'application/json' };
      }
      return fetch(`${this.url}/assure${path}`, init);
    };
    const first = await send();
    if (first.status !== 401) return first;
    await first.arrayBuffer();
    this.token = undefined;
    return send();
  }

  async json(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown; res: Response }> {
    const res = await this.raw(method, path, body);
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text), res };
  }

  async getProcess(dossierId: string, processId: string): Promise<JsonRecord> {
    const { status, body } = await this.json('GET', `/dossiers/${dossierId}/processes/${processId}`);
    if (status !== 200) throw new Error(`Get process answered ${status}`);
    return asRecord(body);
  }
}

/** Control API over HTTP (what integration tests of the BFF would use). */
export async function control(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** Deterministic test sandbox: not live, few dossiers unless asked, fixed clock. */
export async function startTestSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, live: false, dossiers: 20, ...opts });
}

export const isJpeg = (bytes: Uint8Array): boolean =>
  bytes.length > 4 &&
  bytes[0] === 0xff &&
  bytes[1] === 0xd8 &&
  bytes[bytes.length - 2] === 0xff &&
  bytes[bytes.length - 1] === 0xd9;
