import { describe, expect, it } from 'vitest';
import { explainProcess } from './index';
import type { CheckResult, Explanation } from './types';
import { buildProcess, iproov, readIdData } from './__fixtures__/build';
import {
  readidAccepted,
  readidAcceptedIproov,
  readidInconclusive,
  readidInconclusiveIproov,
  readidRejected,
} from './__fixtures__/seeds';

function results(explanation: Explanation): Record<string, CheckResult> {
  return Object.fromEntries(explanation.checks.map((check) => [check.name, check.result]));
}

describe('ReadID vendor examples (seed 000)', () => {
  it.each([
    ['accepted', readidAccepted, { chipVerification: 'passed', chipCloneDetection: 'passed' }],
    ['inconclusive', readidInconclusive, { chipVerification: 'passed', chipCloneDetection: 'failed' }],
    ['rejected', readidRejected, { chipVerification: 'failed', chipCloneDetection: 'passed' }],
    [
      'accepted (iProov)',
      readidAcceptedIproov,
      { chipVerification: 'passed', chipCloneDetection: 'passed', iproovLiveness: 'passed' },
    ],
    [
      'inconclusive (iProov)',
      readidInconclusiveIproov,
      { chipVerification: 'passed', chipCloneDetection: 'passed', iproovLiveness: 'failed' },
    ],
  ] as const)('%s: derives the example status and agrees with it', (_name, example, checks) => {
    const explanation = explainProcess(example);
    expect(explanation.derivedStatus).toBe(example.status);
    expect(explanation.upstreamStatus).toBe(example.status);
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.disagreement).toBeUndefined();
    expect(results(explanation)).toEqual(checks);
    expect(explanation.rule).toContain('§5.1');
    expect(explanation.notices).toEqual([]);
  });

  it('states the documented rule line and the retry advice for clone detection failures', () => {
    const explanation = explainProcess(readidInconclusive);
    expect(explanation.rule).toBe(
      'chipVerification SUCCEEDED and chipCloneDetection FAILED → inconclusive (contract §5.1, documented)',
    );
    expect(explanation.summary).toBe(
      'Chip verified, but clone detection failed — the chip may not be genuine. The provider advises letting the end-user retry once or twice.',
    );
  });

  it('names the number of iProov attempts when liveness did not pass', () => {
    const explanation = explainProcess(readidInconclusiveIproov);
    expect(explanation.summary).toBe(
      'Chip verified, but the iProov liveness check did not pass after 3 attempts — the person in front of the camera may not be the document holder.',
    );
    expect(explanation.rule).toContain('iProov passed:false → inconclusive (contract §5.1, documented)');
    const check = explanation.checks.find((candidate) => candidate.name === 'iproovLiveness');
    expect(check?.detail).toContain('3 attempts');
    expect(check?.raw).toEqual(readidInconclusiveIproov.providerSpecific.iproovSession);
  });
});

describe('ReadID rule table (contract §5.1, first match wins)', () => {
  it.each([
    // [chipVerification, chipCloneDetection, iProov, expected, basis]
    ['FAILED', 'SUCCEEDED', undefined, 'rejected', 'documented'],
    ['FAILED', 'FAILED', iproov({ passed: false }), 'rejected', 'documented'],
    ['FAILED', 'NOT_SUPPORTED', iproov(), 'rejected', 'documented'],
    ['SUCCEEDED', 'FAILED', undefined, 'inconclusive', 'documented'],
    ['SUCCEEDED', 'FAILED', iproov(), 'inconclusive', 'documented'],
    ['SUCCEEDED', 'SUCCEEDED', iproov({ passed: false }), 'inconclusive', 'documented'],
    ['SUCCEEDED', 'NOT_SUPPORTED', iproov({ passed: false }), 'inconclusive', 'documented'],
    ['SUCCEEDED', 'SUCCEEDED', iproov({ hasError: true }), 'inconclusive', 'assumed'],
    ['SUCCEEDED', 'NOT_CHECKED', iproov({ finished: false }), 'inconclusive', 'assumed'],
    ['SUCCEEDED', 'SUCCEEDED', undefined, 'accepted', 'documented'],
    ['SUCCEEDED', 'NOT_SUPPORTED', undefined, 'accepted', 'documented'],
    ['SUCCEEDED', 'NOT_CHECKED', iproov(), 'accepted', 'documented'],
    [
      'SUCCEEDED',
      'SUCCEEDED',
      iproov({ passed: 'true', hasError: 'false', finished: 'true' }),
      'accepted',
      'documented',
    ],
    ['NOT_SUPPORTED', 'SUCCEEDED', iproov(), 'inconclusive', 'assumed'],
    ['NOT_CHECKED', 'FAILED', undefined, 'inconclusive', 'assumed'],
  ] as const)(
    '%s / %s / iProov %j → %s (%s)',
    (chipVerification, chipCloneDetection, session, expected, basis) => {
      const agreeing = explainProcess(
        buildProcess('readid', expected, readIdData(chipVerification, chipCloneDetection, session)),
      );
      expect(agreeing.derivedStatus).toBe(expected);
      expect(agreeing.agreesWithUpstream).toBe(true);
      expect(agreeing.rule).toContain(`→ ${expected} (contract §5.1, ${basis})`);

      const other = expected === 'accepted' ? 'rejected' : 'accepted';
      const disagreeing = explainProcess(
        buildProcess('readid', other, readIdData(chipVerification, chipCloneDetection, session)),
      );
      expect(disagreeing.derivedStatus).toBe(expected);
      expect(disagreeing.agreesWithUpstream).toBe(false);
      expect(disagreeing.disagreement).toBe(
        `Assure says ${other}, but the documented rule gives ${expected}: the status disagrees with the checks.`,
      );
    },
  );

  it('iProov never causes rejected', () => {
    const explanation = explainProcess(
      buildProcess(
        'readid',
        'inconclusive',
        readIdData('SUCCEEDED', 'SUCCEEDED', iproov({ passed: false, attempts: 5 })),
      ),
    );
    expect(explanation.derivedStatus).toBe('inconclusive');
  });

  it('flags an accepted process whose clone detection failed as a disagreement', () => {
    const explanation = explainProcess(buildProcess('readid', 'accepted', readIdData('SUCCEEDED', 'FAILED')));
    expect(explanation.agreesWithUpstream).toBe(false);
    expect(explanation.derivedStatus).toBe('inconclusive');
    expect(explanation.disagreement).toContain('disagrees');
    expect(explanation.disagreement).toContain('Assure says accepted');
  });

  it('reports a chip that does not support clone detection as not available', () => {
    const explanation = explainProcess(
      buildProcess('readid', 'accepted', readIdData('SUCCEEDED', 'NOT_SUPPORTED')),
    );
    expect(results(explanation)).toEqual({ chipVerification: 'passed', chipCloneDetection: 'not_available' });
    expect(explanation.summary).toContain('not available');
  });
});

describe('ReadID layouts (contract §5.1 [A])', () => {
  it('reads the elements inside one session element', () => {
    const process = buildProcess('readid', 'inconclusive', { session: readIdData('SUCCEEDED', 'FAILED') });
    const explanation = explainProcess(process);
    expect(explanation.derivedStatus).toBe('inconclusive');
    expect(results(explanation)).toEqual({ chipVerification: 'passed', chipCloneDetection: 'failed' });
  });

  it('accepts the iProovSession spelling, directly and inside session', () => {
    const chip = readIdData('SUCCEEDED', 'SUCCEEDED');
    const direct = explainProcess(
      buildProcess('readid', 'inconclusive', { ...chip, iProovSession: iproov({ passed: false }) }),
    );
    const nested = explainProcess(
      buildProcess('readid', 'inconclusive', {
        session: { ...chip, iProovSession: iproov({ passed: false }) },
      }),
    );
    for (const explanation of [direct, nested]) {
      expect(explanation.derivedStatus).toBe('inconclusive');
      expect(results(explanation).iproovLiveness).toBe('failed');
    }
  });

  it('has no iproovLiveness check without an iProov session', () => {
    expect(explainProcess(readidAccepted).checks.map((check) => check.name)).toEqual([
      'chipVerification',
      'chipCloneDetection',
    ]);
  });
});

describe('ReadID malformed data', () => {
  it.each([
    ['a number', 42, '42'],
    ['an unknown enum value', 'MAYBE', '"MAYBE"'],
    ['an object', { value: 'SUCCEEDED' }, '{"value":"SUCCEEDED"}'],
  ])(
    'chipVerification as %s: check unknown with the raw value, status not recomputed',
    (_name, value, shown) => {
      const explanation = explainProcess(buildProcess('readid', 'accepted', readIdData(value, 'SUCCEEDED')));
      const check = explanation.checks.find((candidate) => candidate.name === 'chipVerification');
      expect(check).toMatchObject({ result: 'unknown', raw: value });
      expect(check?.detail).toContain(shown);
      expect(explanation.derivedStatus).toBe('unknown');
      expect(explanation.agreesWithUpstream).toBe(true);
      expect(explanation.disagreement).toBeUndefined();
      expect(explanation.rule).toContain('cannot be evaluated');
      expect(explanation.notices.join(' ')).toContain(shown);
    },
  );

  it('still applies row 1 when clone detection is unreadable: chipVerification FAILED → rejected', () => {
    const explanation = explainProcess(buildProcess('readid', 'rejected', readIdData('FAILED', 42)));
    expect(explanation.derivedStatus).toBe('rejected');
  });

  it('cannot decide with an unreadable clone detection after a successful chip verification', () => {
    const explanation = explainProcess(buildProcess('readid', 'accepted', readIdData('SUCCEEDED', 'MAYBE')));
    expect(explanation.derivedStatus).toBe('unknown');
    expect(explanation.checks[1]).toMatchObject({
      name: 'chipCloneDetection',
      result: 'unknown',
      raw: 'MAYBE',
    });
  });

  it('treats an iProov session that is not an object as unknown', () => {
    const explanation = explainProcess(
      buildProcess('readid', 'accepted', { ...readIdData('SUCCEEDED', 'SUCCEEDED'), iproovSession: 'yes' }),
    );
    expect(results(explanation).iproovLiveness).toBe('unknown');
    expect(explanation.derivedStatus).toBe('unknown');
  });

  it('explains a consolidatedIdentityData that is not an object', () => {
    const explanation = explainProcess(
      buildProcess('readid', 'accepted', { consolidatedIdentityData: 'oops' }),
    );
    expect(explanation.derivedStatus).toBe('unknown');
    expect(
      explanation.notices.some((notice) => notice.includes('consolidatedIdentityData is not an object')),
    ).toBe(true);
  });

  it('explains an accepted process without providerSpecific', () => {
    const explanation = explainProcess(buildProcess('readid', 'accepted'));
    expect(explanation.derivedStatus).toBe('unknown');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.rule).toBe(
      'The ReadID rule (contract §5.1) cannot be evaluated: the process carries no providerSpecific data.',
    );
    expect(explanation.notices.some((notice) => notice.includes('sent no providerSpecific data'))).toBe(true);
    expect(explanation.checks.map((check) => check.result)).toEqual(['unknown', 'unknown']);
  });
});

describe('ReadID before and after the result', () => {
  it('says what a pending process waits for', () => {
    const explanation = explainProcess(buildProcess('readid', 'pending'));
    expect(explanation).toMatchObject({
      derivedStatus: 'pending',
      agreesWithUpstream: true,
      waitingFor: 'Waiting for the end-user to scan the document chip in the ReadID app.',
    });
  });

  it('explains failed with chipReadFailed', () => {
    const explanation = explainProcess(
      buildProcess('readid', 'failed', undefined, { failReason: 'chipReadFailed' }),
    );
    expect(explanation.derivedStatus).toBe('failed');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.failReason).toMatchObject({ code: 'chipReadFailed', known: true });
    expect(explanation.summary).toContain('NFC');
  });

  it('mentions chip data that would give a result on a failed process, without overriding the final status', () => {
    const explanation = explainProcess(
      buildProcess('readid', 'failed', readIdData('SUCCEEDED', 'SUCCEEDED'), { failReason: 'timeout' }),
    );
    expect(explanation.derivedStatus).toBe('failed');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.notices.some((notice) => notice.includes('would give accepted'))).toBe(true);
  });
});
