/** Options of the sandbox (brief §1), with their defaults. */
import { NO_VARIANTS, type Variants } from './variants';

export interface SandboxOptions {
  /** TCP port; 0 = ephemeral (default). */
  port?: number;
  /** Bind address (default 127.0.0.1). */
  host?: string;
  /** Seed of the generated world (default 'assure-desk'). */
  seed?: string | number;
  /** Number of seeded dossiers, spread over the last 90 days (default 300). */
  dossiers?: number;
  clientId?: string;
  clientSecret?: string;
  /** Access-token lifetime in seconds (contract §2: default 600, 1–3600). */
  tokenTtlS?: number;
  /** Where events are POSTed (contract §6); none by default. */
  webhookUrl?: string;
  /** HMAC key for X-Signicat-Signature; without it events are unsigned. */
  webhookSecret?: string;
  /** New processes keep arriving and move on their own (default true; tests pass false). */
  live?: boolean;
  /** Mean seconds between live arrivals (default 15). */
  arrivalEveryS?: number;
  /** Injectable clock (default Date.now). */
  now?: () => number;
  /** Contract §7: vendor retention, emulator default 30 days; 0 disables. */
  retentionDays?: number;
  /** ReadID element layout (contract §5.1): directly under providerSpecific (default) or in one `session` element. */
  readidLayout?: 'flat' | 'session';
  /** Origin used in capture `url`/`redirectUrl` when the sandbox is reached under another name. */
  publicUrl?: string;
  /** First webhook retry delay in ms, doubled each attempt (default 500). */
  webhookRetryBaseMs?: number;
  /** accountId in event envelopes. */
  accountId?: string;
  /** How often a live sandbox applies due transitions without waiting for a request (default 1000 ms). */
  tickIntervalMs?: number;
  /** Keep the account in this JSON file across restarts (read at start, written every few seconds and at close). */
  stateFile?: string;
  /** Vendor variants to speak from the start (contract §9; see variants.ts). */
  variants?: Partial<Variants>;
}

export type ResolvedOptions = Required<
  Omit<SandboxOptions, 'webhookUrl' | 'webhookSecret' | 'publicUrl' | 'seed' | 'stateFile' | 'variants'>
> & {
  variants: Variants;
  seed: string;
  stateFile?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  publicUrl?: string;
};

export function resolveOptions(opts: SandboxOptions = {}): ResolvedOptions {
  const clientId = opts.clientId ?? 'sandbox-client';
  return {
    port: opts.port ?? 0,
    host: opts.host ?? '127.0.0.1',
    seed: String(opts.seed ?? 'assure-desk'),
    dossiers: Math.max(0, Math.floor(opts.dossiers ?? 300)),
    clientId,
    clientSecret: opts.clientSecret ?? 'sandbox-secret',
    tokenTtlS: Math.min(3600, Math.max(1, Math.floor(opts.tokenTtlS ?? 600))),
    webhookUrl: opts.webhookUrl,
    webhookSecret: opts.webhookSecret,
    live: opts.live ?? true,
    arrivalEveryS: opts.arrivalEveryS ?? 15,
    now: opts.now ?? Date.now,
    retentionDays: opts.retentionDays ?? 30,
    readidLayout: opts.readidLayout ?? 'flat',
    publicUrl: opts.publicUrl,
    webhookRetryBaseMs: opts.webhookRetryBaseMs ?? 500,
    accountId: opts.accountId ?? `a-sandbox-${clientId}`,
    tickIntervalMs: opts.tickIntervalMs ?? 1000,
    stateFile: opts.stateFile,
    variants: { ...NO_VARIANTS, ...opts.variants },
  };
}
