import { z } from 'zod/mini';
import { healthSchema, sessionResponseSchema, signOutEverywhereSchema } from '../api';
import { defineRoute } from '../contract';

export const readyResponseSchema = z.object({ ready: z.boolean() });
export const webhookAcceptedSchema = z.object({ received: z.literal(true), duplicate: z.boolean() });

/** Sessions, health and the Assure webhook (signing in is in ./sign-in.ts, which only the sign-in screen loads). */
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
  assureWebhook: defineRoute({
    method: 'POST',
    path: '/api/webhooks/assure',
    policy: 'public', // authenticated by its HMAC signature instead
    summary: "Assure's signed event about a process (HMAC-SHA256 of the body in the signature header)",
    reply: webhookAcceptedSchema,
    status: 202,
  }),
} as const;
