import { z } from 'zod';

// The environment, parsed once. A bad value stops start-up with a message naming the variable.
const optionalUrl = z.url().optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  ASSURE_BASE_URL: optionalUrl,
  ASSURE_TOKEN_URL: optionalUrl,
  ASSURE_CLIENT_ID: z.string().min(1).optional(),
  ASSURE_CLIENT_SECRET: z.string().min(1).optional(),
  ASSURE_WEBHOOK_SECRET: z.string().min(1).optional(),
  ASSURE_SIGNATURE_HEADER: z.string().min(1).default('X-Signicat-Signature'),
  DEMO_USERS: z.enum(['0', '1', 'true', 'false']).optional(),
  FRESHNESS_WINDOW_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  SYNC_INTERVAL_S: z.coerce.number().int().min(2).max(86_400).default(15),
  FULL_SYNC_INTERVAL_S: z.coerce.number().int().min(60).max(604_800).default(3600),
  POLL_NON_FINAL_S: z.coerce.number().int().min(1).max(3600).default(60),
  SESSION_TTL_H: z.coerce.number().min(0.01).max(24 * 30).default(12),
  /** How long one instance may reuse a session lookup; bounds how long a revocation made elsewhere takes. */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(10_000).default(2000),
  FULL_RESULT_MAX_MB: z.coerce.number().min(1).max(2048).default(50),
  STATIC_DIR: z.string().min(1).default('./dist'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** The address users reach Assure Desk at, e.g. https://desk.example.com (behind a proxy or load balancer). */
  PUBLIC_URL: z.url().optional(),
  /** 1: take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** Secret of the link index's keyed hashes (HMAC-SHA-256); at least 32 characters, e.g. `openssl rand -base64 32`. */
  LINK_KEY: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  /** The LINK_KEY in use until now, set once with a new LINK_KEY to rotate: the index is re-keyed in the background. */
  LINK_KEY_PREVIOUS: z.string().min(32, 'must be at least 32 characters').optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  /** Unset means demo mode: the launcher starts the built-in sandbox and fills this in. */
  assure?: AssureConfig;
  demo: boolean;
  demoUsers: boolean;
  freshnessWindowMs: number;
  syncIntervalS: number;
  fullSyncIntervalS: number;
  pollNonFinalS: number;
  sessionTtlMs: number;
  /** Per-instance reuse of a session lookup, in ms (SESSION_CACHE_MS); 0 = off. */
  sessionCacheMs: number;
  fullResultMaxBytes: number;
  staticDir: string;
  logLevel: Env['LOG_LEVEL'];
  publicUrl?: string;
  trustProxy: boolean;
  /** Unset in demo mode only: a key is then generated into DATA_DIR (`link-key`). */
  linkKey?: string;
  linkKeyPrevious?: string;
}

export interface AssureConfig {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  webhookSecret?: string;
  signatureHeader: string;
}

export class ConfigError extends Error {}

export function parseConfig(source: Record<string, string | undefined>): Config {
  // Empty strings count as unset, as they do in most shells' `VAR= cmd`.
  const env = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let assure: AssureConfig | undefined;
  if (e.ASSURE_BASE_URL) {
    const base = e.ASSURE_BASE_URL.replace(/\/+$/, '');
    const missing = (['ASSURE_CLIENT_ID', 'ASSURE_CLIENT_SECRET'] as const).filter((k) => !e[k]);
    if (missing.length) {
      throw new ConfigError(
        `Invalid configuration:\n${missing.map((k) => `  ${k}: required when ASSURE_BASE_URL is set`).join('\n')}`,
      );
    }
    assure = {
      baseUrl: base,
      // Signicat serves the token endpoint beside the API: https://host/assure → https://host/auth/open/connect/token.
      tokenUrl: e.ASSURE_TOKEN_URL ?? new URL('/auth/open/connect/token', base).toString(),
      clientId: e.ASSURE_CLIENT_ID!,
      clientSecret: e.ASSURE_CLIENT_SECRET!,
      webhookSecret: e.ASSURE_WEBHOOK_SECRET,
      signatureHeader: e.ASSURE_SIGNATURE_HEADER,
    };
  }
  const demo = !assure;
  if (!demo && !e.LINK_KEY) {
    throw new ConfigError('Invalid configuration:\n  LINK_KEY: required when ASSURE_BASE_URL is set (at least 32 characters, e.g. openssl rand -base64 32)');
  }
  if (e.LINK_KEY_PREVIOUS && e.LINK_KEY_PREVIOUS === e.LINK_KEY) {
    throw new ConfigError('Invalid configuration:\n  LINK_KEY_PREVIOUS: must differ from LINK_KEY (it is the key being rotated away from)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    assure,
    demo,
    demoUsers: demo || e.DEMO_USERS === '1' || e.DEMO_USERS === 'true',
    freshnessWindowMs: e.FRESHNESS_WINDOW_MS,
    syncIntervalS: e.SYNC_INTERVAL_S,
    fullSyncIntervalS: e.FULL_SYNC_INTERVAL_S,
    pollNonFinalS: e.POLL_NON_FINAL_S,
    sessionTtlMs: e.SESSION_TTL_H * 3600_000,
    sessionCacheMs: e.SESSION_CACHE_MS,
    fullResultMaxBytes: Math.round(e.FULL_RESULT_MAX_MB * 1024 * 1024),
    staticDir: e.STATIC_DIR,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    trustProxy: e.TRUST_PROXY === '1',
    linkKey: e.LINK_KEY,
    linkKeyPrevious: e.LINK_KEY_PREVIOUS,
  };
}
