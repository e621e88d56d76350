import { describe, expect, it } from 'vitest';
import newer from './__fixtures__/readid-session.newer.json';
import sample from './__fixtures__/readid-session.sample.json';
import { buildProcess, iproov, readIdData } from './explain/__fixtures__/build';
import { readidAccepted, readidAcceptedIproov } from './explain/__fixtures__/seeds';
import {
  analyseReadIdSession,
  compareSessionWithProcess,
  describeDevice,
  NFC_CHECK_MEANINGS,
} from './readid-session';

type Session = typeof sample;

function variant(change: (session: Session) => void): Session {
  const session = structuredClone(sample);
  change(session);
  return session;
}

type Raw = Record<string, unknown>;

/**
 * The sample in the shape real sessions have (contract §9): OCR under vizImages (no top-level ocrSession),
 * sessionType and documentMetadata, `enrolmentImageSource: "Chip"`, verifyToken as a list of objects (two attempts,
 * the second passed), selfieVerificationStatus filled from iProov, and the MRZ on one line.
 */
const newerShape = (): Raw => structuredClone(newer) as Raw;

/** A copy of `base` with `key` set to `value` (undefined removes it). */
function withKey(base: Raw, key: string, value: unknown): Raw {
  const copy = structuredClone(base);
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

/** The matching Get process (iProov passed after two attempts). */
const newerProcess = buildProcess(
  'readid',
  'accepted',
  readIdData('SUCCEEDED', 'SUCCEEDED', iproov({ attempts: 2, passed: true })),
);

describe.each([
  ['the older shape (§5.1 sample)', sample as unknown as Raw, []],
  ['the newer shape (real sessions)', newerShape(), [false, true]],
])('analyseReadIdSession reads %s', (_name, session, verifyTokens) => {
  const analysis = analyseReadIdSession(session);

  it('implies the chip values session.json reports, with nothing to notice', () => {
    expect(analysis.impliedChipVerification).toBe('SUCCEEDED');
    expect(analysis.impliedChipCloneDetection).toBe('SUCCEEDED');
    expect(analysis.reported).toMatchObject({
      chipVerification: 'SUCCEEDED',
      chipCloneDetection: 'SUCCEEDED',
    });
    expect(analysis.sections).toEqual({ nfcSession: 'present', iProovSession: 'present' });
    expect(analysis.notices).toEqual([]);
    expect(analysis.advisory).toEqual([]);
  });

  it('finds the MRZ type wherever the shape keeps it', () => {
    expect(analysis.mrzType).toBe('TD3');
  });

  it('reads each verifyToken as passed, not passed or unknown', () => {
    expect(analysis.iProov?.verifyTokens).toEqual(verifyTokens);
    expect(analysis.iProov?.passed).toBe(true);
  });

  it('agrees with the matching Get process', () => {
    expect(compareSessionWithProcess(analysis, newerProcess)).toEqual({ disagreements: [], advisory: [] });
  });
});

describe('the newer shape', () => {
  const analysis = analyseReadIdSession(newerShape());

  it('reports selfieVerificationStatus with its source, and the session type', () => {
    expect(analysis.reported).toMatchObject({
      selfieVerificationStatus: 'SUCCEEDED',
      selfieVerificationStatusSource: 'VISUAL_AUTOMATIC',
      selfieVerificationStatusSourceName: 'iProov',
    });
    expect(analysis.iProov?.enrolmentImageSource).toBe('Chip');
    expect(analysis.sessionType).toBe('NFC');
  });

  it.each([
    ['older string tokens', ['a1', 'b2'], [undefined, undefined]],
    [
      'objects with string flags',
      [{ verifyTokenPassed: 'false' }, { verifyTokenPassed: 'true' }],
      [false, true],
    ],
    ['an unreadable element', [{ verifyTokenPassed: false }, 7], [false, undefined]],
    ['not a list', 'b2', []],
  ])('verifyToken as %s', (_name, verifyToken, expected) => {
    const session = newerShape();
    (session.iProovSession as Raw).verifyToken = verifyToken;
    expect(analyseReadIdSession(session).iProov?.verifyTokens).toEqual(expected);
  });

  it('takes the MRZ type from another vizImages side when the front has none', () => {
    const session = withKey(newerShape(), 'vizImages', {
      vizFront: { image: null },
      vizBack: { ocrSession: { mrzType: 'TD1' } },
    });
    expect(analyseReadIdSession(session).mrzType).toBe('TD1');
  });

  it('notes, as advisory, a selfieVerificationStatus that differs from the process', () => {
    const session = newerShape();
    (session.consolidatedIdentityData as Raw).selfieVerificationStatus = 'FAILED';
    expect(compareSessionWithProcess(analyseReadIdSession(session), newerProcess)).toEqual({
      disagreements: [],
      advisory: ['session.json says selfieVerificationStatus FAILED; the process says iProov passed true.'],
    });
  });
});

describe("ReadID's internal sections are advisory: absent or unknown is never an inconsistency", () => {
  const unknownStatuses = (base: Raw): Raw => {
    const session = structuredClone(base);
    const nfc = session.nfcSession as { verificationStatus: Raw; accessControlStatus: Raw };
    nfc.verificationStatus.DS = 'MAYBE';
    nfc.verificationStatus.AA = 42;
    nfc.accessControlStatus.PACE = 'PRESENT_SOMEHOW';
    return session;
  };
  it.each([
    ['nfcSession absent', withKey(newerShape(), 'nfcSession', undefined), 'absent', 'present'],
    ['nfcSession null', withKey(newerShape(), 'nfcSession', null), 'absent', 'present'],
    ['nfcSession a string', withKey(newerShape(), 'nfcSession', 'v2'), 'unrecognised', 'present'],
    ['nfcSession empty', withKey(newerShape(), 'nfcSession', {}), 'present', 'present'],
    [
      'nfcSession in a new layout',
      withKey(newerShape(), 'nfcSession', { checks: [{ DS: 'OK' }] }),
      'present',
      'present',
    ],
    ['nfcSession with unknown statuses', unknownStatuses(newerShape()), 'present', 'present'],
    ['iProovSession absent', withKey(newerShape(), 'iProovSession', undefined), 'present', 'absent'],
    ['iProovSession a list', withKey(newerShape(), 'iProovSession', [1]), 'present', 'unrecognised'],
    [
      'iProovSession with unknown values',
      withKey(newerShape(), 'iProovSession', { passed: 'perhaps', attempts: 'two' }),
      'present',
      'present',
    ],
    [
      'both absent (older shape)',
      withKey(withKey(sample as unknown as Raw, 'nfcSession', undefined), 'iProovSession', undefined),
      'absent',
      'absent',
    ],
  ])('%s', (_name, session, nfcState, iProovState) => {
    const analysis = analyseReadIdSession(session);
    expect(analysis.sections).toEqual({ nfcSession: nfcState, iProovSession: iProovState });
    expect(analysis.notices).toEqual([]);
    expect(analysis.advisory).toEqual([]);
    expect(compareSessionWithProcess(analysis, newerProcess)).toEqual({ disagreements: [], advisory: [] });
    // The authoritative values still come through.
    expect(analysis.reported.chipVerification).toBe('SUCCEEDED');
  });

  it('shows unknown statuses as not recognised in the checks', () => {
    const analysis = analyseReadIdSession(unknownStatuses(newerShape()));
    expect(analysis.verification.find((c) => c.code === 'DS')).toMatchObject({
      status: 'MAYBE',
      recognised: false,
      result: 'unknown',
    });
    expect(analysis.verification.find((c) => c.code === 'AA')).toMatchObject({
      status: '42',
      recognised: false,
    });
    expect(analysis.impliedChipVerification).toBe('UNKNOWN');
  });
});

describe('analyseReadIdSession on the sample session.json', () => {
  const analysis = analyseReadIdSession(sample);

  it('implies chipVerification SUCCEEDED and chipCloneDetection SUCCEEDED (EACCA succeeded, AA not present)', () => {
    expect(analysis.impliedChipVerification).toBe('SUCCEEDED');
    expect(analysis.impliedChipCloneDetection).toBe('SUCCEEDED');
    expect(analysis.reported).toEqual({ chipVerification: 'SUCCEEDED', chipCloneDetection: 'SUCCEEDED' });
    expect(analysis.notices).toEqual([]);
    expect(analysis.advisory).toEqual([]);
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

  it('notes, as advisory, when nfcSession implies otherwise than consolidatedIdentityData', () => {
    const session = variant((s) => {
      s.nfcSession.verificationStatus.HT = 'PRESENT_FAILED';
    });
    const analysis = analyseReadIdSession(session);
    expect(analysis.advisory).toEqual([
      "nfcSession implies chipVerification FAILED; session.json's consolidatedIdentityData says SUCCEEDED.",
    ]);
    expect(analysis.notices).toEqual([]);
  });
});

describe('analyseReadIdSession on malformed input', () => {
  it.each([null, 'session', 42, []])('%j: UNKNOWN with a notice, never throws', (input) => {
    const analysis = analyseReadIdSession(input);
    expect(analysis.impliedChipVerification).toBe('UNKNOWN');
    expect(analysis.impliedChipCloneDetection).toBe('UNKNOWN');
    expect(analysis.verification.length).toBeGreaterThan(0);
    expect(analysis.verification.every((check) => check.result === 'unknown')).toBe(true);
    expect(analysis.notices).toEqual([expect.stringMatching(/^session\.json is not an object/)]);
  });

  it('an empty object: UNKNOWN, both internal sections absent, nothing to notice', () => {
    const analysis = analyseReadIdSession({});
    expect(analysis.impliedChipVerification).toBe('UNKNOWN');
    expect(analysis.sections).toEqual({ nfcSession: 'absent', iProovSession: 'absent' });
    expect(analysis.notices).toEqual([]);
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
    expect(analysis.notices).toEqual([]);
  });
});

describe('compareSessionWithProcess', () => {
  it('agrees with the matching vendor example', () => {
    expect(compareSessionWithProcess(analyseReadIdSession(sample), readidAcceptedIproov)).toEqual({
      disagreements: [],
      advisory: [],
    });
  });

  it("disagrees when session.json's own consolidatedIdentityData differs from the process", () => {
    const analysis = analyseReadIdSession(sample);
    const process = buildProcess('readid', 'rejected', {
      session: readIdData('FAILED', 'SUCCEEDED', iproov()),
    });
    expect(compareSessionWithProcess(analysis, process)).toEqual({
      disagreements: ['session.json says chipVerification SUCCEEDED but the process says FAILED.'],
      advisory: [],
    });
  });

  it('only advises when nfcSession alone implies otherwise (consolidatedIdentityData silent)', () => {
    const analysis = analyseReadIdSession(
      variant((s) => {
        s.nfcSession.verificationStatus.EACCA = 'NOT_PRESENT';
        s.nfcSession.verificationStatus.AA = 'PRESENT_FAILED';
        const identity = s.consolidatedIdentityData as Partial<Session['consolidatedIdentityData']>;
        delete identity.chipCloneDetection;
      }),
    );
    expect(compareSessionWithProcess(analysis, readidAcceptedIproov)).toEqual({
      disagreements: [],
      advisory: ['nfcSession implies chipCloneDetection FAILED; the process says SUCCEEDED.'],
    });
  });

  it('treats NOT_SUPPORTED and NOT_CHECKED as the same "not available"', () => {
    const analysis = analyseReadIdSession(
      variant((s) => {
        s.nfcSession.verificationStatus.EACCA = 'NOT_PRESENT';
        s.consolidatedIdentityData.chipCloneDetection = 'NOT_SUPPORTED';
      }),
    );
    const process = buildProcess('readid', 'accepted', readIdData('SUCCEEDED', 'NOT_CHECKED', iproov()));
    expect(compareSessionWithProcess(analysis, process)).toEqual({ disagreements: [], advisory: [] });
  });

  it('advises on iProov differences, never on a missing iProovSession', () => {
    const analysis = analyseReadIdSession(sample);
    expect(compareSessionWithProcess(analysis, readidAccepted).advisory).toEqual([
      'iProovSession in session.json says iProov ran; the process has no iProov session.',
    ]);
    const failed = buildProcess(
      'readid',
      'inconclusive',
      readIdData('SUCCEEDED', 'SUCCEEDED', iproov({ passed: false })),
    );
    expect(compareSessionWithProcess(analysis, failed)).toEqual({
      disagreements: [],
      advisory: ['iProovSession says passed true; the process says passed false.'],
    });
    const withoutIproov = analyseReadIdSession(withKey(sample as unknown as Raw, 'iProovSession', undefined));
    expect(compareSessionWithProcess(withoutIproov, failed)).toEqual({ disagreements: [], advisory: [] });
  });

  it('claims nothing it cannot know', () => {
    expect(compareSessionWithProcess(analyseReadIdSession(null), readidAccepted)).toEqual({
      disagreements: [],
      advisory: [],
    });
    expect(compareSessionWithProcess(analyseReadIdSession(sample), null)).toEqual({
      disagreements: [],
      advisory: [],
    });
  });
});

describe('describeDevice', () => {
  it.each([
    ['the sample session', analyseReadIdSession(sample).deviceInfo, 'ExampleBrand Phone 9, Android 13'],
    [
      'an iPhone',
      { brand: 'Apple', manufacturer: 'Apple', model: 'iPhone', platform: 'ios', OSVersion: '17.4' },
      'Apple iPhone, iOS 17.4',
    ],
    [
      'a model that names its maker',
      { brand: 'Google', model: 'Google Pixel 8', platform: 'android', OSVersion: '14' },
      'Google Pixel 8, Android 14',
    ],
    [
      'no brand: the manufacturer',
      { manufacturer: 'Nordlys Mobile', model: 'NL-5 Pro' },
      'Nordlys Mobile NL-5 Pro',
    ],
    [
      'an unknown platform as given',
      { model: 'X1', platform: 'harmonyos', OSVersion: '4' },
      'X1, harmonyos 4',
    ],
    [
      'control characters and long values',
      { brand: 'Evil\u0000\u001b[31m\nCo', model: 'M'.repeat(500) },
      `Evil [31m Co ${'M'.repeat(60)}`,
    ],
    ['nothing it knows', { brand: '  ', model: '' }, undefined],
    ['no deviceInfo', undefined, undefined],
  ])('%s', (_name, info, expected) => {
    expect(describeDevice(info)).toBe(expected);
  });

  it('reads only strings: numbers, objects and arrays in deviceInfo say nothing', () => {
    const hostile = withKey(newerShape(), 'deviceInfo', {
      brand: 7,
      model: { name: 'x' },
      platform: ['ios'],
      OSVersion: '13',
    });
    expect(describeDevice(analyseReadIdSession(hostile).deviceInfo)).toBe('13');
  });
});
