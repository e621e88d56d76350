import type { Db } from '../db/client';
import { sessionSignedInAt, stepUpMinutes } from '../db/mfa';
import type { CurrentUser } from '../context';
import { HttpError } from '../lib/errors';

/**
 * Step-up (issue #20): when the admin setting asks for it, revealing an identifier or opening a full result needs a
 * sign-in no older than N minutes; an older session is refused with `step_up_required` (sign in again).
 */
export async function requireRecentSignIn(db: Db, user: Pick<CurrentUser, 'sessionId'>) {
  const minutes = await stepUpMinutes(db);
  if (!minutes) return;
  const at = await sessionSignedInAt(db, user.sessionId);
  if (!at || Date.now() - at.getTime() > minutes * 60_000) {
    throw new HttpError(
      403,
      'step_up_required',
      `This needs a sign-in of the last ${minutes} min. Sign out and sign in again, then retry.`,
    );
  }
}
