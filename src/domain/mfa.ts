import { z } from 'zod/mini';
import { sessionUserSchema } from './api';

// Second factor and single sign-on (issue #20): the shapes of the sign-in exchange, shared by server and SPA.

/** POST /api/session when the password was right and a second factor is due. */
export const mfaChallengeSchema = z.object({
  mfaRequired: z.literal(true),
  mfaToken: z.string(),
  /** Present when the user must enrol first: the secret as text and as an otpauth:// URL for the QR code. */
  enrolment: z.optional(z.object({ secret: z.string(), otpauthUrl: z.string() })),
});
export type MfaChallenge = z.infer<typeof mfaChallengeSchema>;

/** POST /api/session/mfa: a 6-digit code from the authenticator app, or one of the recovery codes. */
export const mfaVerifyRequestSchema = z.object({
  mfaToken: z.string().check(z.minLength(1, 'mfaToken is required'), z.maxLength(200)),
  code: z.string().check(z.trim(), z.minLength(1, 'Code is required'), z.maxLength(40)),
});

/** Its answer: a session as a password sign-in gives, plus the recovery codes (once) when enrolment completed. */
export const mfaVerifyResponseSchema = z.object({
  user: sessionUserSchema,
  csrfToken: z.string(),
  demo: z.boolean(),
  recoveryCodes: z.optional(z.array(z.string())),
});
export type MfaVerifyResponse = z.infer<typeof mfaVerifyResponseSchema>;

/** How the sign-in page offers single sign-on: the provider's display name, when OIDC is configured. */
export const signInOptionsSchema = z.object({
  oidc: z.nullable(z.object({ name: z.string(), loginUrl: z.string() })),
  /** Local passwords are off (OIDC_ONLY) except for the break-glass account. */
  oidcOnly: z.boolean(),
});
export type SignInOptions = z.infer<typeof signInOptionsSchema>;

export const DEFAULT_MFA_ROLES = ['admin', 'reviewer'] as const;
