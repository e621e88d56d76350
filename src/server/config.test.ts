import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

const upstream = {
  ASSURE_BASE_URL: 'https://api.example.test/assure',
  ASSURE_CLIENT_ID: 'id',
  ASSURE_CLIENT_SECRET: 'secret',
  // Production needs the link-index key too (linked identities).
  LINK_KEY: 'a-test-link-key-of-at-least-32-characters',
};

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
    expect(() => parseConfig({ ...upstream, ASSURE_FULL_RESULT_PATH: value })).toThrow(/ASSURE_FULL_RESULT_PATH/);
  });
});
