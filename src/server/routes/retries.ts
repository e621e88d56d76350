import { retryRequestSchema } from '@domain/review';
import { requirePermission, type PolicyRoutes } from '../auth/guard';
import type { AppDeps } from '../context';
import { badRequest } from '../lib/errors';
import { jsonBody, parseOr400, pathParam } from '../lib/query';
import { startRetry } from '../review/retries';

export function retryRoutes(r: PolicyRoutes, deps: AppDeps) {
  r.post('/api/dossiers/:dossierId/retries', async (c) => {
    const user = requirePermission(c);
    const key = c.req.header('idempotency-key')?.trim();
    if (!key || !/^[\w.:-]{8,200}$/.test(key)) {
      throw badRequest('Send an Idempotency-Key header (8–200 letters, digits, -, _, . or :) so a repeat cannot start a second retry.', 'idempotency_key_required');
    }
    const body = await jsonBody(c, { emptyAs: {} });
    const input = parseOr400(retryRequestSchema, body);
    const result = await startRetry(deps, {
      dossierId: pathParam(c, 'dossierId'),
      key: `${user.id}:${key}`,
      actor: user.username,
      provider: input.provider,
      processType: input.processType,
      requestId: c.get('requestId'),
      redirectUrl: new URL('/capture-complete', deps.config.publicUrl ?? c.req.url).toString(),
    });
    return c.json(result, 201);
  });
}
