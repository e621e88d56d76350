import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';
import { startServer } from './server';
import { captureLog } from '../../test-support/test-server';

const upstream = {
  ASSURE_BASE_URL: 'https://api.example.test/assure',
  ASSURE_CLIENT_ID: 'id',
  ASSURE_CLIENT_SECRET: 'secret',
  // Production needs the link-index key too (linked identities), and the address users reach it at.
  LINK_KEY: 'a-test-link-key-of-at-least-32-characters',
  PUBLIC_URL: 'https://desk.example.test',
};

describe('production mode (ASSURE_BASE_URL set)', () => {
  it('refuses to start without PUBLIC_URL, naming the variable; demo mode does without it', () => {
    const { PUBLIC_URL: _omitted, ...withoutPublicUrl } = upstream;
    expect(() => parseConfig(withoutPublicUrl)).toThrow(ConfigError);
    expect(() => parseConfig(withoutPublicUrl)).toThrow(/PUBLIC_URL: required when ASSURE_BASE_URL is set/);
    expect(() => parseConfig({ ...withoutPublicUrl, PUBLIC_URL: '' })).toThrow(/PUBLIC_URL/);
    expect(parseConfig({}).publicUrl).toBeUndefined();
    expect(parseConfig(upstream).publicUrl).toBe('https://desk.example.test');
  });

  it('refuses DEMO_USERS=1 with a real upstream unless DEMO_USERS_ACKNOWLEDGED=1', () => {
    for (const value of ['1', 'true']) {
      expect(() => parseConfig({ ...upstream, DEMO_USERS: value })).toThrow(/DEMO_USERS_ACKNOWLEDGED=1/);
      expect(() => parseConfig({ ...upstream, DEMO_USERS: value, DEMO_USERS_ACKNOWLEDGED: '0' })).toThrow(
        ConfigError,
      );
    }
    expect(parseConfig({ ...upstream, DEMO_USERS: '1', DEMO_USERS_ACKNOWLEDGED: '1' }).demoUsers).toBe(true);
    expect(parseConfig({ ...upstream, DEMO_USERS: '0' }).demoUsers).toBe(false);
    expect(parseConfig({ DEMO_USERS: '1' }).demoUsers).toBe(true); // demo mode: no acknowledgement needed
  });

  it.each([
    ['http://api.example.test/assure', false],
    ['http://10.0.0.5:8080/assure', false],
    ['http://127.0.0.1:4010/assure', true],
    ['http://localhost:4010/assure', true],
    ['http://[::1]:4010/assure', true],
    ['https://api.example.test/assure', true],
  ])('an upstream at %s is accepted: %s (plain HTTP only to loopback)', (url, accepted) => {
    const parse = () => parseConfig({ ...upstream, ASSURE_BASE_URL: url });
    if (accepted) expect(parse().assure?.baseUrl).toBe(url);
    else expect(parse).toThrow(/ASSURE_BASE_URL: must be https:\/\//);
  });

  it('has a 30-minute idle timeout by default, set with SESSION_IDLE_MIN, and a 90-day security-event retention', () => {
    expect(parseConfig({}).sessionIdleMs).toBe(30 * 60_000);
    expect(parseConfig({ SESSION_IDLE_MIN: '15' }).sessionIdleMs).toBe(15 * 60_000);
    expect(() => parseConfig({ SESSION_IDLE_MIN: '0' })).toThrow(/SESSION_IDLE_MIN/);
    expect(parseConfig({}).securityEventsRetentionDays).toBe(90);
    expect(parseConfig({ SECURITY_EVENTS_RETENTION_DAYS: '30' }).securityEventsRetentionDays).toBe(30);
  });

  it('warns at every start while demo users can sign in against a real upstream', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'assure-desk-demo-users-'));
    const start = async (env: Record<string, string>) => {
      const logged = captureLog();
      const config = parseConfig({
        ...upstream,
        ASSURE_BASE_URL: 'http://127.0.0.1:9/assure',
        PORT: '0',
        DATA_DIR: dataDir,
        STATIC_DIR: './public',
        ...env,
      });
      const server = await startServer(
        { ...config, assure: config.assure! },
        { log: logged.log, startSync: false },
      );
      await server.close();
      return logged.lines.filter((l) => /demo users/.test(l));
    };
    try {
      const first = await start({ DEMO_USERS: '1', DEMO_USERS_ACKNOWLEDGED: '1' });
      expect(first).toHaveLength(1);
      expect(JSON.parse(first[0]!)).toMatchObject({
        level: 'warn',
        usernames: expect.arrayContaining(['admin']),
      });
      expect(first[0]).not.toContain('demo-password');
      // DEMO_USERS removed, the users still there with the demo password: still said.
      expect(await start({})).toHaveLength(1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('upstream configuration for a real tenant (contract §9)', () => {
  it('takes a full-result path template, a previous webhook secret and a scope', () => {
    const config = parseConfig({
      ...upstream,
      ASSURE_FULL_RESULT_PATH: '/dossiers/{dossierId}/processes/{processId}/download',
      ASSURE_WEBHOOK_SECRET: 'new',
      ASSURE_WEBHOOK_SECRET_PREVIOUS: 'old',
      ASSURE_SCOPE: 'client.assure.api client.capture.api',
    });
    expect(config.assure).toMatchObject({
      fullResultPath: '/dossiers/{dossierId}/processes/{processId}/download',
      webhookSecret: 'new',
      webhookSecretPrevious: 'old',
      scope: 'client.assure.api client.capture.api',
    });
    expect(parseConfig(upstream).assure).toMatchObject({ fullResultPath: undefined, scope: 'signicat-api' });
  });

  it.each([
    ['without {processId}', '/dossiers/{dossierId}/download'],
    ['with an unknown placeholder', '/dossiers/{dossier}/processes/{processId}/download'],
    ['not a path', 'https://elsewhere.test/{processId}'],
  ])('refuses a full-result path %s, naming the variable', (_name, value) => {
    expect(() => parseConfig({ ...upstream, ASSURE_FULL_RESULT_PATH: value })).toThrow(ConfigError);
    expect(() => parseConfig({ ...upstream, ASSURE_FULL_RESULT_PATH: value })).toThrow(
      /ASSURE_FULL_RESULT_PATH/,
    );
  });
});
