import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Db } from './client';
import { mfaChallenges, mfaRecoveryCodes, sessions, userMfa } from './schema';
import { getSetting, putSetting } from './settings';

// Second factor of local accounts (issue #20): enrolment, challenges between password and code, recovery codes.

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export async function findEnrolment(db: Db, userId: number) {
  const [row] = await db.select().from(userMfa).where(eq(userMfa.userId, userId));
  return row;
}

/** A pending challenge for a user whose password was accepted; the token is returned once, only its hash is kept. */
export async function createChallenge(db: Db, userId: number, ttlMs: number, enrolmentSecret?: string) {
  const token = randomBytes(32).toString('base64url');
  await db
    .delete(mfaChallenges)
    .where(or(eq(mfaChallenges.userId, userId), lt(mfaChallenges.expiresAt, new Date())));
  await db.insert(mfaChallenges).values({
    id: sha256(token),
    userId,
    enrolmentSecret: enrolmentSecret ?? null,
    expiresAt: new Date(Date.now() + ttlMs),
  });
  return token;
}

export async function findChallenge(db: Db, token: string) {
  const [row] = await db
    .select()
    .from(mfaChallenges)
    .where(and(eq(mfaChallenges.id, sha256(token)), gt(mfaChallenges.expiresAt, new Date())));
  return row;
}

/** Ends a challenge; true when this call ended it (so two concurrent completions cannot both succeed). */
export async function consumeChallenge(db: Db, id: string): Promise<boolean> {
  const gone = await db
    .delete(mfaChallenges)
    .where(eq(mfaChallenges.id, id))
    .returning({ id: mfaChallenges.id });
  return gone.length === 1;
}

/**
 * Records `step` as the last used time step when it is later than the one recorded: false when the step (or a later
 * one) was used already, so a code is accepted once. Atomic, so two requests with one code cannot both pass.
 */
export async function useTotpStep(db: Db, userId: number, step: number): Promise<boolean> {
  const updated = await db
    .update(userMfa)
    .set({ lastStep: step })
    .where(and(eq(userMfa.userId, userId), or(isNull(userMfa.lastStep), lt(userMfa.lastStep, step))))
    .returning({ userId: userMfa.userId });
  return updated.length === 1;
}

/** Completes enrolment: the secret, its first used step and the recovery codes' hashes, replacing any earlier ones. */
export async function saveEnrolment(
  db: Db,
  userId: number,
  secret: string,
  step: number,
  recoveryCodeHashes: string[],
) {
  await db.transaction(async (tx) => {
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
    await tx.delete(userMfa).where(eq(userMfa.userId, userId));
    await tx.insert(userMfa).values({ userId, secret, lastStep: step });
    await tx.insert(mfaRecoveryCodes).values(recoveryCodeHashes.map((codeHash) => ({ userId, codeHash })));
  });
}

/** Uses up one unused recovery code; false when it is unknown or was used already. */
export async function useRecoveryCode(db: Db, userId: number, codeHash: string): Promise<boolean> {
  const used = await db
    .update(mfaRecoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(mfaRecoveryCodes.userId, userId),
        eq(mfaRecoveryCodes.codeHash, codeHash),
        isNull(mfaRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: mfaRecoveryCodes.id });
  return used.length === 1;
}

/** Removes a user's second factor (an admin's reset): the next password sign-in enrols again where one is required. */
export async function resetSecondFactor(db: Db, userId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
    await tx.delete(mfaChallenges).where(eq(mfaChallenges.userId, userId));
    const gone = await tx
      .delete(userMfa)
      .where(eq(userMfa.userId, userId))
      .returning({ userId: userMfa.userId });
    return gone.length === 1;
  });
}

export const MFA_ROLES_SETTING = 'mfaRequiredRoles';

export async function mfaRequiredRoles(db: Db, fallback: readonly string[]): Promise<string[]> {
  const value = await getSetting<unknown>(db, MFA_ROLES_SETTING, undefined);
  return Array.isArray(value) ? (value as string[]) : [...fallback];
}

export async function setMfaRequiredRoles(db: Db, roles: string[]) {
  await putSetting(db, MFA_ROLES_SETTING, roles);
}

export const STEP_UP_SETTING = 'stepUpMinutes';

/** Minutes a sign-in stays recent enough to reveal identifiers or open a full result; 0 = no limit (the default). */
export async function stepUpMinutes(db: Db): Promise<number> {
  const value = await getSetting<unknown>(db, STEP_UP_SETTING, 0);
  return typeof value === 'number' ? value : 0;
}

export async function setStepUpMinutes(db: Db, minutes: number) {
  await putSetting(db, STEP_UP_SETTING, minutes);
}

/** When the session (by its stored id) was signed into. */
export async function sessionSignedInAt(db: Db, sessionId: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ createdAt: sessions.createdAt })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  return row?.createdAt;
}
