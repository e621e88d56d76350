import { z } from 'zod';
import { canonicalTimeZone } from '@domain/time-zone';
import { parseOidcConfig, type OidcConfig } from './auth/oidc-config';

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
  /** The subscription's previous secret, accepted too while a rotation is under way (contract §9). */
  ASSURE_WEBHOOK_SECRET_PREVIOUS: z.string().min(1).optional(),
  /** Full-result path relative to ASSURE_BASE_URL, with {dossierId} and {processId} (contract §9: the vendor may use …/download). */
  ASSURE_FULL_RESULT_PATH: z
    .string()
    .regex(
      /^\/[\w{}./~-]*$/,
      'must be a path starting with / (letters, digits, {dossierId}, {processId}, / . _ - ~)',
    )
    .refine((v) => v.includes('{processId}'), 'must contain {processId}')
    .refine(
      (v) => [...v.matchAll(/\{(\w*)\}/g)].every((m) => m[1] === 'dossierId' || m[1] === 'processId'),
      'only {dossierId} and {processId} may be used',
    )
    .optional(),
  /** OAuth2 scope of the token request (contract §9: older tenants use other scopes). */
  ASSURE_SCOPE: z.string().min(1).max(500).default('signicat-api'),
  ASSURE_SIGNATURE_HEADER: z.string().min(1).default('X-Signicat-Signature'),
  DEMO_USERS: z.enum(['0', '1', 'true', 'false']).optional(),
  /** 1: yes, create the demo users (admin/demo-password …) although a real upstream is configured. */
  DEMO_USERS_ACKNOWLEDGED: z.enum(['0', '1']).optional(),
  FRESHNESS_WINDOW_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  SYNC_INTERVAL_S: z.coerce.number().int().min(2).max(86_400).default(15),
  FULL_SYNC_INTERVAL_S: z.coerce.number().int().min(60).max(604_800).default(3600),
  POLL_NON_FINAL_S: z.coerce.number().int().min(1).max(3600).default(60),
  SESSION_TTL_H: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(12),
  /** A session unused for this long ends (besides SESSION_TTL_H, the absolute lifetime). */
  SESSION_IDLE_MIN: z.coerce
    .number()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** How long failed sign-ins are kept in security_events. */
  SECURITY_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** How often the audit chain is verified and its head written to the log (one instance, under a lease). */
  AUDIT_CHECKPOINT_INTERVAL_S: z.coerce.number().int().min(10).max(86_400).default(3600),
  /** Migrations run through this connection (a role owning the schema); DATABASE_URL is then the app's own role. */
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
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
  /** Time zones (IANA, comma-separated) the outcomes rollups are kept in besides UTC and Europe/Oslo. */
  OUTCOMES_TIME_ZONES: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const zones = v
        .split(',')
        .map((zone) => zone.trim())
        .filter(Boolean);
      for (const zone of zones)
        if (canonicalTimeZone(zone) !== zone)
          ctx.addIssue({
            code: 'custom',
            message: `"${zone.slice(0, 64)}" is not a canonical IANA time zone name`,
          });
      return zones;
    }),
  // Provider-health sentinel (issue #19).
  SENTINEL_WINDOW_MIN: z.coerce.number().int().min(5).max(1440).default(120),
  SENTINEL_BASELINE_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  SENTINEL_MIN_PROCESSES: z.coerce.number().int().min(5).max(100_000).default(20),
  SENTINEL_INTERVAL_S: z.coerce.number().int().min(1).max(3600).default(60),
  // Notifications out: e-mail over SMTP and a signed webhook.
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** implicit: TLS from the first byte (port 465); starttls: upgrade, required (default); off: plain (local relays). */
  SMTP_TLS: z.enum(['implicit', 'starttls', 'off']).default('starttls'),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  NOTIFY_FROM: z.string().min(3).optional(),
  NOTIFY_EMAIL_SENTINEL_ALERT: z.string().optional(),
  NOTIFY_EMAIL_SLA_OVERDUE: z.string().optional(),
  NOTIFY_EMAIL_FOUR_EYES: z.string().optional(),
  /** The overdue-SLA summary goes out at most once per this many minutes while cases are overdue (default daily). */
  NOTIFY_SLA_OVERDUE_PERIOD_MIN: z.coerce.number().int().min(5).max(10_080).default(1440),
  NOTIFY_WEBHOOK_URL: z.url().optional(),
  NOTIFY_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
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
  /** A session unused this long ends (SESSION_IDLE_MIN). */
  sessionIdleMs: number;
  /** The session and device cookies are `__Host-` prefixed and Secure: PUBLIC_URL is https. */
  secureCookies: boolean;
  securityEventsRetentionDays: number;
  auditCheckpointIntervalS: number;
  /** Extra time zones of the outcomes rollups (OUTCOMES_TIME_ZONES). */
  outcomesTimeZones: string[];
  /** Set when migrations run as another (owner) role than the server's (DATABASE_URL). */
  migrationDatabaseUrl?: string;
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
  sentinel: { windowMinutes: number; baselineDays: number; minWindow: number; intervalS: number };
  notifications: NotificationConfig;
  /** OpenID Connect sign-in (OIDC_*, issue #20); undefined when OIDC_ISSUER is unset. */
  oidc?: OidcConfig;
}

/** Events that can be sent out; never with personal data (counts, providers, links into the desk). */
export const NOTIFICATION_EVENTS = ['sentinel.alert', 'sla.overdue', 'review.four_eyes'] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export interface NotificationConfig {
  smtp?: {
    host: string;
    port: number;
    tls: 'implicit' | 'starttls' | 'off';
    user?: string;
    password?: string;
    from: string;
  };
  /** Recipients per event; an event without recipients is not e-mailed. */
  emailTo: Record<NotificationEvent, string[]>;
  webhook?: { url: string; secret: string };
  /** The overdue-SLA summary: at most one per this many minutes. */
  overduePeriodMinutes: number;
}

export interface AssureConfig {
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  webhookSecret?: string;
  /** The previous webhook secret during a rotation: events signed with either are accepted. */
  webhookSecretPrevious?: string;
  signatureHeader: string;
  /** Full-result path template relative to the base URL (default `/dossiers/{dossierId}/processes/{processId}/fullresult`). */
  fullResultPath?: string;
  /** OAuth2 scope (default `signicat-api`). */
  scope?: string;
}

export class ConfigError extends Error {}

/** localhost, 127.0.0.0/8 or ::1: a plain-HTTP upstream there never crosses a network. */
export function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

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
      webhookSecretPrevious: e.ASSURE_WEBHOOK_SECRET_PREVIOUS,
      signatureHeader: e.ASSURE_SIGNATURE_HEADER,
      fullResultPath: e.ASSURE_FULL_RESULT_PATH,
      scope: e.ASSURE_SCOPE,
    };
  }
  const demo = !assure;
  const demoUsersAsked = e.DEMO_USERS === '1' || e.DEMO_USERS === 'true';
  if (assure) {
    const production: string[] = [];
    // Links sent to end-users and the sign-in origin check must not come from a request's Host header.
    if (!e.PUBLIC_URL)
      production.push(
        '  PUBLIC_URL: required when ASSURE_BASE_URL is set (the address users reach Assure Desk at, e.g. https://desk.example.com)',
      );
    if (demoUsersAsked && e.DEMO_USERS_ACKNOWLEDGED !== '1') {
      production.push(
        '  DEMO_USERS: creates admin/demo-password and the other demo users against a real upstream; set DEMO_USERS_ACKNOWLEDGED=1 as well if you mean it',
      );
    }
    const base = new URL(assure.baseUrl);
    if (base.protocol !== 'https:' && !isLoopback(base.hostname)) {
      production.push('  ASSURE_BASE_URL: must be https:// (plain http only to a loopback address)');
    }
    if (production.length) throw new ConfigError(`Invalid configuration:\n${production.join('\n')}`);
  }
  if (!demo && !e.LINK_KEY) {
    throw new ConfigError(
      'Invalid configuration:\n  LINK_KEY: required when ASSURE_BASE_URL is set (at least 32 characters, e.g. openssl rand -base64 32)',
    );
  }
  if (e.LINK_KEY_PREVIOUS && e.LINK_KEY_PREVIOUS === e.LINK_KEY) {
    throw new ConfigError(
      'Invalid configuration:\n  LINK_KEY_PREVIOUS: must differ from LINK_KEY (it is the key being rotated away from)',
    );
  }
  const list = (v: string | undefined) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const problems: string[] = [];
  if (e.SMTP_HOST && !e.NOTIFY_FROM) problems.push('  NOTIFY_FROM: required when SMTP_HOST is set');
  if (e.NOTIFY_WEBHOOK_URL && !e.NOTIFY_WEBHOOK_SECRET)
    problems.push('  NOTIFY_WEBHOOK_SECRET: required when NOTIFY_WEBHOOK_URL is set');
  let oidc: OidcConfig | undefined;
  try {
    oidc = parseOidcConfig(env, e.PUBLIC_URL);
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  const notifications: NotificationConfig = {
    smtp: e.SMTP_HOST
      ? {
          host: e.SMTP_HOST,
          port: e.SMTP_PORT ?? (e.SMTP_TLS === 'implicit' ? 465 : 587),
          tls: e.SMTP_TLS,
          user: e.SMTP_USER,
          password: e.SMTP_PASSWORD,
          from: e.NOTIFY_FROM!,
        }
      : undefined,
    emailTo: {
      'sentinel.alert': list(e.NOTIFY_EMAIL_SENTINEL_ALERT),
      'sla.overdue': list(e.NOTIFY_EMAIL_SLA_OVERDUE),
      'review.four_eyes': list(e.NOTIFY_EMAIL_FOUR_EYES),
    },
    webhook: e.NOTIFY_WEBHOOK_URL
      ? { url: e.NOTIFY_WEBHOOK_URL, secret: e.NOTIFY_WEBHOOK_SECRET! }
      : undefined,
    overduePeriodMinutes: e.NOTIFY_SLA_OVERDUE_PERIOD_MIN,
  };
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    assure,
    demo,
    demoUsers: demo || demoUsersAsked,
    freshnessWindowMs: e.FRESHNESS_WINDOW_MS,
    syncIntervalS: e.SYNC_INTERVAL_S,
    fullSyncIntervalS: e.FULL_SYNC_INTERVAL_S,
    pollNonFinalS: e.POLL_NON_FINAL_S,
    sessionTtlMs: e.SESSION_TTL_H * 3600_000,
    sessionIdleMs: e.SESSION_IDLE_MIN * 60_000,
    secureCookies: e.PUBLIC_URL?.startsWith('https:') ?? false,
    securityEventsRetentionDays: e.SECURITY_EVENTS_RETENTION_DAYS,
    auditCheckpointIntervalS: e.AUDIT_CHECKPOINT_INTERVAL_S,
    outcomesTimeZones: e.OUTCOMES_TIME_ZONES,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
    sessionCacheMs: e.SESSION_CACHE_MS,
    fullResultMaxBytes: Math.round(e.FULL_RESULT_MAX_MB * 1024 * 1024),
    staticDir: e.STATIC_DIR,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    trustProxy: e.TRUST_PROXY === '1',
    linkKey: e.LINK_KEY,
    linkKeyPrevious: e.LINK_KEY_PREVIOUS,
    sentinel: {
      windowMinutes: e.SENTINEL_WINDOW_MIN,
      baselineDays: e.SENTINEL_BASELINE_DAYS,
      minWindow: e.SENTINEL_MIN_PROCESSES,
      intervalS: e.SENTINEL_INTERVAL_S,
    },
    notifications,
    oidc,
  };
}
