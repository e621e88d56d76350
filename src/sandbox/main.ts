/**
 * `npm run sandbox`: the Assure sandbox as a standalone server (brief §2).
 * Production safety (contract §8): refuses to start when ASSURE_BASE_URL points at a real upstream.
 */
import { startSandbox } from './index';
import { parseVariantsEnv, type Variants } from './variants';

function intFromEnv(
  name: string,
  fallback: number | undefined,
  min: number,
  max: number,
): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`[sandbox] ${name} must be an integer between ${min} and ${max} (got '${raw}').`);
    process.exit(1);
  }
  return value;
}

function boolFromEnv(name: string, fallback: boolean): boolean {
  const raw = process.env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  console.error(`[sandbox] ${name} must be on/off (got '${raw}').`);
  process.exit(1);
}

async function main(): Promise<void> {
  if (process.env.ASSURE_BASE_URL) {
    console.error(
      `[sandbox] ASSURE_BASE_URL is set (${process.env.ASSURE_BASE_URL}): the sandbox never runs when a real upstream is configured. Unset it to run the sandbox.`,
    );
    process.exit(1);
  }
  let variants: Variants;
  try {
    variants = parseVariantsEnv(process.env.SANDBOX_VARIANTS);
  } catch (err) {
    console.error(`[sandbox] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const clientId = process.env.SANDBOX_CLIENT_ID || undefined;
  const clientSecret = process.env.SANDBOX_CLIENT_SECRET || undefined;
  const sandbox = await startSandbox({
    port: intFromEnv('SANDBOX_PORT', 4010, 0, 65535),
    host: process.env.SANDBOX_HOST || undefined,
    seed: process.env.SANDBOX_SEED || undefined,
    dossiers: intFromEnv('SANDBOX_DOSSIERS', undefined, 0, 100_000),
    tokenTtlS: intFromEnv('SANDBOX_TOKEN_TTL_S', 600, 1, 3600),
    webhookUrl: process.env.SANDBOX_WEBHOOK_URL || undefined,
    webhookSecret: process.env.SANDBOX_WEBHOOK_SECRET || undefined,
    live: boolFromEnv('SANDBOX_LIVE', true),
    publicUrl: process.env.SANDBOX_PUBLIC_URL || undefined,
    stateFile: process.env.SANDBOX_STATE_FILE || undefined,
    clientId,
    clientSecret,
    variants,
  });
  console.log(`[sandbox] Assure sandbox listening on ${sandbox.url}`);
  console.log(`[sandbox]   token URL   ${sandbox.url}/auth/open/connect/token`);
  console.log(`[sandbox]   API base    ${sandbox.url}/assure`);
  console.log(`[sandbox]   client id   ${clientId ?? 'sandbox-client'}`);
  console.log(`[sandbox]   secret      ${clientSecret ?? 'sandbox-secret'}`);
  console.log(`[sandbox]   control     ${sandbox.url}/sandbox`);
  const on = Object.entries(variants).filter(([, v]) => v !== false && v !== 'processId');
  if (on.length > 0)
    console.log(
      `[sandbox]   variants    ${on.map(([k, v]) => (v === true ? k : `${k}=${String(v)}`)).join(', ')}`,
    );
  if (process.env.SANDBOX_WEBHOOK_URL)
    console.log(`[sandbox]   webhooks -> ${process.env.SANDBOX_WEBHOOK_URL}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`[sandbox] ${signal}: shutting down`);
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('[sandbox] error while closing', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('[sandbox] failed to start', err);
  process.exit(1);
});
