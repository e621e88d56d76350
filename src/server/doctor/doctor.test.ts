import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../config';
import { postgresReachable } from '../../../test-support/databases';
import { startTestStack } from '../../../test-support/stack';
import { formatReport, runDoctor } from './doctor';

// `npm run doctor` against the standalone sandbox over HTTP: a clean table when everything answers, the unknown
// fields and statuses listed when the sandbox speaks the vendor's variants, a non-zero exit when something is broken.

type Stack = Awaited<ReturnType<typeof startTestStack>>;

/** Runs the real command (`tsx scripts/doctor.ts`) with an environment, as an operator would. */
function runCli(env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/doctor.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('npm run doctor', () => {
  let stack: Stack;
  let skip = false;
  let config: Config;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (!(await postgresReachable())) return void (skip = true);
    stack = await startTestStack({ db: 'postgres', sandbox: { dossiers: 12 } });
    const served = stack.server.deps.config;
    config = { ...served, demo: false, publicUrl: stack.server.url };
    const assure = served.assure!;
    env = {
      ASSURE_BASE_URL: assure.baseUrl,
      ASSURE_TOKEN_URL: assure.tokenUrl,
      ASSURE_CLIENT_ID: assure.clientId,
      ASSURE_CLIENT_SECRET: assure.clientSecret,
      ASSURE_WEBHOOK_SECRET: assure.webhookSecret!,
      PUBLIC_URL: stack.server.url,
      DATABASE_URL: served.databaseUrl!,
      // Production configuration needs it (identity links); the doctor parses the same environment as the server.
      LINK_KEY: 'doctor-test-link-key-0123456789abcdef',
    };
  });
  afterAll(async () => stack?.close());

  it('prints a clean table against the sandbox: token, dossiers, a process of each provider, a full result, webhooks, database', async (ctx) => {
    if (skip) return ctx.skip();
    const report = await runDoctor(config);
    const text = formatReport(report);
    expect(
      report.rows.filter((r) => r.result !== 'ok'),
      text,
    ).toEqual([]);
    expect(report.broken).toBe(false);
    const checks = report.rows.map((r) => r.check);
    expect(checks).toEqual(
      expect.arrayContaining([
        'configuration',
        'token',
        'list dossiers',
        'full result',
        'webhook secret',
        'webhook URL',
        'database',
      ]),
    );
    expect(checks.filter((c) => c.startsWith('read process ('))).toHaveLength(
      new Set(checks.filter((c) => c.startsWith('read process ('))).size,
    );
    expect(checks.filter((c) => c.startsWith('read process (')).length).toBeGreaterThanOrEqual(3);
    expect(report.rows.find((r) => r.check === 'token')!.detail).toContain(
      'scope signicat-api; lifetime 600 s',
    );
    expect(report.rows.find((r) => r.check === 'full result')!.detail).toMatch(
      /^[\d,]+ bytes \(application\/zip\)/,
    );
    expect(report.unknown).toEqual({ fields: {}, elements: {}, statuses: {}, providers: {} });
    expect(text).toContain('Seen outside the contract: nothing.');
    expect(text).toMatch(/\d+ checks: 0 failed, 0 warnings\./);
  });

  it('writes nothing upstream', async (ctx) => {
    if (skip) return ctx.skip();
    stack.sandbox.control.resetStats();
    await runDoctor(config);
    const { requests } = stack.sandbox.control.stats();
    for (const write of [
      'createDossier',
      'deleteDossier',
      'createProcess',
      'deleteProcess',
      'startCapture',
    ] as const)
      expect(requests[write]).toBe(0);
    expect(requests.getProcess).toBeGreaterThan(0);
    expect(requests.fullresult).toBe(1);
  });

  it('lists the fields, elements and statuses the contract does not know when the sandbox speaks the variants', async (ctx) => {
    if (skip) return ctx.skip();
    stack.sandbox.control.setVariants({
      notMatched: true,
      unknownFields: true,
      explicitNulls: true,
      failReasonObject: true,
    });
    try {
      // A rejected process first in the list, so that `not_matched` is among what the doctor reads.
      const created = stack.sandbox.control.createProcess({
        provider: 'onfido',
        scenario: 'onfido.rejected',
      });
      stack.sandbox.control.advance(created.processId, 'final');
      const report = await runDoctor(config);
      expect(report.unknown.statuses).toHaveProperty('not_matched');
      expect(report.unknown.fields).toHaveProperty('assuranceLevel');
      expect(Object.keys(report.unknown.elements)).toContain('onfido.deviceIntel');
      const text = formatReport(report);
      expect(text).toContain('Seen outside the contract');
      expect(text).toMatch(/statuses: not_matched \(\d+×\)/);
      expect(text).toContain('onfido.deviceIntel');
      // Explicit nulls are absent values, not unknown fields.
      expect(Object.keys(report.unknown.fields).filter((f) => f.endsWith('comment'))).toEqual([]);
      expect(report.broken).toBe(false);
    } finally {
      stack.sandbox.control.resetVariants();
    }
  });

  it('fails with the reason when the full result is not where ASSURE_FULL_RESULT_PATH says', async (ctx) => {
    if (skip) return ctx.skip();
    const report = await runDoctor({
      ...config,
      assure: { ...config.assure!, fullResultPath: '/dossiers/{dossierId}/processes/{processId}/zip' },
    });
    const row = report.rows.find((r) => r.check === 'full result')!;
    expect(row.result).toBe('fail');
    expect(row.detail).toContain('ASSURE_FULL_RESULT_PATH');
    expect(row.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(report.broken).toBe(true);
  });

  it('as a command: exit code 0 with a clean table, 1 when the credentials are refused', async (ctx) => {
    if (skip) return ctx.skip();
    const clean = await runCli(env);
    expect(clean.stdout).toMatch(/^Check\s+Result\s+Detail/m);
    expect(clean.stdout).toMatch(/0 failed/);
    expect(clean.code).toBe(0);
    const broken = await runCli({ ...env, ASSURE_CLIENT_SECRET: 'not-the-secret' });
    expect(broken.stdout).toMatch(/^token\s+FAIL\s+/m);
    expect(broken.stdout).not.toContain('not-the-secret');
    expect(broken.code).toBe(1);
  }, 120_000);
});
