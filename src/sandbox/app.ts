/**
 * HTTP surface of the sandbox: the vendor routes (contract §2 /auth, §3 /assure) and the control routes (/sandbox,
 * brief §10). Built from the parts: clock, store, tokens, faults, stats, webhooks, media.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z, ZodError } from 'zod';
import { Tokens } from './auth';
import { captureDonePage, capturePage, returnLocation } from './capture-page';
import { Clock } from './clock';
import {
  advanceSchema,
  clockSchema,
  createControl,
  emitSchema,
  resetSchema,
  webhookSchema,
  type SandboxControl,
} from './control';
import { Webhooks } from './events';
import { FaultState, faultsPatchSchema } from './faults';
import { Media } from './fullresult';
import { resolveOptions, type ResolvedOptions, type SandboxOptions } from './options';
import {
  badRequest,
  conflict,
  problemBody,
  problemResponse,
  SandboxError,
  type InvalidParam,
} from './problem';
import { providerModule } from './providers';
import { findScenario, SCENARIOS } from './scenarios';
import { routeName, StatsCounter } from './stats';
import { persistStore } from './state-file';
import { Store, type ProcessRecord } from './store';
import { DEPICTIONS, isProviderId, WITH_RESULT, type Depiction, type JsonObject } from './types';
import { VariantState, variantsPatchSchema } from './variants';

export interface SandboxApp {
  app: Hono;
  control: SandboxControl;
  options: ResolvedOptions;
  /** Stop timers (live ticking, webhook retries). */
  dispose(): void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function zodToInvalidParams(error: ZodError): InvalidParam[] {
  return error.issues.map((issue) => ({
    name: issue.path.map(String).join('.') || 'body',
    reason: issue.message,
  }));
}

/** Parse a JSON request body; empty means `{}`; malformed JSON is a 400 with invalidParams (contract §3). */
async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : 'not valid JSON';
    throw badRequest(`Malformed JSON body: ${reason}`, [{ name: 'body', reason: 'must be valid JSON' }]);
  }
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const params = zodToInvalidParams(result.error);
    throw badRequest(`Invalid ${what}: ${params.map((p) => `${p.name}: ${p.reason}`).join('; ')}`, params);
  }
  return result.data;
}

const objectBody = z.object({}).loose();
/** Create dossier (contract §3, §9): `{}`, or the customer's own `externalReference`. */
const createDossierSchema = z
  .object({
    externalReference: z
      .union([z.string().max(200), z.number()])
      .nullable()
      .optional(),
  })
  .loose();

const createProcessSchema = z
  .object({
    provider: z.string({ error: 'provider is required' }).min(1, 'provider is required'),
    processType: z.string().min(1).optional(),
    processParameters: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

const captureSchema = z
  .object({
    providers: z
      .array(z.object({ provider: z.string().min(1), processType: z.string().min(1).optional() }).loose())
      .min(1, 'at least one provider'),
    redirectUrl: z.url({ error: 'redirectUrl must be an absolute URL' }),
    sdk: z.enum(['native', 'capture']).optional(),
    captureParameters: z.object({ uiProfile: z.string().optional() }).loose().optional(),
  })
  .loose();

/** The end-user return URL of a redirect provider, if given as processParameters.<provider>.redirectUrl. */
function returnUrlFrom(params: Record<string, unknown> | undefined, provider: string): string | undefined {
  const own = params?.[provider];
  if (typeof own !== 'object' || own === null) return undefined;
  const url = (own as Record<string, unknown>).redirectUrl;
  if (url === undefined) return undefined;
  if (typeof url !== 'string' || !URL.canParse(url)) {
    throw badRequest('processParameters redirectUrl must be an absolute URL.', [
      { name: `processParameters.${provider}.redirectUrl`, reason: 'must be an absolute URL' },
    ]);
  }
  return url;
}

export function createSandboxApp(options: SandboxOptions = {}): SandboxApp {
  const opts = resolveOptions(options);
  const clock = new Clock(opts.now);
  const faults = new FaultState();
  const variants = new VariantState(opts.variants);
  const stats = new StatsCounter();
  // The store is built below; events ask it for a dossier's reference only once they fire.
  const built: { store?: Store } = {};
  const tokens = new Tokens(
    clock,
    { id: opts.clientId, secret: opts.clientSecret },
    () => faults.get().tokenTtlS ?? opts.tokenTtlS,
  );
  const webhooks = new Webhooks({
    clock,
    faults,
    counters: stats.webhooks,
    accountId: opts.accountId,
    target: { url: opts.webhookUrl, secret: opts.webhookSecret },
    retryBaseMs: opts.webhookRetryBaseMs,
    variants,
    externalReferenceOf: (dossierId) => built.store?.externalReferenceOf(dossierId),
  });
  const media = new Media();
  const eventFor = (eventName: string) => (p: ProcessRecord) =>
    void webhooks.emit(eventName, {
      dossierId: p.dossierId,
      processId: p.processId,
      provider: p.provider,
      status: p.status,
    });
  const store = new Store({
    seed: opts.seed,
    dossiers: opts.dossiers,
    live: opts.live,
    arrivalEveryS: opts.arrivalEveryS,
    clock,
    clientId: opts.clientId,
    retentionDays: opts.retentionDays,
    readidLayout: opts.readidLayout,
    onFinal: eventFor('process.complete'), // contract §6
    onZipReady: eventFor('webid.zip.ready'), // contract §5.6, §6
    failingProvider: () => faults.get().failProvider,
  });
  built.store = store;
  const control = createControl({ store, clock, faults, variants, stats, tokens, webhooks, media });
  /** Vendor views as the active variants (contract §9) shape them. */
  const processOut = (p: ProcessRecord): JsonObject => variants.process(store.processView(p));
  const dossierOut = (d: Parameters<Store['dossierView']>[0]): JsonObject =>
    variants.dossier(store.dossierView(d));
  const app = new Hono();

  const origin = (c: Context): string => opts.publicUrl?.replace(/\/$/, '') ?? new URL(c.req.url).origin;
  const stubUrl = (c: Context, processId: string): string => `${origin(c)}/sandbox/capture/${processId}`;
  const problem = (
    c: Context,
    status: number,
    title: string,
    detail: string,
    invalidParams?: InvalidParam[],
    headers?: Record<string, string>,
  ): Response =>
    problemResponse(problemBody(status, title, detail, c.req.path, c.req.method, invalidParams), headers);

  app.onError((err, c) => {
    if (err instanceof SandboxError) return problem(c, err.status, err.title, err.detail, err.invalidParams);
    if (err instanceof ZodError) {
      const params = zodToInvalidParams(err);
      return problem(
        c,
        400,
        'Validation failed.',
        params.map((p) => `${p.name}: ${p.reason}`).join('; '),
        params,
      );
    }
    console.error('[sandbox] unexpected error', err);
    return problem(c, 500, 'Internal server error.', 'The sandbox failed to handle this request.');
  });
  app.notFound((c) => problem(c, 404, 'Not found.', `No route for ${c.req.method} ${c.req.path}.`));

  // Every request first applies what is due on the sandbox clock.
  app.use('*', async (_c, next) => {
    store.tick();
    await next();
  });

  /** Counting, faults and (for /assure) bearer authentication, in that order. Never on /sandbox routes. */
  const vendorGate =
    (kind: 'auth' | 'assure'): MiddlewareHandler =>
    async (c, next) => {
      stats.count(routeName(c.req.method, c.req.path));
      const f = faults.get();
      const delay = faults.latency();
      if (delay > 0) await sleep(delay);
      const early = ((): Response | undefined => {
        if (f.down)
          return problem(
            c,
            503,
            'Service unavailable.',
            'The Assure API is unavailable (sandbox fault: down).',
            undefined,
            { 'retry-after': String(f.retryAfterS) },
          );
        if (kind === 'auth') return undefined;
        if (faults.roll(f.rate429)) {
          return problem(
            c,
            429,
            'Too many requests.',
            `Rate limit exceeded; retry after ${f.retryAfterS} s (sandbox fault).`,
            undefined,
            { 'retry-after': String(f.retryAfterS) },
          );
        }
        if (faults.roll(f.errorRate)) {
          const status = [500, 502, 503][Math.floor(Math.random() * 3)];
          return problem(c, status, 'Server error.', 'The Assure API failed (sandbox fault: errorRate).');
        }
        // Contract §2/§3: missing/invalid/expired token → 401; malformed Authorization → 400.
        const check = tokens.check(c.req.header('authorization'));
        if (check === 'malformed') {
          return problem(
            c,
            400,
            'Malformed Authorization header.',
            'Expected "Authorization: Bearer <token>".',
            [{ name: 'Authorization', reason: 'must be "Bearer <token>"' }],
          );
        }
        if (check !== 'ok') {
          const detail = {
            missing: 'No bearer token was sent.',
            unknown: 'The bearer token is not valid.',
            expired: 'The bearer token has expired.',
          }[check];
          return problem(c, 401, 'Unauthorized.', detail, undefined, {
            'www-authenticate': 'Bearer error="invalid_token"',
          });
        }
        return undefined;
      })();
      if (early) {
        stats.response(early.status);
        return early;
      }
      await next();
      stats.response(c.res.status);
    };
  app.use('/auth/*', vendorGate('auth'));
  app.use('/assure/*', vendorGate('assure'));

  // ---- Contract §2: token endpoint -----------------------------------------------------------------------------
  app.post('/auth/open/connect/token', async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    const text = await c.req.text();
    const noStore = { 'cache-control': 'no-store' };
    if (text.trim() !== '' && !contentType.includes('application/x-www-form-urlencoded')) {
      return c.json(
        { error: 'invalid_request', error_description: 'form-encoded body expected' },
        400,
        noStore,
      );
    }
    const form = Object.fromEntries(new URLSearchParams(text));
    const result = tokens.issue(c.req.header('authorization'), form);
    if ('status' in result) {
      const headers =
        result.status === 401 ? { ...noStore, 'www-authenticate': 'Basic realm="signicat"' } : noStore;
      return c.json(result.body, result.status, headers);
    }
    return c.json(result, 200, noStore);
  });

  // ---- Contract §3: dossiers -------------------------------------------------------------------------------------
  app.post('/assure/dossiers', async (c) => {
    const body = parseWith(createDossierSchema, await jsonBody(c), 'dossier');
    const reference = body.externalReference ?? undefined;
    return c.json(
      dossierOut(store.createDossier({}, undefined, reference === undefined ? undefined : String(reference))),
      201,
    );
  });
  app.get('/assure/dossiers', (c) => c.json(store.listDossiers().map((d) => dossierOut(d)))); // plain array, newest first, query ignored
  app.get('/assure/dossiers/:dossierId', (c) =>
    c.json(dossierOut(store.getDossier(c.req.param('dossierId')))),
  );
  app.delete('/assure/dossiers/:dossierId', (c) => {
    store.deleteDossier(c.req.param('dossierId'));
    return c.body(null, 204);
  });

  // ---- Contract §3: processes ------------------------------------------------------------------------------------
  app.post('/assure/dossiers/:dossierId/processes', async (c) => {
    const raw = await jsonBody(c);
    const dossier = store.getDossier(c.req.param('dossierId'));
    const body = parseWith(createProcessSchema, raw, 'process');
    const returnUrl = returnUrlFrom(body.processParameters, body.provider);
    const p = store.createProcess(dossier.dossierId, {
      provider: body.provider,
      processType: body.processType,
      awaitsEndUser: true,
    });
    p.returnUrl = returnUrl;
    const view = variants.created(store.processView(p));
    // Redirect providers (Connect, WebID) get a redirectUrl to the stub page (contract §3, §5.5, §5.6).
    if (p.provider === 'connect' || p.provider === 'webid') view.redirectUrl = stubUrl(c, p.processId);
    return c.json(view, 201);
  });
  app.get('/assure/dossiers/:dossierId/processes', (c) =>
    c.json(store.listProcesses(c.req.param('dossierId')).map((p) => processOut(p))),
  );
  app.get('/assure/dossiers/:dossierId/processes/:processId', (c) => {
    const view = processOut(store.getProcess(c.req.param('dossierId'), c.req.param('processId')));
    const f = faults.get();
    if (faults.roll(f.malformedJson)) {
      const text = JSON.stringify(view);
      return c.body(text.slice(0, Math.max(1, Math.floor(text.length / 2))), 200, {
        'content-type': 'application/json',
      });
    }
    return c.json(view);
  });
  app.delete('/assure/dossiers/:dossierId/processes/:processId', (c) => {
    store.deleteProcess(c.req.param('dossierId'), c.req.param('processId'));
    return c.body(null, 204);
  });

  // ---- Contract §3: start capture flow ---------------------------------------------------------------------------
  app.post('/assure/dossiers/:dossierId/capture', async (c) => {
    const raw = await jsonBody(c);
    const dossier = store.getDossier(c.req.param('dossierId'));
    const body = parseWith(captureSchema, raw, 'capture request');
    const problems: InvalidParam[] = [];
    body.providers.forEach((entry, i) => {
      const name = `providers.${i}.provider`;
      if (!isProviderId(entry.provider))
        problems.push({ name, reason: `unknown provider '${entry.provider}'` });
      else if (entry.provider === 'readid')
        problems.push({ name, reason: 'readid has no capture flow (native mobile only)' });
      else if (!providerModule(entry.provider).captureSupported)
        problems.push({
          name,
          reason: `${entry.provider} has no capture flow; Create process returns a redirectUrl`,
        });
    });
    if (problems.length > 0)
      throw badRequest(
        `Capture is not available for: ${problems.map((p) => p.reason).join('; ')}.`,
        problems,
      );
    body.providers.forEach((entry) => store.resolveProcess(entry)); // processType checks (400)
    const first = body.providers[0];
    const p = store.createProcess(dossier.dossierId, {
      provider: first.provider,
      processType: first.processType,
      awaitsEndUser: true,
    });
    p.returnUrl = body.redirectUrl;
    p.multiProviderCapture = body.providers.length > 1;
    return c.json(variants.capture(p.processId, stubUrl(c, p.processId)), 201);
  });

  // ---- Contract §3: full result and images -----------------------------------------------------------------------
  // Answered on `/fullresult` (contract §3) and on `/download` (contract §9: the path a public client uses).
  const fullResult = async (c: Context) => {
    const p = store.getProcess(c.req.param('dossierId') ?? '', c.req.param('processId') ?? '');
    if (!(WITH_RESULT as readonly string[]).includes(p.status)) {
      throw conflict(
        `The full result is available only for accepted, rejected or inconclusive processes; this one is ${p.status}.`,
      );
    }
    if (!p.zipReady)
      throw conflict('The WebID full result is not ready yet; wait for the webid.zip.ready event.');
    let bytes = await media.zip(p);
    if (faults.get().truncateZip) bytes = bytes.slice(0, Math.floor(bytes.length / 2));
    return c.body(bytes.slice().buffer, 200, {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${p.processId}.zip"`,
    });
  };
  app.get('/assure/dossiers/:dossierId/processes/:processId/fullresult', fullResult);
  app.get('/assure/dossiers/:dossierId/processes/:processId/download', fullResult);
  app.get('/assure/dossiers/:dossierId/processes/:processId/images/:depiction', (c) => {
    const p = store.getProcess(c.req.param('dossierId'), c.req.param('processId'));
    const depiction = c.req.param('depiction');
    if (!(DEPICTIONS as readonly string[]).includes(depiction)) {
      throw badRequest(`Unknown depiction '${depiction}'.`, [
        { name: 'depiction', reason: `must be one of ${DEPICTIONS.join(', ')}` },
      ]);
    }
    const captured = p.status !== 'pending' && p.run.depictions().includes(depiction as Depiction);
    if (!captured)
      throw new SandboxError(404, 'Image not found.', `Process ${p.processId} has no ${depiction} image.`);
    return c.body(media.image(p, depiction as Depiction).slice().buffer, 200, {
      'content-type': 'image/jpeg',
    });
  });

  // ---- Who may use the control API --------------------------------------------------------------------------------
  // The control routes change the emulated world (faults, clock, reset) without authentication, so they answer only
  // requests from this machine, and never a browser page of another origin (a page the tester happens to have open
  // could otherwise post to a loopback port). The capture stub is the end-user's page and stays open.
  app.use('/sandbox', controlGuard);
  app.use('/sandbox/*', controlGuard);

  // ---- Capture stub page (contract §3 "Capture": "url opens a stub page where the tester completes the flow") -----
  app.get('/sandbox/capture/:processId', (c) => {
    const p = store.findProcess(c.req.param('processId'));
    return c.html(capturePage(p, `/sandbox/capture/${encodeURIComponent(p.processId)}`));
  });
  app.post('/sandbox/capture/:processId', async (c) => {
    const p = store.findProcess(c.req.param('processId'));
    const scenario = new URLSearchParams(await c.req.text()).get('scenario') ?? '';
    const spec = findScenario(scenario);
    if (!spec)
      throw badRequest(`Unknown scenario '${scenario}'.`, [
        { name: 'scenario', reason: 'pick one of the listed outcomes' },
      ]);
    if (p.status !== 'pending') return c.html(capturePage(p, c.req.path), 409);
    store.setScenario(p, scenario);
    // The end-user is done: finished-without-result outcomes end now, the others start processing.
    const endsNow = spec.skipProcessing === true || spec.expect === 'canceled' || spec.expect === 'failed';
    store.advance(p, endsNow ? 'final' : 'processing');
    const location = returnLocation(p);
    return location ? c.redirect(location, 303) : c.html(captureDonePage(p));
  });

  // ---- Control API (brief §10), no auth, no faults, not counted -----------------------------------------------------
  app.get('/sandbox', (c) =>
    c.json({
      name: 'Assure sandbox (emulator of the Signicat Assure API)',
      tokenUrl: `${origin(c)}/auth/open/connect/token`,
      apiBase: `${origin(c)}/assure`,
      live: opts.live,
      now: new Date(clock.now()).toISOString(),
      routes: [
        'GET  /sandbox/scenarios',
        'POST /sandbox/processes {dossierId?, provider?, processType?, scenario?, firstName?, lastName?, country?, stayPending?, layout?, personFrom?}',
        'GET  /sandbox/processes/{processId}',
        "POST /sandbox/processes/{processId}/advance {to?: 'processing'|'final'|'zipReady', scenario?}",
        'POST /sandbox/processes/{processId}/expire',
        'POST /sandbox/processes/{processId}/emit {eventName?}',
        'POST /sandbox/dossiers/{dossierId}/expire',
        'GET  /sandbox/stats, POST /sandbox/stats/reset',
        'GET  /sandbox/faults, POST /sandbox/faults {…partial}, POST /sandbox/faults/reset',
        'GET  /sandbox/variants, POST /sandbox/variants {…partial}, POST /sandbox/variants/reset',
        'POST /sandbox/tokens/invalidate',
        'POST /sandbox/reset {seed?}',
        'GET  /sandbox/clock, POST /sandbox/clock/advance {seconds}',
        'GET  /sandbox/webhook, POST /sandbox/webhook {url, secret}, GET /sandbox/webhook/deliveries',
        'GET  /sandbox/capture/{processId}',
      ],
    }),
  );
  app.get('/sandbox/scenarios', (c) => c.json(SCENARIOS.map((s) => ({ ...s }))));
  app.post('/sandbox/processes', async (c) =>
    c.json(control.createProcess(parseWith(objectBody, await jsonBody(c), 'body')), 201),
  );
  app.get('/sandbox/processes/:processId', (c) => c.json(control.process(c.req.param('processId'))));
  app.post('/sandbox/processes/:processId/advance', async (c) => {
    const body = parseWith(advanceSchema, await jsonBody(c), 'advance request');
    return c.json(control.advance(c.req.param('processId'), body.to, body.scenario));
  });
  app.post('/sandbox/processes/:processId/expire', (c) => {
    control.expireProcess(c.req.param('processId'));
    return c.body(null, 204);
  });
  app.post('/sandbox/processes/:processId/emit', async (c) => {
    const body = parseWith(emitSchema, await jsonBody(c), 'emit request');
    const event = control.emit(c.req.param('processId'), body.eventName);
    return c.json(event ?? null, 202);
  });
  app.post('/sandbox/dossiers/:dossierId/expire', (c) => {
    control.expireDossier(c.req.param('dossierId'));
    return c.body(null, 204);
  });
  app.get('/sandbox/stats', (c) => c.json(control.stats()));
  app.post('/sandbox/stats/reset', (c) => {
    control.resetStats();
    return c.body(null, 204);
  });
  app.get('/sandbox/faults', (c) => c.json(control.faults()));
  app.post('/sandbox/faults', async (c) => {
    const body = parseWith(objectBody, await jsonBody(c), 'faults');
    const { invalidateTokens, ...patch } = body;
    if (invalidateTokens === true) control.invalidateTokens();
    return c.json(control.setFaults(parseWith(faultsPatchSchema, patch, 'faults')));
  });
  app.post('/sandbox/faults/reset', (c) => c.json(control.resetFaults()));
  app.get('/sandbox/variants', (c) => c.json(control.variants()));
  app.post('/sandbox/variants', async (c) =>
    c.json(control.setVariants(parseWith(variantsPatchSchema, await jsonBody(c), 'variants'))),
  );
  app.post('/sandbox/variants/reset', (c) => c.json(control.resetVariants()));
  app.post('/sandbox/tokens/invalidate', (c) => {
    control.invalidateTokens();
    return c.body(null, 204);
  });
  app.post('/sandbox/reset', async (c) => {
    const body = parseWith(resetSchema, await jsonBody(c), 'reset request');
    control.reset(body.seed);
    return c.json(store.counts());
  });
  app.get('/sandbox/clock', (c) => c.json({ now: new Date(clock.now()).toISOString() }));
  app.post('/sandbox/clock/advance', async (c) => {
    const body = parseWith(clockSchema, await jsonBody(c), 'clock request');
    return c.json({ now: new Date(control.advanceClock(body.seconds)).toISOString() });
  });
  app.get('/sandbox/webhook', (c) =>
    c.json({ url: webhooks.current().url ?? null, signed: Boolean(webhooks.current().secret) }),
  );
  app.post('/sandbox/webhook', async (c) => {
    const body = parseWith(webhookSchema, await jsonBody(c), 'webhook target');
    const target = control.setWebhook(body);
    return c.json({ url: target.url ?? null, signed: Boolean(target.secret) });
  });
  app.get('/sandbox/webhook/deliveries', (c) => c.json(control.webhookDeliveries()));

  const persisted = opts.stateFile ? persistStore(store, opts.stateFile) : undefined;
  let timer: NodeJS.Timeout | undefined;
  if (opts.live) {
    timer = setInterval(() => store.tick(), opts.tickIntervalMs);
    timer.unref();
  }
  return {
    app,
    control,
    options: opts,
    dispose() {
      if (timer) clearInterval(timer);
      persisted?.close();
      webhooks.close();
    },
  };
}

export type { JsonObject };

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
function isLoopbackAddress(address: string): boolean {
  const a = address.replace(/^::ffff:/i, '');
  return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/** Refuses control requests from another machine or from a page of another origin; the capture stub is exempt. */
async function controlGuard(c: Context, next: () => Promise<void>): Promise<Response | void> {
  if (c.req.path.startsWith('/sandbox/capture/')) return next();
  const refuse = (detail: string) =>
    problemResponse(problemBody(403, 'Forbidden.', detail, c.req.path, c.req.method, undefined));
  // In-process calls (app.request in tests) have no socket: they come from this process.
  const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
    ?.socket?.remoteAddress;
  if (remote !== undefined && !isLoopbackAddress(remote))
    return refuse('The control API answers only requests from this machine (loopback).');
  const site = c.req.header('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site')
    return refuse('The control API does not answer pages of other origins.');
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== new URL(c.req.url).origin)
    return refuse('The control API does not answer pages of other origins.');
  await next();
}
