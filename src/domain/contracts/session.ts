import { z } from 'zod/mini';
import { healthSchema, loginRequestSchema, sessionResponseSchema, signOutEverywhereSchema } from '../api';
import {
  mfaChallengeSchema,
  mfaVerifyRequestSchema,
  mfaVerifyResponseSchema,
  signInOptionsSchema,
} from '../mfa';
import { defineRoute } from '../contract';

export const readyResponseSchema = z.object({ ready: z.boolean() });
export const loginAnswerSchema = z.union([mfaChallengeSchema, sessionResponseSchema]);
export const webhookAcceptedSchema = z.object({ received: z.literal(true), duplicate: z.boolean() });

/** Sign-in, sessions, health and the Assure webhook. */
export const SESSION_API = {
  health: defineRoute({
    method: 'GET',
    path: '/api/health',
    policy: 'public',
    summary: 'Liveness with the state of the database and of Assure',
    reply: healthSchema,
  }),
  ready: defineRoute({
    method: 'GET',
    path: '/api/ready',
    policy: 'public',
    summary: 'Readiness for the load balancer (503 while not ready)',
    reply: readyResponseSchema,
  }),
  session: defineRoute({
    method: 'GET',
    path: '/api/session',
    policy: 'public',
    summary: 'The signed-in user, if any, and the CSRF token',
    reply: sessionResponseSchema,
  }),
  signIn: defineRoute({
    method: 'POST',
    path: '/api/session',
    policy: 'public',
    summary: 'Sign in with username and password; answers a second-factor challenge when one is required',
    body: loginRequestSchema,
    reply: loginAnswerSchema,
  }),
  signOut: defineRoute({
    method: 'DELETE',
    path: '/api/session',
    policy: 'session',
    summary: 'Sign out of this browser',
    reply: 'empty',
  }),
  signOutEverywhere: defineRoute({
    method: 'POST',
    path: '/api/session/sign-out-everywhere',
    policy: 'session',
    summary: 'End every session of the signed-in user (other browsers and devices too)',
    reply: signOutEverywhereSchema,
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
  assureWebhook: defineRoute({
    method: 'POST',
    path: '/api/webhooks/assure',
    policy: 'public', // authenticated by its HMAC signature instead
    summary: "Assure's signed event about a process (HMAC-SHA256 of the body in the signature header)",
    reply: webhookAcceptedSchema,
    status: 202,
  }),
} as const;
