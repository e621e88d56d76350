/**
 * Signicat Paper (`signicatpaper`, no processType), contract §5.4, and Signicat PictureID (`signicatpictureid`:
 * document, documentSelfie), §5.7: "Paper's elements and rule, plus ocr.similarityScore for selfies".
 * The checks ARE the vendor elements (verification, features, mrz, mrzChecksum, mrzVerification,
 * mrzFeatureMatching); the [D] rule reads them back to derive the status.
 */
import { documentCodeFor, mrzLines } from '../mrz';
import { toMrzName } from '../people';
import type { Rng } from '../prng';
import type { Abort, Depiction, Derived, JsonObject, Person, ProviderId } from '../types';
import { documentFinalResult, documentSides } from './document-holder';
import {
  abortFor,
  abortedRun,
  unknownScenario,
  type GenContext,
  type ProviderModule,
  type ProviderRun,
} from './types';

type Flag = 'true' | 'false';

export interface PaperElements {
  verification: { type: 'MRZ_FEATURE_COMPARISON'; status: Flag };
  features: Record<string, string>;
  mrz?: Record<string, string>;
  mrzChecksum?: Record<string, 'VALID' | 'INVALID'>;
  mrzVerification?: { status: Flag };
  mrzFeatureMatching?: Record<string, 'MATCH' | 'MISMATCH'>;
}

export interface PaperChecks {
  elements: PaperElements;
  abort?: Abort;
}

const REQUIRED_TEXT = ['firstName', 'lastName', 'dateOfBirth', 'documentNumber'] as const;

/** "Text fields valid": the fields a reviewer needs are present and dates are well formed [A]. */
export function textFieldsValid(features: Record<string, string>): boolean {
  return (
    REQUIRED_TEXT.every((k) => (features[k] ?? '').trim() !== '') &&
    /^\d{4}-\d{2}-\d{2}$/.test(features.dateOfBirth ?? '')
  );
}

/**
 * Contract §5.4 rule [D]: read and verified → accepted; MRZ missing/unreadable → inconclusive if text fields
 * valid, else rejected (never accepted without MRZ); a check failed → rejected (emulator [A]: any INVALID or
 * MISMATCH → rejected); failed/canceled as usual.
 */
export function derivePaper(checks: PaperChecks): Derived {
  if (checks.abort) return checks.abort;
  const e = checks.elements;
  if (!e.mrz) return { status: textFieldsValid(e.features) ? 'inconclusive' : 'rejected' };
  const invalid = Object.values(e.mrzChecksum ?? {}).includes('INVALID');
  const mismatch = Object.values(e.mrzFeatureMatching ?? {}).includes('MISMATCH');
  if (invalid || mismatch || e.mrzVerification?.status === 'false' || e.verification.status === 'false')
    return { status: 'rejected' };
  return { status: 'accepted' };
}

function paperPerson(person: Person): Person {
  // A driving licence has no MRZ; the paper scenarios photograph an identity card instead.
  return person.documentType === 'driversLicense' ? { ...person, documentType: 'identityCard' } : person;
}

function features(person: Person): Record<string, string> {
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    dateOfBirth: person.dateOfBirth,
    dateOfExpiry: person.dateOfExpiry,
    dateOfIssue: person.dateOfIssue,
    gender: person.gender,
    documentNumber: person.documentNumber,
    personalNumber: person.personalNumber,
    issuingAuthority: person.issuingAuthority,
  };
}

function mrz(person: Person): Record<string, string> {
  return {
    firstName: toMrzName(person.firstName),
    lastName: toMrzName(person.lastName),
    dateOfBirth: person.dateOfBirth,
    dateOfExpiry: person.dateOfExpiry,
    gender: person.gender,
    documentNumber: person.documentNumber,
    personalNumber: person.personalNumber.replace(/[^0-9A-Z]/g, ''),
    nationality: person.nationality,
    documentType: person.documentType,
    issuingCountry: person.issuingCountry,
  };
}

const CHECKSUM_FIELDS = [
  'documentNumber',
  'dateOfBirth',
  'dateOfExpiry',
  'personalNumber',
  'composite',
] as const;
const MATCH_FIELDS = [
  'firstName',
  'lastName',
  'dateOfBirth',
  'dateOfExpiry',
  'gender',
  'documentNumber',
] as const;

function allValid(): Record<string, 'VALID' | 'INVALID'> {
  return Object.fromEntries(CHECKSUM_FIELDS.map((f) => [f, 'VALID' as const]));
}

function allMatch(): Record<string, 'MATCH' | 'MISMATCH'> {
  return Object.fromEntries(MATCH_FIELDS.map((f) => [f, 'MATCH' as const]));
}

/** The checks of a scenario `<prefix>.<kind>` (kinds shared by Paper and PictureID), or a generic abort scenario. */
export function paperChecks(
  scenario: string,
  person: Person,
  rng: Rng,
  provider: ProviderId = 'signicatpaper',
  prefix = 'paper',
): PaperChecks {
  const verified = (status: Flag): PaperElements['verification'] => ({
    type: 'MRZ_FEATURE_COMPARISON',
    status,
  });
  const full = (): PaperElements => ({
    verification: verified('true'),
    features: features(person),
    mrz: mrz(person),
    mrzChecksum: allValid(),
    mrzVerification: { status: 'true' },
    mrzFeatureMatching: allMatch(),
  });
  const kind = scenario.startsWith(`${prefix}.`) ? scenario.slice(prefix.length + 1) : `not ${prefix}`;
  switch (kind) {
    case 'accepted':
      return { elements: full() };
    case 'noMrz':
      return { elements: { verification: verified('false'), features: features(person) } };
    case 'noMrzUnreadable': {
      const { documentNumber: _n, dateOfBirth: _d, ...partial } = features(person);
      return { elements: { verification: verified('false'), features: partial } };
    }
    case 'mismatch': {
      const e = full();
      const field = rng.pick(['lastName', 'documentNumber', 'dateOfBirth'] as const);
      const m = { ...(e.mrz ?? {}) };
      if (field === 'lastName')
        m.lastName = `${m.lastName.slice(0, -1)}${m.lastName.endsWith('X') ? 'Y' : 'X'}`;
      if (field === 'documentNumber')
        m.documentNumber = `${m.documentNumber.slice(0, -1)}${m.documentNumber.endsWith('7') ? '1' : '7'}`;
      if (field === 'dateOfBirth')
        m.dateOfBirth = `${Number(m.dateOfBirth.slice(0, 4)) - 1}${m.dateOfBirth.slice(4)}`;
      return {
        elements: {
          ...e,
          verification: verified('false'),
          mrz: m,
          mrzFeatureMatching: { ...allMatch(), [field]: 'MISMATCH' },
        },
      };
    }
    case 'checksum': {
      const e = full();
      const field = rng.pick(['documentNumber', 'dateOfExpiry', 'composite'] as const);
      return {
        elements: {
          ...e,
          verification: verified('false'),
          mrzVerification: { status: 'false' },
          mrzChecksum: { ...allValid(), [field]: 'INVALID' },
        },
      };
    }
    default: {
      const abort = abortFor(scenario);
      if (!abort) throw unknownScenario(provider, scenario);
      return { elements: { verification: verified('false'), features: {} }, abort };
    }
  }
}

interface PaperLike {
  id: ProviderId;
  processTypes: readonly string[];
  rawName: string;
  prefix: string;
}

/** PictureID with a selfie: how closely the selfie matches the document photo (high unless the scenario says). */
function selfieSimilarity(kind: string): 'high' | 'medium' {
  return kind === 'noMrz' ? 'medium' : 'high';
}

function paperRun(
  ctx: GenContext,
  person: Person,
  checks: PaperChecks,
  like: PaperLike,
  selfie?: 'high' | 'medium',
): ProviderRun {
  const documentId = ctx.rng.uuid();
  const e = checks.elements;
  const elements = (): JsonObject => {
    const out: JsonObject = { verification: { ...e.verification }, features: { ...e.features } };
    if (e.mrz) out.mrz = { ...e.mrz };
    if (e.mrzChecksum) out.mrzChecksum = { ...e.mrzChecksum };
    if (e.mrzVerification) out.mrzVerification = { ...e.mrzVerification };
    if (e.mrzFeatureMatching) out.mrzFeatureMatching = { ...e.mrzFeatureMatching };
    return out;
  };
  return {
    derive: () => derivePaper(checks),
    providerSpecific(stage) {
      // The visual text is read first; the MRZ comparison follows (filled gradually, contract §4).
      if (stage === 'processing') return { features: { ...e.features } };
      return selfie ? { ...elements(), ocr: { similarityScore: selfie } } : elements();
    },
    finalResult() {
      return documentFinalResult(person, { personalIdentificationNumber: person.personalNumber });
    },
    rawFile: () => ({
      name: like.rawName,
      content: {
        documentId,
        documentCode: documentCodeFor(person),
        ...elements(),
        ...(selfie ? { ocr: { similarityScore: selfie } } : {}),
        mrzLines: e.mrz ? mrzLines(person) : [],
        images: depictions().map((side) => `${side}.jpg`),
      },
    }),
    depictions,
  };
  function depictions(): Depiction[] {
    return selfie ? [...documentSides(person), 'selfie'] : documentSides(person);
  }
}

function paperLikeModule(like: PaperLike): ProviderModule {
  return {
    id: like.id,
    processTypes: like.processTypes,
    captureSupported: true,
    start(scenario, ctx) {
      const person = paperPerson(ctx.person);
      const checks = paperChecks(scenario, person, ctx.rng, like.id, like.prefix);
      if (checks.abort) return abortedRun(checks.abort, { name: like.rawName, content: {} });
      const withSelfie = (ctx.processType ?? like.processTypes[0]) === 'documentSelfie';
      const kind = scenario.slice(like.prefix.length + 1);
      return paperRun(ctx, person, checks, like, withSelfie ? selfieSimilarity(kind) : undefined);
    },
  };
}

export const signicatpaper = paperLikeModule({
  id: 'signicatpaper',
  processTypes: [],
  rawName: 'signicatpaper.json',
  prefix: 'paper',
});

export const signicatpictureid = paperLikeModule({
  id: 'signicatpictureid',
  processTypes: ['documentSelfie', 'document'],
  rawName: 'signicatpictureid.json',
  prefix: 'pictureid',
});
