import type { Context } from 'hono';
import { API } from '@domain/contracts';
import { DEFAULT_MFA_ROLES } from '@domain/mfa';
import { isRole } from '@domain/policy';
import { audit } from '../audit/audit';
import {
  beginLoginAttempt,
  clearLoginFailures,
  endLoginAttempt,
  failLoginAttempt,
  oneAtATime,
} from '../auth/rate-limit';
import { challengeUser, checkCode, codeLimitKey } from '../auth/second-factor';
import { clientAddress, limitGroup } from '../auth/client-address';
import { issueSession } from '../auth/sign-in';
import { deleteUserSessions } from '../auth/sessions';
import type { Routes } from '../auth/guard';
import type { AppDeps, AppEnv } from '../context';
import {
  mfaRequiredRoles,
  resetSecondFactor,
  setMfaRequiredRoles,
  setStepUpMinutes,
  stepUpMinutes,
} from '../db/mfa';
import { findUserById } from '../db/users';
import { HttpError, notFound } from '../lib/errors';

// Second factor of local accounts (issue #20): completing a sign-in with a code, the per-role setting, the reset.

const WRONG_CODE = () =>
  new HttpError(
    401,
    'invalid_code',
    'That code is not right. Enter the current code from your authenticator app, or a recovery code.',
  );

function sameSite(c: Context<AppEnv>, publicUrl: string | undefined) {
  const origin = c.req.header('origin');
  if (!origin) return true;
  try {
    return new URL(origin).host === (publicUrl ? new URL(publicUrl).host : c.req.header('host'));
  } catch {
    return false;
  }
}

export function mfaRoutes(r: Routes, { database, config }: AppDeps) {
  const db = database.db;

  r.on(API.verifySecondFactor, async (c, { body: { mfaToken, code } }) => {
    if (!sameSite(c, config.publicUrl))
      throw new HttpError(403, 'csrf', 'Sign-in from another site is not allowed.');
    const challenge = await challengeUser(db, mfaToken);
    if (!challenge)
      throw new HttpError(401, 'mfa_expired', 'This sign-in has expired. Sign in with your password again.');
    const user = await findUserById(db, challenge.userId);
    if (!user || !user.active || !isRole(user.role))
      throw new HttpError(401, 'mfa_expired', 'This sign-in has expired. Sign in with your password again.');
    // Wrong codes count like wrong passwords, on a key of their own: a right password does not clear them.
    const key = codeLimitKey(user.username);
    const source = { username: key, address: limitGroup(clientAddress(c, config.trustProxy)) };
    const result = await oneAtATime(key, async () => {
      const { id: attemptId, wait } = await beginLoginAttempt(db, source.username, source.address);
      if (wait > 0) {
        const message =
          wait < 60
            ? `Too many attempts at once. Try again in ${wait} s.`
            : `Too many wrong codes. Try again in ${Math.ceil(wait / 60)} min.`;
        throw new HttpError(429, 'too_many_attempts', message, { 'Retry-After': String(wait) });
      }
      let checked: Awaited<ReturnType<typeof checkCode>>;
      try {
        checked = await checkCode(db, challenge, code);
      } catch (err) {
        await endLoginAttempt(db, attemptId).catch(() => {});
        throw err;
      }
      if (!checked.ok) {
        await failLoginAttempt(db, attemptId);
        await audit(db, {
          actor: user.username,
          action: 'session.mfa_failed',
          requestId: c.get('requestId'),
          details: { reason: checked.reason },
        });
        if (checked.reason === 'reused_code')
          throw new HttpError(
            401,
            'code_reused',
            'That code was used already. Wait for the next code in your authenticator app.',
          );
        throw WRONG_CODE();
      }
      await clearLoginFailures(db, source, attemptId);
      return checked;
    });
    const session = await issueSession(c, db, config, user.id, ['pwd', 'otp']);
    if (result.recoveryCodes) {
      await audit(db, {
        actor: user.username,
        action: 'user.mfa_enrolled',
        target: user.username,
        requestId: c.get('requestId'),
        details: {},
      });
    }
    await audit(db, {
      actor: user.username,
      action: 'session.login',
      requestId: c.get('requestId'),
      details: { amr: ['pwd', 'otp'], method: result.method },
    });
    return {
      user: { username: user.username, role: user.role },
      csrfToken: session.csrfToken,
      demo: config.demo,
      ...(result.recoveryCodes ? { recoveryCodes: result.recoveryCodes } : {}),
    };
  });

  const mfaSettings = async () => ({
    requiredRoles: (await mfaRequiredRoles(db, DEFAULT_MFA_ROLES)).filter(isRole),
    stepUpMinutes: await stepUpMinutes(db),
  });

  r.on(API.secondFactorSettings, mfaSettings);

  r.on(API.updateSecondFactorSettings, async (c, { user: admin, body: input }) => {
    const roles = input.requiredRoles && [...new Set(input.requiredRoles)];
    if (roles) await setMfaRequiredRoles(db, roles);
    if (input.stepUpMinutes !== undefined) await setStepUpMinutes(db, input.stepUpMinutes);
    await audit(db, {
      actor: admin.username,
      action: 'settings.mfa',
      requestId: c.get('requestId'),
      details: { requiredRoles: roles, stepUpMinutes: input.stepUpMinutes },
    });
    return mfaSettings();
  });

  // An admin's reset, for a lost phone: the user's secret and recovery codes go, and their sessions end.
  r.on(API.resetSecondFactor, async (c, { user: admin, params: { userId: id } }) => {
    const target = await findUserById(db, id);
    if (!target) throw notFound('No such user.');
    const removed = await resetSecondFactor(db, id);
    if (target.id !== admin.id) await deleteUserSessions(db, id);
    await audit(db, {
      actor: admin.username,
      action: 'user.mfa_reset',
      target: target.username,
      requestId: c.get('requestId'),
      details: { hadSecondFactor: removed },
    });
    return c.body(null, 204);
  });
}
