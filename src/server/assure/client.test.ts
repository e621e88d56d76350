import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AssureClient } from './client';
import { AssureError } from './errors';

// A scripted upstream: each test queues the answers it wants for the next calls.
type Answer = { status: number; body?: string; headers?: Record<string, string>; delayMs?: number };
let queue: Answer[] = [];
const calls: Array<{ path: string; auth: string | undefined; method: string }> = [];
let tokens = 0;
let server: ServerType;
let base = '';

const process = (id: string) => JSON.stringify({ processId: id, provider: 'readid', status: 'pending' });

beforeAll(async () => {
  const app = new Hono();
  app.post('/auth/open/connect/token', async (c) => {
    tokens++;
    if (c.req.header('authorization') !== `Basic ${Buffer.from('id:secret').toString('base64')}`) {
      return c.json({ error: 'invalid_client' }, 401);
    }
    return c.json({
      access_token: `tok${tokens}`,
      token_type: 'Bearer',
      expires_in: 600,
      scope: 'signicat-api',
    });
  });
  app.all('/assure/*', async (c) => {
    calls.push({ path: c.req.path, auth: c.req.header('authorization'), method: c.req.method });
    const a = queue.shift() ?? { status: 200, body: process('default') };
    if (a.delayMs) await new Promise((r) => setTimeout(r, a.delayMs));
    return new Response(a.body ?? '', {
      status: a.status,
      headers: { 'content-type': 'application/json', ...a.headers },
    });
  });
  server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  queue = [];
  calls.length = 0;
  tokens = 0;
});

const client = (secret = 'secret') =>
  new AssureClient(
    {
      baseUrl: `${base}/assure`,
      tokenUrl: `${base}/auth/open/connect/token`,
      clientId: 'id',
      clientSecret: secret,
      signatureHeader: 'x',
    },
    { backoffBaseMs: 5, timeoutMs: 2000 },
  );

describe('Assure client', () => {
  it('gets one token with client_secret_basic and reuses it', async () => {
    const c = client();
    await c.getProcess('d', 'p1');
    await c.getProcess('d', 'p2');
    expect(tokens).toBe(1);
    expect(calls.map((x) => x.auth)).toEqual(['Bearer tok1', 'Bearer tok1']);
  });

  it('on 401 drops the token, gets a fresh one and retries once', async () => {
    const c = client();
    await c.getProcess('d', 'p1');
    queue = [{ status: 401, body: '{}' }];
    const p = await c.getProcess('d', 'p2');
    expect(p.processId).toBe('default');
    expect(tokens).toBe(2);
    expect(calls.at(-1)!.auth).toBe('Bearer tok2');
  });

  it('a second 401 is a configuration fault (auth), not the reviewer’s 401', async () => {
    queue = [
      { status: 401, body: '{}' },
      { status: 401, body: '{}' },
    ];
    await expect(client().getProcess('d', 'p')).rejects.toMatchObject({ kind: 'auth' });
  });

  it('refused client credentials surface as an auth error', async () => {
    await expect(client('wrong').getProcess('d', 'p')).rejects.toMatchObject({ kind: 'auth' });
  });

  it('retries reads on 5xx and succeeds', async () => {
    queue = [
      { status: 503, body: '{"traceId":"t1"}' },
      { status: 500 },
      { status: 200, body: process('ok') },
    ];
    const p = await client().getProcess('d', 'p');
    expect(p.processId).toBe('ok');
    expect(calls).toHaveLength(3);
  });

  it('honours Retry-After on 429', async () => {
    queue = [
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 200, body: process('later') },
    ];
    const started = Date.now();
    await client().getProcess('d', 'p');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('gives up after three attempts with a typed error carrying the traceId', async () => {
    queue = Array.from({ length: 3 }, () => ({
      status: 502,
      body: '{"title":"Bad gateway","traceId":"abc123"}',
    }));
    const err = await client()
      .getProcess('d', 'p')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssureError);
    expect(err).toMatchObject({ kind: 'server', status: 502, traceId: 'abc123' });
    expect(calls).toHaveLength(3);
  });

  it('never retries a 4xx', async () => {
    queue = [{ status: 404, body: '{"title":"Process not found."}' }];
    await expect(client().getProcess('d', 'p')).rejects.toMatchObject({ kind: 'not_found' });
    expect(calls).toHaveLength(1);
  });

  it('never retries a POST', async () => {
    queue = [{ status: 503 }];
    await expect(client().createProcess('d', { provider: 'readid' })).rejects.toMatchObject({
      kind: 'server',
    });
    expect(calls).toHaveLength(1);
  });

  it('shares one upstream call among concurrent reads of the same process', async () => {
    queue = [{ status: 200, body: process('shared'), delayMs: 100 }];
    const c = client();
    const all = await Promise.all(Array.from({ length: 10 }, () => c.getProcess('d', 'p')));
    expect(all.every((p) => p.processId === 'shared')).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('treats malformed JSON as an invalid response, retried, then reported', async () => {
    queue = Array.from({ length: 3 }, () => ({ status: 200, body: '{"processId": "x", "prov' }));
    await expect(client().getProcess('d', 'p')).rejects.toMatchObject({ kind: 'invalid_response' });
  });

  it('rejects an answer that breaks the contract instead of returning an empty value', async () => {
    queue = Array.from({ length: 3 }, () => ({ status: 200, body: '{"provider":"readid"}' }));
    await expect(client().getProcess('d', 'p')).rejects.toMatchObject({ kind: 'invalid_response' });
  });

  it('reports degraded, then down, then ok again', async () => {
    const c = client();
    queue = Array.from({ length: 3 }, () => ({ status: 500 }));
    await c.getProcess('d', 'p').catch(() => {});
    expect(c.health().state).toBe('down');
    await c.getProcess('d', 'p');
    expect(c.health().state).toBe('ok');
  });

  it('while down, lets one optional read per probe interval try Assure, so recovery is noticed', async () => {
    const c = new AssureClient(
      {
        baseUrl: `${base}/assure`,
        tokenUrl: `${base}/auth/open/connect/token`,
        clientId: 'id',
        clientSecret: 'secret',
        signatureHeader: 'x',
      },
      { backoffBaseMs: 5, probeIntervalMs: 150 },
    );
    expect(c.tryProbe()).toBe(true);
    queue = Array.from({ length: 3 }, () => ({ status: 500 }));
    await c.getProcess('d', 'p').catch(() => {});
    expect(c.health().state).toBe('down');
    // The clock moved by hand instead of waiting out the interval.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      expect(c.tryProbe()).toBe(true);
      expect(c.tryProbe()).toBe(false);
      vi.setSystemTime(Date.now() + 149);
      expect(c.tryProbe()).toBe(false);
      vi.setSystemTime(Date.now() + 1);
      expect(c.tryProbe()).toBe(true);
      expect(c.tryProbe()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('Assure client deadlines', () => {
  it('times out a read whose answer does not come, as a typed timeout', async () => {
    queue = Array.from({ length: 3 }, () => ({ status: 200, body: process('slow'), delayMs: 400 }));
    const c = new AssureClient(
      {
        baseUrl: `${base}/assure`,
        tokenUrl: `${base}/auth/open/connect/token`,
        clientId: 'id',
        clientSecret: 'secret',
        signatureHeader: 'x',
      },
      { backoffBaseMs: 5, timeoutMs: 100 },
    );
    await expect(c.getProcess('d', 'p')).rejects.toMatchObject({ kind: 'timeout' });
    expect(c.publicLastError()).toBe('timeout');
  });
});

describe('Assure client reading the vendor as public clients show it (contract §9)', () => {
  it('takes the capture process id from processId, else id, else finds the new process in the dossier', async () => {
    const c = client();
    const body = {
      providers: [{ provider: 'onfido', processType: 'document' }],
      redirectUrl: 'https://x.test/back',
    };
    queue = [{ status: 201, body: JSON.stringify({ processId: 'p-a', url: 'https://u/1' }) }];
    expect(await c.startCapture('d', body)).toEqual({ processId: 'p-a', url: 'https://u/1' });
    queue = [{ status: 201, body: JSON.stringify({ id: 'p-b', url: 'https://u/2' }) }];
    expect(await c.startCapture('d', body)).toEqual({ processId: 'p-b', url: 'https://u/2' });
    const listed = [
      { processId: 'old', provider: 'onfido', status: 'accepted', createdAt: '2026-12-01T10:00:00Z' },
      { processId: 'other-provider', provider: 'eid', status: 'pending', createdAt: '2026-12-04T10:00:02Z' },
      { processId: 'new', provider: 'onfido', status: 'pending', createdAt: '2026-12-04T10:00:00Z' },
    ];
    queue = [
      { status: 201, body: JSON.stringify({ url: 'https://u/3' }) },
      { status: 200, body: JSON.stringify(listed) },
    ];
    expect(await c.startCapture('d', body, new Set(['old']))).toEqual({
      processId: 'new',
      url: 'https://u/3',
    });
    expect(calls.slice(-2).map((x) => `${x.method} ${x.path}`)).toEqual([
      'POST /assure/dossiers/d/capture',
      'GET /assure/dossiers/d/processes',
    ]);
  });

  it('drops the SDK authorization token of a Create process answer', async () => {
    queue = [
      {
        status: 201,
        body: JSON.stringify({
          processId: 'p',
          provider: 'connect',
          status: 'pending',
          redirectUrl: 'https://r',
          authorization: 'sdk-token',
        }),
      },
    ];
    const created = await client().createProcess('d', { provider: 'connect' });
    expect(created).toEqual({
      processId: 'p',
      provider: 'connect',
      status: 'pending',
      redirectUrl: 'https://r',
    });
  });

  it('downloads the full result from the configured path', async () => {
    const c = new AssureClient(
      {
        baseUrl: `${base}/assure`,
        tokenUrl: `${base}/auth/open/connect/token`,
        clientId: 'id',
        clientSecret: 'secret',
        signatureHeader: 'x',
        fullResultPath: '/dossiers/{dossierId}/processes/{processId}/download',
      },
      { backoffBaseMs: 5 },
    );
    queue = [{ status: 200, body: 'PK', headers: { 'content-type': 'application/zip' } }];
    const res = await c.fullResult('d1', 'p2');
    await res.arrayBuffer();
    expect(calls.at(-1)?.path).toBe('/assure/dossiers/d1/processes/p2/download');
    queue = [{ status: 200, body: 'PK' }];
    await (await client().fullResult('d', 'p')).arrayBuffer();
    expect(calls.at(-1)?.path).toBe('/assure/dossiers/d/processes/p/fullresult');
  });
});
