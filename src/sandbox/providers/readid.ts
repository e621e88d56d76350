/**
 * ReadID (`readid`, processType `ready`), contract §5.1: NFC chip reading with optional iProov.
 * The scenario decides the raw nfcSession statuses (DS/CS/HT/AA/EACCA) and the iProov session; chipVerification and
 * chipCloneDetection are DERIVED from them ("Relationship"), and the status is derived from those by the rule table.
 */
import { isoMillis } from '../clock';
import { documentCodeFor, mrzLines, mrzType, yymmdd } from '../mrz';
import { toMrzName } from '../people';
import type { Rng } from '../prng';
import type { Abort, Depiction, Derived, Json, JsonObject, Person } from '../types';
import {
  abortFor,
  abortedRun,
  unknownScenario,
  type GenContext,
  type ProviderModule,
  type ProviderRun,
  type Stage,
} from './types';

/** Contract §5.1 nfcSession values. */
export type NfcValue =
  'PRESENT_SUCCEEDED' | 'PRESENT_FAILED' | 'PRESENT_NOT_PERFORMED' | 'NOT_PRESENT' | 'UNKNOWN';
export type ChipResult = 'SUCCEEDED' | 'FAILED' | 'NOT_SUPPORTED' | 'NOT_CHECKED';

export interface VerificationStatus {
  DS: NfcValue;
  DSReason: string;
  CS: NfcValue;
  CSReason: string;
  HT: NfcValue;
  HTReason: string;
  AA: NfcValue;
  AAReason: string;
  EACCA: NfcValue;
  EACCAReason: string;
}

export interface AccessControlStatus {
  BAC: NfcValue;
  BACReason: string;
  PACE: NfcValue;
  PACEReason: string;
  EACTA: NfcValue;
  EACTAReason: string;
}

export interface IproovChecks {
  attempts: number;
  finished: boolean;
  hasError: boolean;
  /** Absent when the session errored before a verdict. */
  passed?: boolean;
  assuranceType: 'GENUINE_PRESENCE' | 'LIVENESS';
}

export interface ReadIdChecks {
  chipRead: boolean;
  access: AccessControlStatus;
  verification: VerificationStatus;
  iproov?: IproovChecks;
  abort?: Abort;
}

// ---- Contract §5.1 "Relationship" -------------------------------------------------------------------------

/** chipVerification is passive authentication: SUCCEEDED iff DS, CS and HT succeeded, else FAILED. */
export function chipVerificationOf(v: VerificationStatus): ChipResult {
  return v.DS === 'PRESENT_SUCCEEDED' && v.CS === 'PRESENT_SUCCEEDED' && v.HT === 'PRESENT_SUCCEEDED'
    ? 'SUCCEEDED'
    : 'FAILED';
}

/** chipCloneDetection: SUCCEEDED if AA or EACCA succeeded, FAILED if a present one failed, NOT_SUPPORTED if both absent. */
export function chipCloneDetectionOf(v: VerificationStatus): ChipResult {
  if (v.AA === 'PRESENT_SUCCEEDED' || v.EACCA === 'PRESENT_SUCCEEDED') return 'SUCCEEDED';
  if (v.AA === 'PRESENT_FAILED' || v.EACCA === 'PRESENT_FAILED') return 'FAILED';
  if (v.AA === 'NOT_PRESENT' && v.EACCA === 'NOT_PRESENT') return 'NOT_SUPPORTED';
  return 'NOT_CHECKED';
}

// ---- Contract §5.1 status rule table (first match wins) ---------------------------------------------------

const available = (r: ChipResult): boolean => r === 'SUCCEEDED' || r === 'FAILED';

export function readIdStatus(
  chipVerification: ChipResult,
  chipCloneDetection: ChipResult,
  iproov?: IproovChecks,
): Derived {
  if (chipVerification === 'FAILED') return { status: 'rejected' }; // [D]
  if (!available(chipVerification)) return { status: 'inconclusive' }; // n/a → inconclusive [A]
  if (chipCloneDetection === 'FAILED') return { status: 'inconclusive' }; // [D] allow 1–2 retries
  if (iproov && iproov.passed === false) return { status: 'inconclusive' }; // [D]
  if (iproov && (iproov.hasError || !iproov.finished)) return { status: 'inconclusive' }; // [A]
  if (iproov && iproov.passed !== true) return { status: 'inconclusive' }; // no verdict at all [A]
  return { status: 'accepted' }; // [D] iProov absent or passed; iProov never causes rejected
}

export function deriveReadId(checks: ReadIdChecks): Derived {
  if (checks.abort) return checks.abort;
  if (!checks.chipRead) return { status: 'failed', failReason: 'chipReadFailed' }; // [A] no chip read at all
  return readIdStatus(
    chipVerificationOf(checks.verification),
    chipCloneDetectionOf(checks.verification),
    checks.iproov,
  );
}

// ---- Scenario → checks -------------------------------------------------------------------------------------

const OK = {
  DS: ['PRESENT_SUCCEEDED', 'SIGNATURE_CHECKED'],
  CS: ['PRESENT_SUCCEEDED', 'FOUND_A_CHAIN_SUCCEEDED'],
  HT: ['PRESENT_SUCCEEDED', 'ALL_HASHES_MATCH'],
  AA: ['PRESENT_SUCCEEDED', 'SUCCEEDED'],
  EACCA: ['PRESENT_SUCCEEDED', 'SUCCEEDED'],
} as const;

function verification(
  rng: Rng,
  clone: 'ok' | 'failed' | 'absent',
  passive: 'ok' | 'failed',
): VerificationStatus {
  const v: VerificationStatus = {
    DS: OK.DS[0],
    DSReason: OK.DS[1],
    CS: OK.CS[0],
    CSReason: OK.CS[1],
    HT: OK.HT[0],
    HTReason: OK.HT[1],
    AA: 'NOT_PRESENT',
    AAReason: 'NOT_SUPPORTED',
    EACCA: 'NOT_PRESENT',
    EACCAReason: 'NOT_SUPPORTED',
  };
  if (passive === 'failed') {
    const which = rng.pick(['DS', 'CS', 'HT'] as const);
    if (which === 'DS') Object.assign(v, { DS: 'PRESENT_FAILED', DSReason: 'SIGNATURE_FAILURE' });
    if (which === 'CS') Object.assign(v, { CS: 'PRESENT_FAILED', CSReason: 'COULD_NOT_BUILD_CHAIN_FAILURE' });
    if (which === 'HT') Object.assign(v, { HT: 'PRESENT_FAILED', HTReason: 'HASH_MISMATCH' });
  }
  if (clone === 'ok') {
    const mode = rng.pick(['AA', 'EACCA', 'both'] as const);
    if (mode !== 'EACCA') Object.assign(v, { AA: OK.AA[0], AAReason: OK.AA[1] });
    if (mode !== 'AA') Object.assign(v, { EACCA: OK.EACCA[0], EACCAReason: OK.EACCA[1] });
  } else if (clone === 'failed') {
    if (rng.bool()) Object.assign(v, { AA: 'PRESENT_FAILED', AAReason: 'SIGNATURE_FAILURE' });
    else Object.assign(v, { EACCA: 'PRESENT_FAILED', EACCAReason: 'FAILED' });
  }
  return v;
}

function access(rng: Rng, chipRead: boolean): AccessControlStatus {
  if (!chipRead) {
    return {
      BAC: 'PRESENT_FAILED',
      BACReason: 'FAILED',
      PACE: 'PRESENT_FAILED',
      PACEReason: 'FAILED',
      EACTA: 'UNKNOWN',
      EACTAReason: 'UNKNOWN',
    };
  }
  const pace = rng.bool(0.6);
  return {
    BAC: pace ? 'PRESENT_NOT_PERFORMED' : 'PRESENT_SUCCEEDED',
    BACReason: pace ? 'PRESENCE_DETECTED' : 'SUCCEEDED',
    PACE: pace ? 'PRESENT_SUCCEEDED' : 'PRESENT_NOT_PERFORMED',
    PACEReason: pace ? 'SUCCEEDED' : 'PRESENCE_DETECTED',
    EACTA: 'UNKNOWN',
    EACTAReason: 'UNKNOWN',
  };
}

const UNREAD: VerificationStatus = {
  DS: 'UNKNOWN',
  DSReason: 'UNKNOWN',
  CS: 'UNKNOWN',
  CSReason: 'UNKNOWN',
  HT: 'UNKNOWN',
  HTReason: 'UNKNOWN',
  AA: 'UNKNOWN',
  AAReason: 'UNKNOWN',
  EACCA: 'UNKNOWN',
  EACCAReason: 'UNKNOWN',
};

function iproovPassed(rng: Rng): IproovChecks {
  return {
    attempts: rng.weighted([
      { value: 1, weight: 8 },
      { value: 2, weight: 2 },
    ]),
    finished: true,
    hasError: false,
    passed: true,
    assuranceType: 'GENUINE_PRESENCE',
  };
}

export function readIdChecks(scenario: string, rng: Rng): ReadIdChecks {
  const ok = (iproov?: IproovChecks, clone: 'ok' | 'failed' | 'absent' = 'ok'): ReadIdChecks => ({
    chipRead: true,
    access: access(rng, true),
    verification: verification(rng, clone, 'ok'),
    iproov,
  });
  switch (scenario) {
    case 'readid.accepted':
    case 'readid.sessionLayout':
      return ok();
    case 'readid.acceptedIproov':
      return ok(iproovPassed(rng));
    case 'readid.cloneNotSupported':
      return ok(undefined, 'absent');
    case 'readid.cloneFailed':
    case 'readid.disagree':
      return ok(undefined, 'failed');
    case 'readid.iproovFailed':
      return ok({
        attempts: 3,
        finished: true,
        hasError: false,
        passed: false,
        assuranceType: 'GENUINE_PRESENCE',
      });
    case 'readid.iproovError':
      return ok({ attempts: 1, finished: false, hasError: true, assuranceType: 'GENUINE_PRESENCE' });
    case 'readid.chipFailed':
      return { chipRead: true, access: access(rng, true), verification: verification(rng, 'ok', 'failed') };
    case 'readid.chipReadFailed':
      return { chipRead: false, access: access(rng, false), verification: UNREAD };
    default: {
      const abort = abortFor(scenario);
      if (!abort) throw unknownScenario('readid', scenario);
      return { chipRead: false, access: access(rng, false), verification: UNREAD, abort };
    }
  }
}

// ---- Rendering ---------------------------------------------------------------------------------------------

/** ReadID delivers names in upper case (contract §4 "Names"). */
const upper = (s: string): string => s.toLocaleUpperCase('en');

function readIdDocumentType(person: Person): Person['documentType'] {
  return person.documentType === 'driversLicense' ? 'passport' : person.documentType;
}

function identity(person: Person): Record<string, string> {
  return {
    dateOfBirth: person.dateOfBirth,
    dateOfExpiry: person.dateOfExpiry,
    documentNumber: person.documentNumber,
    issuingCountry: person.issuingCountry,
    personalIdentificationNumber: person.personalNumber,
    firstName: upper(person.firstName),
    lastName: upper(person.lastName),
    gender: person.gender,
    nationality: person.nationality,
  };
}

const RAW_GENDER = { F: 'FEMALE', M: 'MALE', X: 'UNSPECIFIED' } as const;

function readIdRun(ctx: GenContext, checks: ReadIdChecks): ProviderRun {
  const person: Person = { ...ctx.person, documentType: readIdDocumentType(ctx.person) };
  const placeOfBirth = ctx.rng.bool(0.5) ? person.placeOfBirth : '';
  const chipVerification = chipVerificationOf(checks.verification);
  const chipCloneDetection = chipCloneDetectionOf(checks.verification);
  const documentCode = documentCodeFor(person);
  const sessionId = ctx.rng.uuid();
  const device = ctx.rng.pick([
    {
      brand: 'ExampleBrand',
      manufacturer: 'ExampleBrand',
      model: 'Phone 9',
      OSVersion: '13',
      platform: 'android',
    },
    {
      brand: 'Nordlys',
      manufacturer: 'Nordlys Mobile',
      model: 'NL-5 Pro',
      OSVersion: '14',
      platform: 'android',
    },
    { brand: 'Apple', manufacturer: 'Apple', model: 'iPhone', OSVersion: '17.4', platform: 'ios' },
  ]);
  const nfcType = ctx.rng.pick(['NfcA', 'NfcB']);
  const verifyTokens = Array.from({ length: checks.iproov?.attempts ?? 0 }, () => ctx.rng.hex(40));

  const consolidatedIdentityData = (): JsonObject => {
    const id = identity(person);
    return {
      chipVerification,
      chipCloneDetection,
      dateOfBirth: id.dateOfBirth,
      dateOfExpiry: id.dateOfExpiry,
      documentCode,
      documentNumber: id.documentNumber,
      documentType: person.documentType,
      gender: id.gender,
      issuingCountry: id.issuingCountry,
      nationality: id.nationality,
      personalIdentificationNumber: id.personalIdentificationNumber,
      firstName: id.firstName,
      lastName: id.lastName,
    };
  };

  const documentContent = (): JsonObject => {
    const id = identity(person);
    return {
      dateOfBirth: id.dateOfBirth,
      dateOfExpiry: id.dateOfExpiry,
      documentNumber: id.documentNumber,
      issuingCountry: id.issuingCountry,
      personalIdentificationNumber: id.personalIdentificationNumber,
      firstName: id.firstName,
      lastName: id.lastName,
      gender: id.gender,
      mrzFirstName: toMrzName(person.firstName),
      mrzLastName: toMrzName(person.lastName),
      nationality: id.nationality,
      placeOfBirth,
    };
  };

  /** Get process spelling of the iProov element (contract §5.1, key `iproovSession` as in the vendor example). */
  const iproovSession = (i: IproovChecks): JsonObject => {
    const out: JsonObject = {
      attempts: i.attempts,
      enrollmentImageSource: 'Chip',
      finished: i.finished,
      hasError: i.hasError,
    };
    if (i.passed !== undefined) out.passed = i.passed;
    out.iProovAssuranceType = i.assuranceType;
    return out;
  };

  const wrap = (elements: JsonObject): JsonObject =>
    ctx.layout === 'session' ? { session: elements } : elements;

  const mrz = mrzLines(person);
  const createdMs = ctx.createdAtMs + ctx.rng.int(30, 120) * 1000;

  /** ReadID's own raw session document, modelled on fixtures/readid-session.sample.json (contract §5.1). */
  const sessionJson = (): JsonObject => {
    const src = (
      value: Json,
      source: string | null = 'CHIP',
      sourceName: string | null = 'ReadID NFC',
    ): [Json, Json, Json] => [value, source, sourceName];
    const fields: Record<string, [Json, Json, Json]> = {
      chipCloneDetection: src(chipCloneDetection),
      chipVerification: src(chipVerification),
      dateOfBirth: src(yymmdd(person.dateOfBirth)),
      dateOfExpiry: src(yymmdd(person.dateOfExpiry)),
      documentCode: src(documentCode),
      documentNumber: src(person.documentNumber),
      documentType: src(documentCode),
      gender: src(RAW_GENDER[person.gender]),
      issuingCountry: src(person.issuingCountry),
      nameOfHolder: src(`${upper(person.lastName)}, ${upper(person.firstName)}`),
      nationality: src(person.nationality),
      personalNumber: src(person.personalNumber),
      placeOfBirth: placeOfBirth ? src(upper(placeOfBirth)) : src(null, null, null),
      primaryIdentifier: src(upper(person.lastName)),
      secondaryIdentifier: src(upper(person.firstName)),
      selfieVerificationProfile: src(null, null, null),
      // Filled when iProov ran (contract §9, from real sessions): its verdict, sourced from iProov.
      selfieVerificationStatus:
        checks.iproov?.passed === undefined
          ? src(null, null, null)
          : src(checks.iproov.passed ? 'SUCCEEDED' : 'FAILED', 'VISUAL_AUTOMATIC', 'iProov'),
      visualVerification: src(null, null, null),
    };
    const consolidated: JsonObject = {};
    for (const [key, [value, source, sourceName]] of Object.entries(fields)) {
      consolidated[key] = value;
      consolidated[`${key}Source`] = source;
      consolidated[`${key}SourceName`] = sourceName;
    }
    consolidated.creationDate = isoMillis(createdMs);
    consolidated.sessionId = sessionId;
    consolidated.version = 1;

    const [dy, dm, dd] = person.dateOfBirth.split('-');
    const [ey, em, ed] = person.dateOfExpiry.split('-');
    const doc: JsonObject = {
      datagroupNumbers:
        checks.verification.AA === 'NOT_PRESENT' ? [1, 2, 11, 12, 14] : [1, 2, 11, 12, 14, 15],
      dateOfBirth: yymmdd(person.dateOfBirth),
      dateOfExpiry: yymmdd(person.dateOfExpiry),
      dateOfIssue: null,
      documentNumber: person.documentNumber,
      faceImages: [
        { colorSpace: 'UNSPECIFIED', height: 380, mimeType: 'image/jp2', source: 'UNSPECIFIED', width: 300 },
      ],
      fullDateOfBirth: `${person.dateOfBirth}T00:00:00Z`,
      interpretedDateOfBirth: `${dd}.${dm}.${dy}`,
      interpretedDateOfExpiry: `${ed}.${em}.${ey}`,
      interpretedIssuingCountry: person.countryName,
      issuingAuthority: null,
      issuingCountry: person.issuingCountry,
      ldsVersion: '1.7',
      nameOfHolder: `${upper(person.lastName)}, ${upper(person.firstName)}`,
      personalNumber: person.personalNumber,
      primaryIdentifier: upper(person.lastName),
      secondaryIdentifier: upper(person.firstName),
      documentCode,
      gender: RAW_GENDER[person.gender],
      interpretedNationality: person.nationalityAdjective,
      mrzPrimaryIdentifier: toMrzName(person.lastName),
      mrzSecondaryIdentifier: toMrzName(person.firstName),
      // One string without line breaks, as real sessions write it (contract §9).
      MRZString: mrz.join(''),
      nationality: person.nationality,
      otherNames: [],
      placeOfBirth,
      unicodeVersion: '4.0.0',
    };

    const features = ['BAC', 'PACE', 'EAC'];
    if (checks.verification.AA !== 'NOT_PRESENT') features.push('AA');
    const session: JsonObject = {
      app: {
        appVersion: '3.6.4',
        customerName: 'Assure Desk Sandbox',
        packageName: 'com.example.verify',
        timestamp: createdMs,
      },
      chip: { chipRead: checks.chipRead, chipTypes: ['IsoDep', nfcType], timestamp: createdMs - 6 },
      clientId: 'com.example.verify',
      consolidatedIdentityData: consolidated,
      creationDate: isoMillis(createdMs),
      deviceInfo: {
        ...device,
        extendedLengthApduSupported: device.platform === 'android',
        maxTransceiveLength: 65279,
      },
      documentContent: doc,
      exceptions: [],
    };
    if (checks.iproov) {
      const i = checks.iproov;
      // Raw spelling differs from Get process: assuranceType, enrolmentImageSource (contract §5.1 "Full result");
      // `"Chip"` and one verifyToken object per attempt as real sessions have them (contract §9). Only the last
      // attempt can have passed. The sandbox keeps no frames: frameImage is null.
      const attemptMs = 4000;
      session.iProovSession = {
        attempts: i.attempts,
        assuranceType: i.assuranceType,
        enrolmentImageSource: 'Chip',
        enrolmentPod: 'eu',
        enrolmentToken: null,
        errorString: i.hasError ? 'error_network' : null,
        finished: i.finished,
        hasError: i.hasError,
        passed: i.passed ?? null,
        riskProfile: null,
        verifyToken: verifyTokens.map((token, k) => ({
          frameImage: null,
          verifyToken: token,
          verifyTokenPassed: k === verifyTokens.length - 1 && i.passed === true,
          startTimestamp: createdMs + 1000 + k * attemptMs,
          endTimestamp: createdMs + 1000 + (k + 1) * attemptMs - 500,
        })),
      };
    }
    session.nfcSession = {
      accessControlStatus: { ...checks.access },
      documentType: 'ICAO_MRTD',
      features,
      verificationStatus: { ...checks.verification },
    };
    // Newer sessions (contract §9): OCR under vizImages (no top-level ocrSession), plus sessionType and
    // documentMetadata. Values invented; the keys are the ones real sessions show.
    session.documentMetadata = {
      documentCode,
      documentType: 'ICAO_MRTD',
      issuingCountry: person.issuingCountry,
    };
    session.sessionId = sessionId;
    session.sessionType = 'NFC';
    session.vizImages = {
      vizFront: { image: null, ocrSession: { mrz: mrz.join(''), mrzType: mrzType(person) } },
    };
    return session;
  };

  return {
    derive: () => deriveReadId(checks),
    providerSpecific(stage: Stage): JsonObject | undefined {
      // Filled gradually (contract §4): the chip's data first, the verdict elements once finished.
      if (stage === 'processing') return wrap({ documentContent: documentContent() });
      const elements: JsonObject = {
        consolidatedIdentityData: consolidatedIdentityData(),
        documentContent: documentContent(),
      };
      // The client must accept both spellings (contract §5.1): the vendor example's `iproovSession` in the default
      // layout, the prose's `iProovSession` inside the `session` element.
      if (checks.iproov)
        elements[ctx.layout === 'session' ? 'iProovSession' : 'iproovSession'] = iproovSession(checks.iproov);
      return wrap(elements);
    },
    finalResult(): Record<string, string> {
      const id = identity(person);
      return {
        documentType: person.documentType,
        firstName: id.firstName,
        lastName: id.lastName,
        gender: id.gender,
        nationality: id.nationality,
        dateOfBirth: id.dateOfBirth,
        documentNumber: id.documentNumber,
        dateOfExpiry: id.dateOfExpiry,
        issuingCountry: id.issuingCountry,
        personalIdentificationNumber: id.personalIdentificationNumber,
      };
    },
    rawFile: () => ({ name: 'session.json', content: sessionJson() }),
    depictions(): Depiction[] {
      // Chip photo always; the iProov selfie only with iProov (contract §5.1 "Full result").
      return checks.iproov ? ['portrait', 'selfie'] : ['portrait'];
    },
  };
}

export const readid: ProviderModule = {
  id: 'readid',
  processTypes: ['ready'],
  captureSupported: false, // native mobile only (contract §3)
  start(scenario, ctx) {
    const checks = readIdChecks(scenario, ctx.rng);
    if (checks.abort) return abortedRun(checks.abort, { name: 'session.json', content: {} });
    if (!checks.chipRead) {
      // Finished without result: nothing to show, no zip (contract §3 "Full result").
      return {
        ...abortedRun(
          { status: 'failed', failReason: 'chipReadFailed' },
          { name: 'session.json', content: {} },
        ),
        derive: () => deriveReadId(checks),
      };
    }
    return readIdRun(ctx, checks);
  },
};
