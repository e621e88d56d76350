import { z } from 'zod/mini';
import { loginRequestSchema, sessionResponseSchema } from '../api';
import {
  mfaChallengeSchema,
  mfaVerifyRequestSchema,
  mfaVerifyResponseSchema,
  signInOptionsSchema,
} from '../mfa';
import { defineRoute } from '../contract';

export const loginAnswerSchema = z.union([mfaChallengeSchema, sessionResponseSchema]);

/** Signing in: password, second factor and single sign-on (apart from ./session.ts so the shell carries none of it). */
export const SIGN_IN_API = {
  signIn: defineRoute({
    method: 'POST',
    path: '/api/session',
    policy: 'public',
    summary: 'Sign in with username and password; answers a second-factor challenge when one is required',
    body: loginRequestSchema,
    reply: loginAnswerSchema,
  }),
  verifySecondFactor: defineRoute({
    method: 'POST',
    path: '/api/session/mfa',
    policy: 'public', // the pending challenge's token stands in for a session
    summary: 'Answer the second-factor challenge of a sign-in (enrol on first use)',
    body: mfaVerifyRequestSchema,
    reply: mfaVerifyResponseSchema,
  }),
  signInOptions: defineRoute({
    method: 'GET',
    path: '/api/auth/options',
    policy: 'public',
    summary: 'Which ways of signing in are offered',
    reply: signInOptionsSchema,
  }),
  oidcLogin: defineRoute({
    method: 'GET',
    path: '/api/auth/oidc/login',
    policy: 'public',
    summary: 'Start single sign-on at the OpenID provider',
    query: z.object({ next: z.optional(z.string()) }),
    reply: 'redirect',
  }),
  oidcCallback: defineRoute({
    method: 'GET',
    path: '/api/auth/oidc/callback',
    policy: 'public', // authenticated by state, PKCE and the ID token
    summary: "The OpenID provider's redirect back after single sign-on",
    reply: 'redirect',
  }),
} as const;
