import { describe, expect, it } from 'vitest';
import { KNOWN_FAIL_REASONS } from '../fail-reasons';
import { STATUSES } from '../status';
import { explainProcess } from './index';
import { buildProcess, iproov, readIdData } from './__fixtures__/build';

describe('explainProcess on input that is not a Get process response', () => {
  it.each([
    ['null', null],
    ['a string', 'accepted'],
    ['a number', 42],
    ['an array', [{ status: 'accepted' }]],
    ['an empty object', {}],
    ['no processId', { provider: 'readid', status: 'accepted' }],
    ['a numeric status', { processId: 'p', provider: 'readid', status: 3 }],
  ])('%s: unknown, no claimed disagreement, a notice says why', (_name, input) => {
    const explanation = explainProcess(input);
    expect(explanation.derivedStatus).toBe('unknown');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.checks).toEqual([]);
    expect(explanation.notices.length).toBeGreaterThan(0);
  });

  it('keeps a readable upstream status even when the rest is invalid', () => {
    expect(explainProcess({ provider: 'readid', status: 'accepted' }).upstreamStatus).toBe('accepted');
    expect(explainProcess(null).upstreamStatus).toBe('');
  });

  it('drops an optional field of the wrong type and explains the rest', () => {
    const explanation = explainProcess(
      buildProcess('readid', 'failed', undefined, { providerSpecific: 'oops', failReason: 'timeout' }),
    );
    expect(explanation.derivedStatus).toBe('failed');
    expect(explanation.failReason?.code).toBe('timeout');
    expect(explanation.notices).toContain('providerSpecific has the wrong type ("oops"); it was ignored.');
  });

  it('a providerSpecific array on an accepted process: not recomputed, explained', () => {
    const explanation = explainProcess(
      buildProcess('readid', 'accepted', undefined, { providerSpecific: [1, 2] }),
    );
    expect(explanation.derivedStatus).toBe('unknown');
    expect(
      explanation.notices.some((notice) => notice.startsWith('providerSpecific has the wrong type')),
    ).toBe(true);
    expect(explanation.notices.some((notice) => notice.includes('sent no providerSpecific data'))).toBe(true);
  });
});

describe('unknown providers and statuses', () => {
  it('shows an unknown provider raw and does not claim a disagreement', () => {
    const explanation = explainProcess(buildProcess('foo', 'accepted', { score: 7, verdict: { ok: true } }));
    expect(explanation.derivedStatus).toBe('unknown');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.notices).toContain("Provider 'foo' is not recognised; showing raw data.");
    expect(explanation.rule).toBe("No rule is known for provider 'foo' (contract §5).");
    expect(explanation.checks).toEqual([
      { name: 'score', label: 'score', result: 'unknown', detail: 'Not recognised: 7.', raw: 7 },
      {
        name: 'verdict',
        label: 'verdict',
        result: 'unknown',
        detail: 'Not recognised: {"ok":true}.',
        raw: { ok: true },
      },
    ]);
  });

  it('an unknown provider that is pending still says what it waits for', () => {
    const explanation = explainProcess(buildProcess('foo', 'pending'));
    expect(explanation).toMatchObject({ derivedStatus: 'pending', agreesWithUpstream: true });
    expect(explanation.waitingFor).toBe('Waiting for the end-user to start the verification.');
  });

  it('an unknown provider that failed follows upstream', () => {
    const explanation = explainProcess(buildProcess('foo', 'failed', undefined, { failReason: 'timeout' }));
    expect(explanation.derivedStatus).toBe('failed');
    expect(explanation.failReason?.known).toBe(true);
  });

  it('an unrecognised upstream status is shown as received, without a disagreement', () => {
    const explanation = explainProcess(
      buildProcess('readid', 'on_hold', readIdData('SUCCEEDED', 'SUCCEEDED')),
    );
    expect(explanation.upstreamStatus).toBe('on_hold');
    expect(explanation.derivedStatus).toBe('accepted');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.notices).toContain("Status 'on_hold' is not recognised; it is shown as received.");
  });
});

describe('not final (contract §1)', () => {
  it.each([
    ['readid', 'pending', 'Waiting for the end-user to scan the document chip in the ReadID app.'],
    ['onfido', 'processing', 'Onfido is checking the document and the face match.'],
    ['foo', 'processing', 'The provider is verifying the data.'],
  ])('%s %s: derived = upstream, waiting for something', (provider, status, waitingFor) => {
    const explanation = explainProcess(buildProcess(provider, status));
    expect(explanation).toMatchObject({
      derivedStatus: status,
      upstreamStatus: status,
      agreesWithUpstream: true,
      waitingFor,
    });
    expect(explanation.summary).toBe(waitingFor);
  });

  it('shows the partial data gathered so far without judging it', () => {
    const explanation = explainProcess(
      buildProcess('readid', 'processing', readIdData('SUCCEEDED', 'FAILED')),
    );
    expect(explanation.derivedStatus).toBe('processing');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.checks.map((check) => check.result)).toEqual(['passed', 'failed']);
  });
});

describe('failed and canceled (contract §1, §4)', () => {
  it.each(Object.keys(KNOWN_FAIL_REASONS))('failReason %s is explained with a friendly label', (code) => {
    const explanation = explainProcess(buildProcess('onfido', 'failed', undefined, { failReason: code }));
    expect(explanation.derivedStatus).toBe('failed');
    expect(explanation.agreesWithUpstream).toBe(true);
    expect(explanation.failReason).toMatchObject({ code, known: true });
    expect(explanation.failReason?.label).not.toBe(code);
    expect(explanation.summary).toContain(explanation.failReason?.label);
  });

  it('an unknown failReason is shown verbatim', () => {
    const explanation = explainProcess(
      buildProcess('eid', 'failed', undefined, { failReason: 'SESSION_LOST_42' }),
    );
    expect(explanation.failReason).toEqual({
      code: 'SESSION_LOST_42',
      known: false,
      label: 'SESSION_LOST_42',
      explanation:
        'The provider gave the reason "SESSION_LOST_42", which Assure Desk does not recognise; it is shown as received.',
    });
    expect(explanation.summary).toContain('SESSION_LOST_42');
  });

  it('a failed process without failReason says so', () => {
    const explanation = explainProcess(buildProcess('signicatpaper', 'failed'));
    expect(explanation.failReason).toBeUndefined();
    expect(explanation.summary).toContain('failReason is missing');
  });

  it('canceled follows upstream', () => {
    const explanation = explainProcess(buildProcess('onfido', 'canceled'));
    expect(explanation).toMatchObject({ derivedStatus: 'canceled', agreesWithUpstream: true });
    expect(explanation.summary).toBe('The end-user canceled the verification, so there is no result.');
  });

  it('notes a failReason or finalResult that the status should not carry', () => {
    const explanation = explainProcess(
      buildProcess('readid', 'inconclusive', readIdData('SUCCEEDED', 'FAILED'), {
        failReason: 'timeout',
        finalResult: { firstName: 'X' },
      }),
    );
    expect(explanation.failReason).toBeUndefined();
    expect(explanation.notices.some((notice) => notice.startsWith("failReason 'timeout' is present"))).toBe(
      true,
    );
    expect(explanation.notices.some((notice) => notice.startsWith('A finalResult is present'))).toBe(true);
  });
});

describe('checks a process has not run', () => {
  it.each(['pending', 'canceled', 'failed'])(
    'reads "not performed" for a %s Signicat Paper process, not "failed"',
    (status) => {
      const explanation = explainProcess({
        processId: 'p',
        provider: 'signicatpaper',
        status,
        providerSpecific: { verification: { type: 'MRZ_FEATURE_COMPARISON' } },
      });
      const mrz = explanation.checks.find((c) => c.name === 'mrz');
      expect(mrz?.result).toBe('not_performed');
      expect(explanation.checks.filter((c) => c.result === 'failed')).toEqual([]);
    },
  );
});

describe('never throws, and its answers stay consistent', () => {
  const weird: unknown[] = [null, 42, 'MAYBE', true, [], {}, { status: 'MAYBE', result: 7 }, [{ name: 1 }]];
  const elements: Record<string, string[]> = {
    readid: ['consolidatedIdentityData', 'documentContent', 'iproovSession', 'iProovSession', 'session'],
    onfido: ['facialSimilarity', 'documentVerification'],
    eid: ['ocr', 'manualApproval'],
    signicatpaper: [
      'verification',
      'features',
      'mrz',
      'mrzChecksum',
      'mrzVerification',
      'mrzFeatureMatching',
    ],
    connect: ['idtoken', 'userInfo', 'error'],
    webid: ['identResponse', 'payMoneyTransferResponse'],
    foo: ['anything'],
  };
  const derivable = new Set<string>([...STATUSES, 'unknown']);

  it('for every provider, element, odd value and status', () => {
    let count = 0;
    for (const [provider, keys] of Object.entries(elements)) {
      for (const key of keys) {
        for (const value of weird) {
          for (const status of [...STATUSES, 'MAYBE']) {
            const explanation = explainProcess(
              buildProcess(provider, status, { [key]: value }, { processType: 'attended' }),
            );
            count += 1;
            expect(derivable.has(explanation.derivedStatus)).toBe(true);
            expect(explanation.upstreamStatus).toBe(status);
            if (!explanation.agreesWithUpstream) expect(explanation.disagreement).toContain('disagrees');
            if (explanation.derivedStatus === 'unknown') expect(explanation.agreesWithUpstream).toBe(true);
            for (const check of explanation.checks) {
              expect(['passed', 'failed', 'consider', 'not_available', 'not_performed', 'unknown']).toContain(
                check.result,
              );
              expect(check.detail.length).toBeGreaterThan(0);
            }
          }
        }
      }
    }
    expect(count).toBeGreaterThan(1000);
  });

  it('the ReadID session layout with odd iProov values', () => {
    for (const value of weird) {
      const process = buildProcess('readid', 'accepted', {
        session: { ...readIdData('SUCCEEDED', 'SUCCEEDED'), iproovSession: value },
      });
      expect(() => explainProcess(process)).not.toThrow();
    }
    const partial = buildProcess(
      'readid',
      'accepted',
      readIdData('SUCCEEDED', 'SUCCEEDED', iproov({ passed: 'maybe' })),
    );
    expect(explainProcess(partial).derivedStatus).toBe('unknown');
  });
});
