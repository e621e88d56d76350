import { describe, expect, it } from 'vitest';
import sample from './__fixtures__/readid-session.sample.json';
import { buildProcess, iproov, readIdData } from './explain/__fixtures__/build';
import { readidAccepted, readidAcceptedIproov } from './explain/__fixtures__/seeds';
import { analyseReadIdSession, compareSessionWithProcess, NFC_CHECK_MEANINGS } from './readid-session';

type Session = typeof sample;

function variant(change: (session: Session) => void): Session {
  const session = structuredClone(sample);
  change(session);
  return session;
}

describe('analyseReadIdSession on the sample session.json', () => {
  const analysis = analyseReadIdSession(sample);

  it('implies chipVerification SUCCEEDED and chipCloneDetection SUCCEEDED (EACCA succeeded, AA not present)', () => {
    expect(analysis.impliedChipVerification).toBe('SUCCEEDED');
    expect(analysis.impliedChipCloneDetection).toBe('SUCCEEDED');
    expect(analysis.reported).toEqual({ chipVerification: 'SUCCEEDED', chipCloneDetection: 'SUCCEEDED' });
    expect(analysis.notices).toEqual([]);
  });

  it('lists each verification check with status, reason, meaning and result', () => {
    expect(analysis.verification).toEqual([
      {
        code: 'DS',
        status: 'PRESENT_SUCCEEDED',
        reason: 'SIGNATURE_CHECKED',
        meaning: NFC_CHECK_MEANINGS.DS,
        result: 'passed',
        recognised: true,
      },
      {
        code: 'CS',
        status: 'PRESENT_SUCCEEDED',
        reason: 'FOUND_A_CHAIN_SUCCEEDED',
        meaning: NFC_CHECK_MEANINGS.CS,
        result: 'passed',
        recognised: true,
      },
      {
        code: 'HT',
        status: 'PRESENT_SUCCEEDED',
        reason: 'ALL_HASHES_MATCH',
        meaning: NFC_CHECK_MEANINGS.HT,
        result: 'passed',
        recognised: true,
      },
      {
        code: 'AA',
        status: 'NOT_PRESENT',
        reason: 'NOT_SUPPORTED',
        meaning: NFC_CHECK_MEANINGS.AA,
        result: 'not_available',
        recognised: true,
      },
      {
        code: 'EACCA',
        status: 'PRESENT_SUCCEEDED',
        reason: 'SUCCEEDED',
        meaning: NFC_CHECK_MEANINGS.EACCA,
        result: 'passed',
        recognised: true,
      },
    ]);
    expect(NFC_CHECK_MEANINGS.DS).toBe(
      "Document signer: signature over the chip's data-group hash list is valid.",
    );
  });

  it('lists access control', () => {
    expect(
      analysis.accessControl.map(({ code, status, reason, result }) => ({ code, status, reason, result })),
    ).toEqual([
      { code: 'BAC', status: 'PRESENT_SUCCEEDED', reason: 'SUCCEEDED', result: 'passed' },
      { code: 'PACE', status: 'PRESENT_NOT_PERFORMED', reason: 'PRESENCE_DETECTED', result: 'not_available' },
      { code: 'EACTA', status: 'UNKNOWN', reason: 'UNKNOWN', result: 'unknown' },
    ]);
  });

  it('summarises iProov, device, chip and MRZ type', () => {
    expect(analysis.iProov).toMatchObject({
      attempts: 1,
      finished: true,
      hasError: false,
      passed: true,
      result: 'passed',
    });
    expect(analysis.deviceInfo).toEqual({
      brand: 'ExampleBrand',
      manufacturer: 'ExampleBrand',
      model: 'Phone 9',
      platform: 'android',
      OSVersion: '13',
    });
    expect(analysis.chip).toEqual({ chipRead: true, chipTypes: ['IsoDep', 'NfcB'] });
    expect(analysis.mrzType).toBe('TD3');
  });
});

describe('the §5.1 relationship between nfcSession and the chip values', () => {
  it.each([
    [
      'HT fails',
      (s: Session) => {
        s.nfcSession.verificationStatus.HT = 'PRESENT_FAILED';
      },
      'FAILED',
    ],
    [
      'DS fails',
      (s: Session) => {
        s.nfcSession.verificationStatus.DS = 'PRESENT_FAILED';
      },
      'FAILED',
    ],
    [
      'CS not present',
      (s: Session) => {
        s.nfcSession.verificationStatus.CS = 'NOT_PRESENT';
      },
      'FAILED',
    ],
    [
      'DS reported UNKNOWN (documented value, so "else FAILED")',
      (s: Session) => {
        s.nfcSession.verificationStatus.DS = 'UNKNOWN';
      },
      'FAILED',
    ],
    [
      'DS not recognised',
      (s: Session) => {
        s.nfcSession.verificationStatus.DS = 'MAYBE';
      },
      'UNKNOWN',
    ],
  ])('chipVerification when %s', (_name, change, expected) => {
    expect(analyseReadIdSession(variant(change)).impliedChipVerification).toBe(expected);
  });

  it.each([
    ['AA PRESENT_FAILED, EACCA not present', 'PRESENT_FAILED', 'NOT_PRESENT', 'FAILED'],
    ['EACCA PRESENT_FAILED, AA not present', 'NOT_PRESENT', 'PRESENT_FAILED', 'FAILED'],
    ['both NOT_PRESENT', 'NOT_PRESENT', 'NOT_PRESENT', 'NOT_SUPPORTED'],
    ['AA succeeded', 'PRESENT_SUCCEEDED', 'NOT_PRESENT', 'SUCCEEDED'],
    ['one succeeded wins over a failure', 'PRESENT_FAILED', 'PRESENT_SUCCEEDED', 'SUCCEEDED'],
    ['not performed', 'PRESENT_NOT_PERFORMED', 'NOT_PRESENT', 'UNKNOWN'],
  ])('chipCloneDetection when %s', (_name, aa, eacca, expected) => {
    const session = variant((s) => {
      s.nfcSession.verificationStatus.AA = aa;
      s.nfcSession.verificationStatus.EACCA = eacca;
    });
    expect(analyseReadIdSession(session).impliedChipCloneDetection).toBe(expected);
  });

  it('notes when session.json contradicts itself', () => {
    const session = variant((s) => {
      s.nfcSession.verificationStatus.HT = 'PRESENT_FAILED';
    });
    expect(analyseReadIdSession(session).notices).toContain(
      "session.json's consolidatedIdentityData says chipVerification SUCCEEDED but its nfcSession implies FAILED.",
    );
  });
});

describe('analyseReadIdSession on malformed input', () => {
  it.each([null, 'session', 42, [], {}])('%j: UNKNOWN with a notice, never throws', (input) => {
    const analysis = analyseReadIdSession(input);
    expect(analysis.impliedChipVerification).toBe('UNKNOWN');
    expect(analysis.impliedChipCloneDetection).toBe('UNKNOWN');
    expect(analysis.verification.every((check) => check.result === 'unknown')).toBe(true);
    expect(analysis.notices.length).toBeGreaterThan(0);
  });

  it('shows a non-string status raw', () => {
    const analysis = analyseReadIdSession(
      variant((s) => {
        (s.nfcSession.verificationStatus as Record<string, unknown>).DS = 1;
      }),
    );
    expect(analysis.verification[0]).toMatchObject({
      code: 'DS',
      status: '1',
      result: 'unknown',
      recognised: false,
    });
    expect(analysis.notices).toContain('DS has the value 1, which is not recognised.');
  });
});

describe('compareSessionWithProcess', () => {
  it('agrees with the matching vendor example', () => {
    expect(compareSessionWithProcess(analyseReadIdSession(sample), readidAcceptedIproov)).toEqual([]);
  });

  it('detects a clone detection disagreement', () => {
    const analysis = analyseReadIdSession(
      variant((s) => {
        s.nfcSession.verificationStatus.EACCA = 'NOT_PRESENT';
        s.nfcSession.verificationStatus.AA = 'PRESENT_FAILED';
      }),
    );
    expect(compareSessionWithProcess(analysis, readidAcceptedIproov)).toEqual([
      'session.json implies chipCloneDetection FAILED but the process says SUCCEEDED.',
    ]);
  });

  it('detects a chip verification disagreement in the session layout', () => {
    const analysis = analyseReadIdSession(sample);
    const process = buildProcess('readid', 'rejected', {
      session: readIdData('FAILED', 'SUCCEEDED', iproov()),
    });
    expect(compareSessionWithProcess(analysis, process)).toEqual([
      'session.json implies chipVerification SUCCEEDED but the process says FAILED.',
    ]);
  });

  it('treats NOT_SUPPORTED and NOT_CHECKED as the same "not available"', () => {
    const analysis = analyseReadIdSession(
      variant((s) => {
        s.nfcSession.verificationStatus.EACCA = 'NOT_PRESENT';
      }),
    );
    const process = buildProcess('readid', 'accepted', readIdData('SUCCEEDED', 'NOT_CHECKED', iproov()));
    expect(compareSessionWithProcess(analysis, process)).toEqual([]);
  });

  it('detects iProov differences', () => {
    const analysis = analyseReadIdSession(sample);
    expect(compareSessionWithProcess(analysis, readidAccepted)).toEqual([
      'session.json has an iProov session but the process has none.',
    ]);
    const failed = buildProcess(
      'readid',
      'inconclusive',
      readIdData('SUCCEEDED', 'SUCCEEDED', iproov({ passed: false })),
    );
    expect(compareSessionWithProcess(analysis, failed)).toEqual([
      'session.json says iProov passed true but the process says passed false.',
    ]);
  });

  it('claims nothing it cannot know', () => {
    expect(compareSessionWithProcess(analyseReadIdSession(null), readidAccepted)).toEqual([]);
    expect(compareSessionWithProcess(analyseReadIdSession(sample), null)).toEqual([
      'session.json has an iProov session but the process has none.',
    ]);
  });
});
