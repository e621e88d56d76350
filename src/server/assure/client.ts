import { z } from 'zod';
import { processSchema, type AssureProcess } from '@domain/process';
import type { AssureConfig } from '../config';
import { AssureError } from './errors';

// The one module that talks to Assure (contract §2, §3). Token cache with single-flight refresh, one retry with a
// fresh token on 401, per-request timeouts, jittered exponential backoff on network errors, 5xx and 429
// (honouring Retry-After) for reads only, single-flight per resource for reads, typed errors with the traceId.

const dossierSchema = z
  .looseObject({
    dossierId: z.string().nullish(),
    id: z.string().nullish(),
    updatedAt: z.unknown().optional(),
    processes: z.unknown().optional(),
    // The customer's own reference, set when the dossier was created (contract §9); null = absent.
    externalReference: z.union([z.string(), z.number()]).nullish(),
  })
  .transform((d, ctx) => {
    const dossierId = d.dossierId ?? d.id;
    if (!dossierId) {
      ctx.addIssue({ code: 'custom', message: 'dossier without dossierId' });
      return z.NEVER;
    }
    const externalReference =
      d.externalReference === null || d.externalReference === undefined || d.externalReference === ''
        ? undefined
        : String(d.externalReference);
    return { ...d, dossierId, externalReference };
  });
export type AssureDossier = z.output<typeof dossierSchema>;

const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().default(600),
  scope: z.string().nullish(),
  token_type: z.string().nullish(),
});
// Capture answer (contract §9): the process id as `processId`, else `id`, else absent (found by listing processes).
const captureSchema = z.looseObject({
  processId: z.string().min(1).nullish(),
  id: z.string().min(1).nullish(),
  url: z.string().min(1),
});

/** The default full-result path (contract §3), relative to the base URL. */
export const DEFAULT_FULL_RESULT_PATH = '/dossiers/{dossierId}/processes/{processId}/fullresult';

/** What the token endpoint said about the token, without the token (for `npm run doctor`). */
export interface TokenInfo {
  expiresInS: number;
  scope?: string;
  tokenType?: string;
}
const problemSchema = z.looseObject({
  title: z.string().optional(),
  detail: z.string().optional(),
  traceId: z.string().optional(),
});

export interface UpstreamHealth {
  state: 'ok' | 'degraded' | 'down';
  lastError?: string;
  lastSuccessAt: Date | null;
}

export interface AssureClientOptions {
  timeoutMs?: number;
  zipTimeoutMs?: number;
  attempts?: number;
  backoffBaseMs?: number;
  retryAfterCapS?: number;
  /** Renew the token when fewer than this many seconds remain. */
  tokenMarginS?: number;
  /** While Assure is down, one read per this many milliseconds may try it, to notice recovery. */
  probeIntervalMs?: number;
  fetch?: typeof fetch;
  onCall?: (operation: string) => void;
}

type Method = 'GET' | 'POST' | 'DELETE';

export class AssureClient {
  private token?: { value: string; renewAt: number };
  private tokenPromise?: Promise<string>;
  private inflight = new Map<string, Promise<unknown>>();
  private consecutiveFailures = 0;
  private lastError?: string;
  private lastErrorKind?: string;
  private lastSuccessAt: Date | null = null;
  private lastProbeAt = 0;
  private lastTokenInfo?: TokenInfo;
  private readonly opts: Required<Omit<AssureClientOptions, 'onCall'>> & Pick<AssureClientOptions, 'onCall'>;

  constructor(
    private readonly config: AssureConfig,
    opts: AssureClientOptions = {},
  ) {
    this.opts = {
      timeoutMs: 10_000,
      zipTimeoutMs: 60_000,
      attempts: 3,
      backoffBaseMs: 200,
      retryAfterCapS: 30,
      tokenMarginS: 60,
      probeIntervalMs: 2000,
      fetch: globalThis.fetch.bind(globalThis),
      ...opts,
    };
  }

  health(): UpstreamHealth {
    const state = this.consecutiveFailures === 0 ? 'ok' : this.consecutiveFailures < 3 ? 'degraded' : 'down';
    return {
      state,
      lastError: state === 'ok' ? undefined : this.lastError,
      lastSuccessAt: this.lastSuccessAt,
    };
  }

  /**
   * Whether an optional read should ask Assure now. Always while it answers; while it is down, only one caller
   * per probe interval (a half-open circuit), so readers notice recovery without hammering an outage.
   */
  tryProbe(): boolean {
    if (this.health().state !== 'down') return true;
    if (Date.now() - this.lastProbeAt < this.opts.probeIntervalMs) return false;
    this.lastProbeAt = Date.now();
    return true;
  }

  /** The last failure as a kind and status only, for public health answers (details stay in the logs). */
  publicLastError(): string | undefined {
    return this.health().state === 'ok' ? undefined : this.lastErrorKind;
  }

  // --- Operations (contract §3) ------------------------------------------------------------------------------

  async listDossiers(): Promise<AssureDossier[]> {
    return this.read('listDossiers', '/dossiers', z.array(dossierSchema));
  }

  async getDossier(dossierId: string): Promise<AssureDossier> {
    return this.read('getDossier', `/dossiers/${enc(dossierId)}`, dossierSchema);
  }

  async listProcesses(dossierId: string): Promise<AssureProcess[]> {
    return this.read('listProcesses', `/dossiers/${enc(dossierId)}/processes`, z.array(processSchema));
  }

  async getProcess(dossierId: string, processId: string): Promise<AssureProcess> {
    return this.read('getProcess', `/dossiers/${enc(dossierId)}/processes/${enc(processId)}`, processSchema);
  }

  /**
   * Creates a process. The answer may carry the SDK `authorization` token (contract §9): a credential, dropped by the
   * process schema before anything else sees the answer, so it is never stored, logged, returned or shown.
   */
  async createProcess(
    dossierId: string,
    body: { provider: string; processType?: string; processParameters?: Record<string, unknown> },
  ): Promise<AssureProcess & { redirectUrl?: string }> {
    const res = await this.send('createProcess', 'POST', `/dossiers/${enc(dossierId)}/processes`, body);
    const process = parse(processSchema, await readJson(res), 'createProcess');
    const { redirectUrl, ...rest } = process;
    return typeof redirectUrl === 'string' ? { ...rest, redirectUrl } : rest;
  }

  /**
   * Starts a capture flow. The process id is taken from `processId`, else `id`; when the answer has neither
   * (contract §9), the new process is found by listing the dossier's processes: the newest of the requested
   * provider that is not in `knownProcessIds`.
   */
  async startCapture(
    dossierId: string,
    body: { providers: Array<{ provider: string; processType?: string }>; redirectUrl: string },
    knownProcessIds: ReadonlySet<string> = new Set(),
  ): Promise<{ processId: string; url: string }> {
    const res = await this.send('startCapture', 'POST', `/dossiers/${enc(dossierId)}/capture`, body);
    const answer = parse(captureSchema, await readJson(res), 'startCapture');
    const processId = answer.processId ?? answer.id;
    if (processId) return { processId, url: answer.url };
    const wanted = new Set(body.providers.map((p) => p.provider));
    const time = (p: AssureProcess) => Date.parse(p.createdAt ?? '') || 0;
    const found = (await this.listProcesses(dossierId))
      .filter((p) => !knownProcessIds.has(p.processId) && (wanted.size === 0 || wanted.has(p.provider)))
      .sort((a, b) => time(b) - time(a))[0];
    if (!found) {
      throw new AssureError(
        'invalid_response',
        "Assure's startCapture answer names no process, and no new process is listed in the dossier",
      );
    }
    return { processId: found.processId, url: answer.url };
  }

  /** The full-result path of a process, from the configured template (ASSURE_FULL_RESULT_PATH). */
  fullResultPath(dossierId: string, processId: string): string {
    const template = this.config.fullResultPath ?? DEFAULT_FULL_RESULT_PATH;
    return template.replaceAll('{dossierId}', enc(dossierId)).replaceAll('{processId}', enc(processId));
  }

  /** The full-result zip as a stream; the caller must consume or cancel the body. */
  async fullResult(dossierId: string, processId: string): Promise<Response> {
    return this.send('fullResult', 'GET', this.fullResultPath(dossierId, processId), undefined, {
      timeoutMs: this.opts.zipTimeoutMs,
      retry: true,
    });
  }

  /** Asks for a fresh token and says what came back (lifetime, scope), never the token itself. */
  async tokenInfo(): Promise<TokenInfo> {
    this.token = undefined;
    await this.getToken(true);
    return { ...this.lastTokenInfo! };
  }

  // --- Plumbing -------------------------------------------------------------------------------------------

  /** A GET whose concurrent callers share one upstream call, parsed with `schema`. */
  private read<S extends z.core.$ZodType>(operation: string, path: string, schema: S): Promise<z.output<S>> {
    const existing = this.inflight.get(path);
    if (existing) return existing as Promise<z.output<S>>;
    const promise = (async () => {
      try {
        return await this.withRetries(async () => {
          const res = await this.send(operation, 'GET', path, undefined, { retry: false });
          return parse(schema, await readJson(res), operation);
        });
      } finally {
        this.inflight.delete(path);
      }
    })();
    this.inflight.set(path, promise);
    return promise;
  }

  private async withRetries<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof AssureError) || !err.retryable || attempt >= this.opts.attempts) throw err;
        const backoff = this.opts.backoffBaseMs * 2 ** (attempt - 1);
        const jittered = backoff / 2 + Math.random() * backoff;
        const wait =
          err.retryAfterS !== undefined
            ? Math.min(err.retryAfterS, this.opts.retryAfterCapS) * 1000
            : jittered;
        await sleep(wait);
      }
    }
  }

  private async send(
    operation: string,
    method: Method,
    path: string,
    body?: unknown,
    opts: { timeoutMs?: number; retry?: boolean } = {},
  ): Promise<Response> {
    const once = () => this.sendOnce(operation, method, path, body, opts.timeoutMs ?? this.opts.timeoutMs);
    // Writes are never retried automatically (contract §3): a timeout may hide a success.
    return opts.retry && method !== 'POST' ? this.withRetries(once) : once();
  }

  private async sendOnce(operation: string, method: Method, path: string, body: unknown, timeoutMs: number) {
    try {
      let res = await this.call(operation, method, path, body, timeoutMs, false);
      if (res.status === 401) {
        // Drop the token and retry once with a fresh one (contract §2).
        await res.body?.cancel();
        this.token = undefined;
        res = await this.call(operation, method, path, body, timeoutMs, true);
        if (res.status === 401) throw await toError(res, 'auth');
      }
      if (!res.ok) throw await toError(res);
      this.recordSuccess();
      return res;
    } catch (err) {
      const error = asAssureError(err);
      if (error.upstreamFault) this.recordFailure(error);
      else this.recordSuccess(); // a 404 or 409 is a healthy upstream answering
      throw error;
    }
  }

  private async call(
    operation: string,
    method: Method,
    path: string,
    body: unknown,
    timeoutMs: number,
    fresh: boolean,
  ) {
    const token = await this.getToken(fresh);
    this.opts.onCall?.(operation);
    // The deadline covers the answer's headers (and a JSON body, read at once); a zip's body is streamed to the
    // reviewer at their pace and is not cut off by it.
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException('Assure did not answer in time', 'TimeoutError')),
      timeoutMs,
    );
    try {
      const res = await this.opts.fetch(this.config.baseUrl + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json, application/problem+json, application/zip',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
      if (operation !== 'fullResult') {
        // Buffer now, under the deadline, so a stalled body cannot hang a read.
        const text = await res.text();
        return new Response(res.status === 204 || res.status === 205 || res.status === 304 ? null : text, {
          status: res.status,
          headers: res.headers,
        });
      }
      return res;
    } finally {
      clearTimeout(timer);
    }
  }

  private getToken(forceFresh: boolean): Promise<string> {
    const now = Date.now();
    if (!forceFresh && this.token && this.token.renewAt > now) {
      return Promise.resolve(this.token.value);
    }
    // Single-flight: concurrent callers wait for the same token request.
    this.tokenPromise ??= this.fetchToken().finally(() => (this.tokenPromise = undefined));
    return this.tokenPromise;
  }

  private async fetchToken(): Promise<string> {
    const basic = Buffer.from(`${this.config.clientId}:${this.config.clientSecret}`).toString('base64');
    this.opts.onCall?.('token');
    const res = await this.opts.fetch(this.config.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: this.config.scope ?? 'signicat-api',
      }).toString(),
      signal: AbortSignal.timeout(this.opts.timeoutMs),
    });
    if (res.status === 400 || res.status === 401 || res.status === 403) throw await toError(res, 'auth');
    if (!res.ok) throw await toError(res);
    const token = parse(tokenSchema, await readJson(res), 'token');
    this.lastTokenInfo = {
      expiresInS: token.expires_in,
      scope: token.scope ?? undefined,
      tokenType: token.token_type ?? undefined,
    };
    // Renew near expiry; a lifetime shorter than the margin still gets half its life rather than none.
    const margin = Math.min(this.opts.tokenMarginS, token.expires_in / 2);
    this.token = { value: token.access_token, renewAt: Date.now() + (token.expires_in - margin) * 1000 };
    return token.access_token;
  }

  private recordSuccess() {
    this.consecutiveFailures = 0;
    this.lastSuccessAt = new Date();
  }

  private recordFailure(err: AssureError) {
    this.consecutiveFailures++;
    this.lastError = `${err.message}${err.traceId ? ` (traceId ${err.traceId})` : ''}`;
    this.lastErrorKind = `${err.kind}${err.status ? ` (${err.status})` : ''}`;
  }
}

const enc = encodeURIComponent;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new AssureError(
      'invalid_response',
      `Assure sent a body that is not JSON (${text.length} bytes)`,
      res.status,
    );
  }
}

function parse<S extends z.core.$ZodType>(schema: S, data: unknown, operation: string): z.output<S> {
  const result = z.safeParse(schema, data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AssureError(
      'invalid_response',
      `Assure's ${operation} answer does not match the contract: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim(),
    );
  }
  return result.data;
}

async function toError(res: Response, forced?: AssureError['kind']): Promise<AssureError> {
  let problem: z.infer<typeof problemSchema> = {};
  try {
    problem = problemSchema.parse(JSON.parse(await res.text()));
  } catch {
    // Not a problem document; the status says enough.
  }
  const kind =
    forced ??
    (res.status === 404
      ? 'not_found'
      : res.status === 409
        ? 'conflict'
        : res.status === 429
          ? 'rate_limited'
          : res.status >= 500
            ? 'server'
            : 'client');
  const retryAfter = Number(res.headers.get('retry-after'));
  return new AssureError(
    kind,
    `Assure answered ${res.status}${problem.title ? `: ${problem.title}` : ''}`,
    res.status,
    problem.traceId,
    Number.isFinite(retryAfter) && res.headers.has('retry-after') ? retryAfter : undefined,
  );
}

function asAssureError(err: unknown): AssureError {
  if (err instanceof AssureError) return err;
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return new AssureError('timeout', 'Assure did not answer in time');
  }
  return new AssureError(
    'network',
    `Assure could not be reached: ${err instanceof Error ? err.message : String(err)}`,
  );
}
