import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@domain/policy';
import { createUser } from './db/users';
import { startTestStack } from '../../test-support/stack';
import type { TestClient } from '../../test-support/test-server';

// Who may call what, written out by hand from the product's roles (docs/product.md), not computed from the policy
// it checks: a wrong permission anywhere (a contract's policy, a role's permission list, the registrar) fails here.
// r = reviewer (compliance officer), o = operator, m = manager, a = admin; `public` needs no session.
const EXPECTED: Record<string, 'public' | string> = {
  'GET /api/health': 'public',
  'GET /api/ready': 'public',
  'GET /api/session': 'public',
  'POST /api/session': 'public',
  'POST /api/session/mfa': 'public',
  'GET /api/auth/options': 'public',
  'GET /api/auth/oidc/login': 'public',
  'GET /api/auth/oidc/callback': 'public',
  'POST /api/webhooks/assure': 'public',
  'DELETE /api/session': 'roma',
  'POST /api/session/sign-out-everywhere': 'roma',
  'GET /api/openapi.json': 'roma',
  'GET /api/processes': 'roma',
  'POST /api/processes/batch': 'roma',
  'GET /api/processes/export': 'roma',
  'GET /api/processes/:processId': 'roma',
  'GET /api/processes/:processId/timeline': 'roma',
  'GET /api/processes/:processId/links': 'roma',
  'POST /api/processes/:processId/reveal': 'ra',
  'GET /api/processes/:processId/full-result': 'ra',
  'GET /api/dossiers/:dossierId': 'roma',
  'POST /api/processes/:processId/claim': 'r',
  'DELETE /api/processes/:processId/claim': 'r',
  'POST /api/processes/:processId/decisions': 'r',
  'POST /api/processes/:processId/decisions/:decisionId/confirm': 'r',
  'POST /api/processes/:processId/decisions/:decisionId/return': 'r',
  'GET /api/review-queue': 'r',
  'GET /api/cases': 'rma',
  'GET /api/cases/assignees': 'ma',
  'POST /api/cases/:dossierId/assignee': 'ma',
  'POST /api/dossiers/:dossierId/retries': 'o',
  'GET /api/reason-codes': 'roma',
  'POST /api/reason-codes': 'a',
  'PATCH /api/reason-codes/:code': 'a',
  'GET /api/outcomes': 'ma',
  'GET /api/outcomes/export': 'ma',
  'GET /api/provider-health': 'roma',
  'GET /api/audit': 'a',
  'GET /api/audit/export': 'a',
  'GET /api/audit/checkpoint': 'a',
  'GET /api/users': 'a',
  'POST /api/users': 'a',
  'PATCH /api/users/:userId': 'a',
  'POST /api/users/:userId/sign-out-everywhere': 'a',
  'DELETE /api/users/:userId/mfa': 'a',
  'GET /api/settings': 'roma',
  'PUT /api/settings': 'a',
  'GET /api/settings/retention': 'a',
  'PUT /api/settings/retention': 'a',
  'GET /api/settings/mfa': 'a',
  'PUT /api/settings/mfa': 'a',
  'GET /api/admin/link-key': 'a',
  'POST /api/admin/link-key/rotate': 'a',
  'GET /api/admin/link-exclusions': 'a',
  'POST /api/admin/link-exclusions': 'a',
  'DELETE /api/admin/link-exclusions/:id': 'a',
};

const LETTER: Record<Role, string> = { reviewer: 'r', operator: 'o', manager: 'm', admin: 'a' };
/** Routes that end the caller's own session: called with a session of their own, after the others. */
const ENDS_SESSION = new Set(['DELETE /api/session', 'POST /api/session/sign-out-everywhere']);

describe('route × role', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  const as: Partial<Record<Role, TestClient>> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack({ db: 'pglite', sandbox: { dossiers: 3 } });
    const c = stack.sandbox.control.createProcess({
      provider: 'readid',
      scenario: 'readid.cloneFailed',
      stayPending: true,
    });
    stack.sandbox.control.advance(c.processId, 'final');
    await stack.server.deps.sync.refresh(c.dossierId, c.processId);
    const bystander = await createUser(
      stack.server.deps.database.db,
      'matrix-bystander',
      'reviewer',
      'bystander-password-123',
    );
    Object.assign(ids, {
      processId: c.processId,
      dossierId: c.dossierId,
      userId: String(bystander.id),
      code: 'verified_manually',
      decisionId: '1',
      id: '1',
    });
    for (const role of ROLES) as[role] = await stack.server.login(role);
  });
  afterAll(async () => stack?.close());

  const url = (key: string) =>
    key.split(' ')[1]!.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(ids[name]!));
  const call = (client: TestClient, key: string) => {
    const method = key.split(' ')[0]!;
    return client.request(method, url(key), method === 'GET' || method === 'DELETE' ? undefined : {}, {
      headers: { 'idempotency-key': `matrix-${randomUUID()}` },
    });
  };

  it('covers every route the server registers, and the server registers nothing outside a contract', () => {
    const registered = stack.server.routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(registered).toEqual(Object.keys(EXPECTED).sort());
    expect([...stack.server.apiRoutes].sort()).toEqual(registered);
  });

  it('documents every registered route in GET /api/openapi.json, with its permission and schemas', async () => {
    type Operation = {
      'x-permission': string;
      parameters: Array<{ name: string; in: string }>;
      responses: Record<string, unknown>;
      requestBody?: unknown;
    };
    const res = await as.operator!.json<{
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, unknown> };
    }>('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = Object.entries(res.body.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.sort()).toEqual(stack.server.routes.map((r) => `${r.method} ${r.path}`).sort());
    const links = res.body.paths['/api/processes/{processId}/links']!.get!;
    expect(links['x-permission']).toBe('processes:read');
    expect(links.parameters).toContainEqual(expect.objectContaining({ name: 'processId', in: 'path' }));
    expect(links.responses['403']).toBeDefined();
    expect(res.body.paths['/api/processes']!.get!.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['status', 'provider', 'cursor', 'q']),
    );
    expect(res.body.paths['/api/processes/{processId}/decisions']!.post!.requestBody).toBeDefined();
    expect(res.body.components.schemas.Error).toBeDefined();
  });

  it('answers 401 `unauthenticated` without a session on every route that is not public', async () => {
    const anonymous = stack.server.client();
    for (const [key, who] of Object.entries(EXPECTED)) {
      const res = await call(anonymous, key);
      const body = (await res.json().catch(() => null)) as { error?: { code: string } } | null;
      // A public route may still refuse (a webhook without its signature), but never for want of a session.
      if (who === 'public') expect(body?.error?.code, key).not.toBe('unauthenticated');
      else expect([res.status, body?.error?.code], key).toEqual([401, 'unauthenticated']);
    }
  });

  it('answers 403 `forbidden` to exactly the roles the matrix leaves out, and lets the others through', async () => {
    for (const [key, who] of Object.entries(EXPECTED)) {
      if (who === 'public' || ENDS_SESSION.has(key)) continue;
      for (const role of ROLES) {
        const res = await call(as[role]!, key);
        const body = (await res.json().catch(() => null)) as { error?: { code: string } } | null;
        if (who.includes(LETTER[role])) {
          expect(['forbidden', 'unauthenticated'], `${key} as ${role} (${res.status})`).not.toContain(
            body?.error?.code,
          );
          expect(res.status, `${key} as ${role}: input is never a server error`).toBeLessThan(500);
        } else expect([res.status, body?.error?.code], `${key} as ${role}`).toEqual([403, 'forbidden']);
      }
    }
  });

  it('lets every role end its own sessions', async () => {
    for (const key of ENDS_SESSION) {
      for (const role of ROLES) {
        const res = await call(await stack.server.login(role), key);
        expect(res.status, `${key} as ${role}`).toBeLessThan(300);
      }
    }
  });
});
