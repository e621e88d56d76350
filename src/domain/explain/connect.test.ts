import { describe, expect, it } from 'vitest';
import { explainProcess } from './index';
import { buildProcess } from './__fixtures__/build';

const idtoken = { iss: 'https://login.example', sub: 'abc', idp: 'nbid', acr: 'urn:signicat:substantial' };
const userInfo = {
  name: 'Maria Paula Santos Mendes',
  given_name: 'Maria Paula',
  family_name: 'Santos Mendes',
  birthdate: '2002-04-29',
  nin: '123456789',
};

describe('Connect rule (contract §5.5)', () => {
  it('userInfo without error → accepted', () => {
    const explanation = explainProcess(buildProcess('connect', 'accepted', { idtoken, userInfo }));
    expect(explanation.derivedStatus).toBe('accepted');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.rule).toBe('userInfo without error → accepted (contract §5.5, assumed)');
    expect(Object.fromEntries(explanation.checks.map((check) => [check.name, check.result]))).toEqual({
      userInfo: 'passed',
      error: 'passed',
      idtoken: 'passed',
    });
    expect(explanation.checks.find((check) => check.name === 'idtoken')?.detail).toContain('nbid');
  });

  it.each(['access_denied', 'cancel'])('error.code %s → canceled', (code) => {
    const explanation = explainProcess(
      buildProcess('connect', 'canceled', { error: { code, description: 'User cancelled' } }),
    );
    expect(explanation.derivedStatus).toBe('canceled');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.failReason).toBeUndefined();
  });

  it('access_denied on a failed process disagrees: the rule gives canceled', () => {
    const explanation = explainProcess(
      buildProcess(
        'connect',
        'failed',
        { error: { code: 'access_denied' } },
        { failReason: 'access_denied' },
      ),
    );
    expect(explanation.derivedStatus).toBe('canceled');
    expect(explanation.agreesWithUpstream).toBe(false);
    expect(explanation.disagreement).toBe(
      'Assure says failed, but the documented rule gives canceled: the status disagrees with the checks.',
    );
  });

  it('another error → failed with failReason = error.code, shown verbatim', () => {
    const explanation = explainProcess(
      buildProcess('connect', 'failed', { error: { code: 'server_error', description: 'IdP down' } }),
    );
    expect(explanation.derivedStatus).toBe('failed');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.failReason).toMatchObject({
      code: 'server_error',
      known: false,
      label: 'server_error',
    });
    expect(explanation.failReason?.explanation).toContain('"server_error"');
    expect(explanation.checks.find((check) => check.name === 'error')?.detail).toBe(
      'server_error: IdP down.',
    );
  });

  it('an error wins over userInfo', () => {
    const explanation = explainProcess(
      buildProcess('connect', 'accepted', { userInfo, error: { code: 'server_error' } }),
    );
    expect(explanation.derivedStatus).toBe('failed');
    expect(explanation.agreesWithUpstream).toBe(false);
  });

  it('is never rejected: a rejected upstream with userInfo disagrees', () => {
    const explanation = explainProcess(buildProcess('connect', 'rejected', { userInfo }));
    expect(explanation.derivedStatus).toBe('accepted');
    expect(explanation.agreesWithUpstream).toBe(false);
  });

  it('an error without a code cannot be evaluated', () => {
    const explanation = explainProcess(buildProcess('connect', 'failed', { error: 'boom' }));
    expect(explanation.derivedStatus).toBe('failed');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.checks.find((check) => check.name === 'error')).toMatchObject({
      result: 'unknown',
      raw: 'boom',
    });
  });

  it('pending: waits for the eID login', () => {
    expect(explainProcess(buildProcess('connect', 'pending')).waitingFor).toBe(
      'Waiting for the end-user to log in with their eID.',
    );
  });
});
