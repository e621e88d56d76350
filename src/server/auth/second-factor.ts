import type { Config } from '../config';
import type { Db } from '../db/client';
import {
  consumeChallenge,
  createChallenge,
  findChallenge,
  findEnrolment,
  mfaRequiredRoles,
  saveEnrolment,
  useRecoveryCode,
  useTotpStep,
} from '../db/mfa';
import { DEFAULT_MFA_ROLES, type MfaChallenge } from '@domain/mfa';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, otpauthUrl, totpStep } from './totp';
import { DEMO_USERS } from '../db/users';

// The second factor of local accounts (issue #20), between an accepted password and a session.

/** How long the step between password and code may take. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

/** The limiter's key for codes: apart from the password's, so a right password does not clear wrong codes. */
export const codeLimitKey = (username: string) => `${username.toLowerCase()} #code`;

/** The demo accounts are exempt while they are on (demo mode or DEMO_USERS), so the demo stays two commands. */
export function isExemptDemoAccount(config: Pick<Config, 'demoUsers'>, username: string): boolean {
  return config.demoUsers && (DEMO_USERS as readonly string[]).includes(username);
}

/**
 * The challenge to answer instead of a session when a second factor is due: the user has enrolled one, or their
 * role requires one (admin setting); with an enrolment secret when they have none yet. Undefined when none is due.
 */
export async function secondFactorChallenge(
  db: Db,
  config: Pick<Config, 'demoUsers'>,
  user: { id: number; username: string; role: string },
): Promise<MfaChallenge | undefined> {
  if (isExemptDemoAccount(config, user.username)) return undefined;
  const enrolled = await findEnrolment(db, user.id);
  if (enrolled) return { mfaRequired: true, mfaToken: await createChallenge(db, user.id, CHALLENGE_TTL_MS) };
  const required = await mfaRequiredRoles(db, DEFAULT_MFA_ROLES);
  if (!required.includes(user.role)) return undefined;
  const secret = newTotpSecret();
  return {
    mfaRequired: true,
    mfaToken: await createChallenge(db, user.id, CHALLENGE_TTL_MS, secret),
    enrolment: { secret, otpauthUrl: otpauthUrl(secret, user.username) },
  };
}

export type CodeCheck =
  | { ok: true; userId: number; method: 'totp' | 'recovery'; recoveryCodes?: string[] }
  | { ok: false; reason: 'unknown_challenge' | 'wrong_code' | 'reused_code' };

export async function challengeUser(db: Db, token: string) {
  return findChallenge(db, token);
}

/**
 * Checks a code against a pending challenge. A TOTP code is accepted once (its time step is recorded); a recovery
 * code once (it is marked used); during enrolment only a TOTP code of the new secret completes it, and the
 * recovery codes are made then and returned once. The challenge ends when the code is accepted.
 */
export async function checkCode(
  db: Db,
  challenge: NonNullable<Awaited<ReturnType<typeof findChallenge>>>,
  code: string,
): Promise<CodeCheck> {
  const trimmed = code.replace(/\s+/g, '');
  if (challenge.enrolmentSecret) {
    const step = totpStep(challenge.enrolmentSecret, trimmed);
    if (step === undefined) return { ok: false, reason: 'wrong_code' };
    if (!(await consumeChallenge(db, challenge.id))) return { ok: false, reason: 'unknown_challenge' };
    const recoveryCodes = newRecoveryCodes();
    await saveEnrolment(
      db,
      challenge.userId,
      challenge.enrolmentSecret,
      step,
      recoveryCodes.map(hashRecoveryCode),
    );
    return { ok: true, userId: challenge.userId, method: 'totp', recoveryCodes };
  }
  const enrolment = await findEnrolment(db, challenge.userId);
  if (!enrolment) return { ok: false, reason: 'unknown_challenge' };
  if (/^\d{6}$/.test(trimmed)) {
    const step = totpStep(enrolment.secret, trimmed);
    if (step === undefined) return { ok: false, reason: 'wrong_code' };
    if (!(await useTotpStep(db, challenge.userId, step))) return { ok: false, reason: 'reused_code' };
  } else if (!(await useRecoveryCode(db, challenge.userId, hashRecoveryCode(trimmed)))) {
    return { ok: false, reason: 'wrong_code' };
  }
  if (!(await consumeChallenge(db, challenge.id))) return { ok: false, reason: 'unknown_challenge' };
  return { ok: true, userId: challenge.userId, method: /^\d{6}$/.test(trimmed) ? 'totp' : 'recovery' };
}
