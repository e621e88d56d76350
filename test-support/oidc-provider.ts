import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

// A real OpenID Provider (the `oidc-provider` package) on loopback for the tests of single sign-on (issue #20):
// registered clients, users whose `groups` the test changes, its development login page (any password), and consent
// granted up front. `tamperIdToken` re-signs the ID token of the next token responses with changed claims (with the
// provider's own key), to check that the desk refuses a token meant for another audience.

export interface TestOidcProvider {
  issuer: string;
  port: number;
  setGroups(account: string, groups: string[]): void;
  tamperIdToken(edit: ((claims: Record<string, unknown>) => Record<string, unknown>) | undefined): void;
  close(): Promise<void>;
}

export interface TestOidcClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export async function startTestOidcProvider(opts: {
  port?: number;
  clients: TestOidcClient[];
  accounts: Record<string, string[]>;
}): Promise<TestOidcProvider> {
  const groups = new Map(Object.entries(opts.accounts));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
  let edit: ((claims: Record<string, unknown>) => Record<string, unknown>) | undefined;

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: opts.clients.map((c) => ({
      ...c,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [jwk] },
    cookies: { keys: [randomUUID()] },
    scopes: ['openid', 'profile', 'email'],
    claims: { openid: ['sub'], profile: ['preferred_username', 'groups'], email: ['email'] },
    // Profile claims in the ID token too, as Entra ID and Keycloak do for groups when configured.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    findAccount: (_ctx, sub) =>
      groups.has(sub)
        ? {
            accountId: sub,
            claims: () => ({
              sub,
              preferred_username: sub,
              email: `${sub}@idp.test`,
              groups: groups.get(sub) ?? [],
            }),
          }
        : undefined,
    // First-party clients: consent is granted up front, so the flow is login then straight back.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, result, provider: op } = ctx.oidc;
      const grantId = result?.consent?.grantId ?? (client && session?.grantIdFor(client.clientId));
      if (grantId) return op.Grant.find(grantId);
      if (!client || !session?.accountId) return undefined;
      const grant = new op.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile email');
      grant.addOIDCClaims(['preferred_username', 'groups', 'email']);
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();

  async function tamperedToken(req: IncomingMessage, res: import('node:http').ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = { 'x-test-passthrough': '1' };
    for (const name of ['content-type', 'authorization'])
      if (req.headers[name]) headers[name] = String(req.headers[name]);
    const upstream = await fetch(`${issuer}/token`, { method: 'POST', headers, body: Buffer.concat(chunks) });
    const body = (await upstream.json()) as Record<string, unknown>;
    if (typeof body.id_token === 'string' && edit) {
      const [header, payload] = body.id_token.split('.');
      const claims = edit(
        JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>,
      );
      const input = `${header}.${b64url(JSON.stringify(claims))}`;
      body.id_token = `${input}.${b64url(sign('sha256', Buffer.from(input), privateKey))}`;
    }
    res.writeHead(upstream.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  }

  server.on('request', (req, res) => {
    // The e2e spec's lever (another process): POST /__test/groups {"account","groups"} changes a user's groups.
    if (req.method === 'POST' && req.url === '/__test/groups') {
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as {
          account?: string;
          groups?: string[];
        };
        if (body.account && Array.isArray(body.groups)) groups.set(body.account, body.groups);
        res.writeHead(body.account ? 204 : 400);
        res.end();
      })();
      return;
    }
    if (edit && req.method === 'POST' && req.url === '/token' && !req.headers['x-test-passthrough']) {
      tamperedToken(req, res).catch(() => {
        res.writeHead(500);
        res.end();
      });
      return;
    }
    handle(req, res);
  });

  return {
    issuer,
    port,
    setGroups: (account, list) => void groups.set(account, list),
    tamperIdToken: (fn) => void (edit = fn),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
