import { API } from '@domain/contracts';
import type { Routes } from '../auth/guard';
import type { AppDeps } from '../context';
import { badRequest } from '../lib/errors';
import { startRetry } from '../review/retries';

export function retryRoutes(r: Routes, deps: AppDeps) {
  r.on(API.retry, async (c, { user, params, body: input }) => {
    const key = c.req.header('idempotency-key')?.trim();
    if (!key || !/^[\w.:-]{8,200}$/.test(key)) {
      throw badRequest(
        'Send an Idempotency-Key header (8–200 letters, digits, -, _, . or :) so a repeat cannot start a second retry.',
        'idempotency_key_required',
      );
    }
    const result = await startRetry(deps, {
      dossierId: params.dossierId,
      key: `${user.id}:${key}`,
      actor: user.username,
      provider: input.provider,
      processType: input.processType,
      requestId: c.get('requestId'),
      redirectUrl: new URL('/capture-complete', deps.config.publicUrl ?? c.req.url).toString(),
    });
    return result;
  });
}
