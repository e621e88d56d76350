import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../config';
import { roleFromGroups } from './oidc';

const BASE = {
  PUBLIC_URL: 'https://desk.example.test',
  OIDC_ISSUER: 'https://login.example.test/realms/kyc',
  OIDC_CLIENT_ID: 'assure-desk',
  OIDC_CLIENT_SECRET: 'secret',
  OIDC_ROLE_MAP: 'kyc-reviewers=reviewer,kyc-ops=operator,kyc-leads=manager,kyc-admins=admin',
};

describe('OIDC configuration', () => {
  it('parses the variables, with groups as the default role claim', () => {
    const { oidc } = parseConfig(BASE);
    expect(oidc).toMatchObject({
      issuer: BASE.OIDC_ISSUER,
      clientId: 'assure-desk',
      roleClaim: 'groups',
      roleMap: {
        'kyc-reviewers': 'reviewer',
        'kyc-ops': 'operator',
        'kyc-leads': 'manager',
        'kyc-admins': 'admin',
      },
      only: false,
    });
    expect(parseConfig({}).oidc).toBeUndefined();
    expect(
      parseConfig({ ...BASE, OIDC_ROLE_CLAIM: 'roles', OIDC_ONLY: '1', OIDC_BREAK_GLASS_USER: 'breakglass' })
        .oidc,
    ).toMatchObject({
      roleClaim: 'roles',
      only: true,
      breakGlassUser: 'breakglass',
    });
  });

  it('accepts an http:// issuer only on a loopback address', () => {
    expect(parseConfig({ ...BASE, OIDC_ISSUER: 'http://127.0.0.1:9000' }).oidc?.issuer).toBe(
      'http://127.0.0.1:9000',
    );
    expect(parseConfig({ ...BASE, OIDC_ISSUER: 'http://localhost:9000/realms/x' }).oidc).toBeDefined();
    expect(() => parseConfig({ ...BASE, OIDC_ISSUER: 'http://login.example.test' })).toThrow(
      /OIDC_ISSUER: must be https:\/\//,
    );
  });

  it('names every missing or wrong variable', () => {
    const err = (() => {
      try {
        parseConfig({ OIDC_ISSUER: 'https://login.example.test', OIDC_ROLE_MAP: 'kyc=boss' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL', 'OIDC_ROLE_MAP: "kyc=boss"'])
      expect(err?.message).toContain(name);
    expect(() => parseConfig({ OIDC_ONLY: '1' })).toThrow(/OIDC_ONLY: needs OIDC_ISSUER/);
  });

  it('maps groups to the highest role among them', () => {
    const map = parseConfig(BASE).oidc!.roleMap;
    expect(roleFromGroups(['kyc-reviewers'], map)).toBe('reviewer');
    expect(roleFromGroups(['kyc-reviewers', 'kyc-admins'], map)).toBe('admin');
    expect(roleFromGroups(['kyc-ops', 'kyc-leads', 'staff'], map)).toBe('manager');
    expect(roleFromGroups(['staff'], map)).toBeUndefined();
    expect(roleFromGroups([], map)).toBeUndefined();
  });
});
