import { API } from '@domain/contracts';
import { RETENTION_SETTING } from '@domain/review';
import { audit } from '../audit/audit';
import type { Routes } from '../auth/guard';
import type { AppDeps } from '../context';
import { putSetting } from '../db/settings';
import { retentionDays } from '../retention/retention';

/** The personal-data retention setting; the erasure itself runs in the background (src/server/retention). */
export function retentionRoutes(r: Routes, deps: AppDeps) {
  const db = deps.database.db;

  r.on(API.retention, async () => ({ personalDataRetentionDays: await retentionDays(db) }));

  r.on(API.updateRetention, async (c, { user, body: input }) => {
    const previous = await retentionDays(db);
    await putSetting(db, RETENTION_SETTING, input.personalDataRetentionDays);
    await audit(db, {
      actor: user.username,
      action: 'settings.update',
      requestId: c.get('requestId'),
      details: { ...input, previous: { personalDataRetentionDays: previous } },
    });
    return input;
  });
}
