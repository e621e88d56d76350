import { describe, expect, it } from 'vitest';
import { explainProcess } from './index';
import { buildProcess } from './__fixtures__/build';

function webid(status: string, identResponse: unknown, extra: Record<string, unknown> = {}) {
  return buildProcess('webid', status, { identResponse }, { processType: 'videoid', ...extra });
}

const user = {
  firstName: 'Maria Paula',
  lastName: 'Santos Mendes',
  dateOfBirth: '2002-04-29',
  nationality: 'PRT',
};

describe('WebID rule (contract §5.6)', () => {
  it.each([
    ['successful', 'accepted', 'passed', 'documented'],
    ['rejected', 'rejected', 'failed', 'documented'],
    ['mismatch', 'inconclusive', 'failed', 'documented'],
    ['canceled', 'canceled', 'not_available', 'assumed'],
    ['expired', 'failed', 'not_available', 'assumed'],
  ])('identResponse.result %s → %s', (result, expected, checkResult, basis) => {
    const explanation = explainProcess(
      webid(expected, { transactionId: 't-1', result, identMethod: 'videoid', user }),
    );
    expect(explanation.derivedStatus).toBe(expected);
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.rule).toContain(`identResponse.result ${result} → ${expected}`);
    expect(explanation.rule).toContain(basis);
    expect(explanation.checks).toHaveLength(1);
    expect(explanation.checks[0]).toMatchObject({
      name: 'identResponse.result',
      result: checkResult,
      raw: result,
    });
  });

  it('expired → failed with failReason timeout, explained', () => {
    const explanation = explainProcess(webid('failed', { result: 'expired' }));
    expect(explanation.failReason).toMatchObject({ code: 'timeout', known: true, label: 'Timed out' });
  });

  it('keeps the upstream failReason when it differs, with a notice', () => {
    const explanation = explainProcess(
      webid('failed', { result: 'expired' }, { failReason: 'technicalError' }),
    );
    expect(explanation.failReason?.code).toBe('technicalError');
    expect(
      explanation.notices.some(
        (notice) => notice.includes("'technicalError'") && notice.includes("'timeout'"),
      ),
    ).toBe(true);
  });

  it('mismatch on an accepted process disagrees', () => {
    const explanation = explainProcess(webid('accepted', { result: 'mismatch', reason: 'Name differs' }));
    expect(explanation.agreesWithUpstream).toBe(false);
    expect(explanation.disagreement).toContain('disagrees');
    expect(explanation.summary).toContain('Name differs');
  });

  it('canceled on a failed process disagrees', () => {
    const explanation = explainProcess(
      webid('failed', { result: 'canceled' }, { failReason: 'userAborted' }),
    );
    expect(explanation.derivedStatus).toBe('canceled');
    expect(explanation.agreesWithUpstream).toBe(false);
  });

  it('an unknown result is shown raw and not recomputed', () => {
    const explanation = explainProcess(webid('accepted', { result: 'MAYBE' }));
    expect(explanation.derivedStatus).toBe('unknown');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.checks[0].detail).toContain('"MAYBE"');
  });

  it('an identResponse of the wrong type is explained', () => {
    const explanation = explainProcess(webid('accepted', ['successful']));
    expect(explanation.derivedStatus).toBe('unknown');
    expect(explanation.notices.some((notice) => notice.includes('identResponse is not an object'))).toBe(
      true,
    );
  });

  it('mentions payMoneyTransferResponse as raw data', () => {
    const explanation = explainProcess(
      buildProcess('webid', 'accepted', {
        identResponse: { result: 'successful' },
        payMoneyTransferResponse: { status: 'ok' },
      }),
    );
    expect(explanation.derivedStatus).toBe('accepted');
    expect(explanation.notices.some((notice) => notice.includes('payMoneyTransferResponse'))).toBe(true);
  });
});
