import { RETENTION_SETTING, retentionSettingsSchema } from '@domain/review';
import { audit } from '../audit/audit';
import { requirePermission, type PolicyRoutes } from '../auth/guard';
import type { AppDeps } from '../context';
import { putSetting } from '../db/review';
import { jsonBody, parseOr400 } from '../lib/query';
import { retentionDays } from '../retention/retention';

/** The personal-data retention setting; the erasure itself runs in the background (src/server/retention). */
export function retentionRoutes(r: PolicyRoutes, deps: AppDeps) {
  const db = deps.database.db;

  r.get('/api/settings/retention', async (c) =>
    c.json({ personalDataRetentionDays: await retentionDays(db) }),
  );

  r.put('/api/settings/retention', async (c) => {
    const user = requirePermission(c);
    const input = parseOr400(retentionSettingsSchema, await jsonBody(c));
    const previous = await retentionDays(db);
    await putSetting(db, RETENTION_SETTING, input.personalDataRetentionDays);
    await audit(db, {
      actor: user.username,
      action: 'settings.update',
      requestId: c.get('requestId'),
      details: { ...input, previous: { personalDataRetentionDays: previous } },
    });
    return c.json(input);
  });
}
