/**
 * Onfido (`onfido`: document, documentSelfie, documentVideo), contract §5.2.
 * Elements `documentVerification` (always) and `facialSimilarity` (selfie/video). Status from the [A] rule.
 */
import { isoSeconds } from '../clock';
import type { Rng } from '../prng';
import type { Abort, Derived, JsonObject } from '../types';
import { documentFinalResult, documentSides } from './document-holder';
import {
  abortFor,
  abortedRun,
  unknownScenario,
  type GenContext,
  type ProviderModule,
  type ProviderRun,
} from './types';

export type Verdict = 'clear' | 'consider';
export type SubResult = 'clear' | 'rejected' | 'suspected' | 'caution';

export interface DocumentVerification {
  result: Verdict;
  subResult: SubResult;
  imageIntegrity: Verdict;
  dataValidation: Verdict;
  dataComparison: Verdict;
  dataConsistency: Verdict;
  visualAuthenticity: Verdict;
  compromisedDocument: Verdict;
  policeRecord: Verdict;
}

export interface FacialSimilarity {
  result: Verdict;
  imageIntegrity: Verdict;
  faceComparison: Verdict;
  visualAuthenticity: Verdict;
  similarityScore: 'high' | 'medium' | 'low';
}

export interface OnfidoChecks {
  documentVerification: DocumentVerification;
  facialSimilarity?: FacialSimilarity;
  abort?: Abort;
}

/**
 * Contract §5.2 rule [A]: all `clear` → accepted; subResult rejected/suspected → rejected;
 * otherwise any `consider` or `caution` → inconclusive; failed/canceled as usual.
 */
export function deriveOnfido(checks: OnfidoChecks): Derived {
  if (checks.abort) return checks.abort;
  const dv = checks.documentVerification;
  if (dv.subResult === 'rejected' || dv.subResult === 'suspected') return { status: 'rejected' };
  const { subResult, ...dvVerdicts } = dv;
  const verdicts: string[] = [subResult, ...Object.values(dvVerdicts)];
  if (checks.facialSimilarity) {
    const { similarityScore: _score, ...fsVerdicts } = checks.facialSimilarity;
    verdicts.push(...Object.values(fsVerdicts));
  }
  return verdicts.every((v) => v === 'clear') ? { status: 'accepted' } : { status: 'inconclusive' };
}

const allClear = (): DocumentVerification => ({
  result: 'clear',
  subResult: 'clear',
  imageIntegrity: 'clear',
  dataValidation: 'clear',
  dataComparison: 'clear',
  dataConsistency: 'clear',
  visualAuthenticity: 'clear',
  compromisedDocument: 'clear',
  policeRecord: 'clear',
});

const faceClear = (): FacialSimilarity => ({
  result: 'clear',
  imageIntegrity: 'clear',
  faceComparison: 'clear',
  visualAuthenticity: 'clear',
  similarityScore: 'high',
});

export function onfidoChecks(scenario: string, processType: string, rng: Rng): OnfidoChecks {
  const withFace = processType !== 'document';
  const face = withFace ? faceClear() : undefined;
  switch (scenario) {
    case 'onfido.clear':
      return { documentVerification: allClear(), facialSimilarity: face };
    case 'onfido.caution': {
      const field = rng.pick(['dataComparison', 'dataConsistency', 'imageIntegrity'] as const);
      return {
        documentVerification: {
          ...allClear(),
          result: 'consider',
          subResult: 'caution',
          [field]: 'consider',
        },
        facialSimilarity: face,
      };
    }
    case 'onfido.faceMismatch':
      return {
        documentVerification: allClear(),
        facialSimilarity: {
          ...faceClear(),
          result: 'consider',
          faceComparison: 'consider',
          similarityScore: rng.pick(['low', 'medium'] as const),
        },
      };
    case 'onfido.rejected': {
      const field = rng.pick(['dataValidation', 'visualAuthenticity'] as const);
      return {
        documentVerification: {
          ...allClear(),
          result: 'consider',
          subResult: 'rejected',
          [field]: 'consider',
        },
        facialSimilarity: face,
      };
    }
    case 'onfido.suspected': {
      const field = rng.pick(['compromisedDocument', 'visualAuthenticity'] as const);
      return {
        documentVerification: {
          ...allClear(),
          result: 'consider',
          subResult: 'suspected',
          [field]: 'consider',
        },
        facialSimilarity: face,
      };
    }
    default: {
      const abort = abortFor(scenario);
      if (!abort) throw unknownScenario('onfido', scenario);
      return { documentVerification: allClear(), abort };
    }
  }
}

const ONFIDO_DOC_TYPE = {
  passport: 'passport',
  identityCard: 'national_identity_card',
  driversLicense: 'driving_licence',
  residencePermit: 'residence_permit',
} as const;

function onfidoRun(ctx: GenContext, processType: string, checks: OnfidoChecks): ProviderRun {
  const { person } = ctx;
  const checkId = ctx.rng.uuid();
  const documentReportId = ctx.rng.uuid();
  const faceReportId = ctx.rng.uuid();
  const applicantId = ctx.rng.uuid();
  const score = checks.facialSimilarity
    ? { high: 0.93, medium: 0.62, low: 0.21 }[checks.facialSimilarity.similarityScore]
    : 0;
  const documentVerification = (): JsonObject => ({ ...checks.documentVerification });
  const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

  const raw = (): JsonObject => {
    const dv = checks.documentVerification;
    const breakdown: JsonObject = {};
    for (const [key, value] of Object.entries(dv)) {
      if (key !== 'result' && key !== 'subResult') breakdown[snake(key)] = { result: value };
    }
    const reports: JsonObject[] = [
      {
        id: documentReportId,
        name: 'document',
        status: 'complete',
        result: dv.result,
        sub_result: dv.subResult,
        created_at: isoSeconds(ctx.createdAtMs + 60_000),
        breakdown,
        properties: {
          first_name: person.firstName,
          last_name: person.lastName,
          date_of_birth: person.dateOfBirth,
          date_of_expiry: person.dateOfExpiry,
          gender: person.gender === 'F' ? 'Female' : person.gender === 'M' ? 'Male' : null,
          nationality: person.nationality,
          issuing_country: person.issuingCountry,
          document_type: ONFIDO_DOC_TYPE[person.documentType],
          document_numbers: [{ type: 'document_number', value: person.documentNumber }],
        },
      },
    ];
    if (checks.facialSimilarity) {
      const fs = checks.facialSimilarity;
      reports.push({
        id: faceReportId,
        name: processType === 'documentVideo' ? 'facial_similarity_video' : 'facial_similarity_photo',
        status: 'complete',
        result: fs.result,
        created_at: isoSeconds(ctx.createdAtMs + 75_000),
        breakdown: {
          face_comparison: { result: fs.faceComparison },
          image_integrity: { result: fs.imageIntegrity },
          visual_authenticity: { result: fs.visualAuthenticity },
        },
        properties: { score },
      });
    }
    const overall = reports.every((r) => r.result === 'clear') ? 'clear' : 'consider';
    return {
      applicant: {
        id: applicantId,
        first_name: person.firstName,
        last_name: person.lastName,
        dob: person.dateOfBirth,
      },
      check: {
        id: checkId,
        status: 'complete',
        result: overall,
        created_at: isoSeconds(ctx.createdAtMs + 30_000),
      },
      reports,
    };
  };

  return {
    derive: () => deriveOnfido(checks),
    providerSpecific(stage) {
      if (stage === 'processing') return { documentVerification: documentVerification() };
      const out: JsonObject = {};
      if (checks.facialSimilarity) out.facialSimilarity = { ...checks.facialSimilarity };
      out.documentVerification = documentVerification();
      return out;
    },
    finalResult() {
      const out = documentFinalResult(person);
      if (checks.facialSimilarity) out.similarityScore = checks.facialSimilarity.similarityScore;
      if (processType === 'documentVideo') out.livenessDetected = 'true';
      return out;
    },
    rawFile: () => ({ name: 'onfido.json', content: raw() }),
    depictions() {
      const out = documentSides(person);
      if (processType === 'documentSelfie') out.push('selfie');
      return out;
    },
  };
}

export const onfido: ProviderModule = {
  id: 'onfido',
  processTypes: ['document', 'documentSelfie', 'documentVideo'],
  captureSupported: true,
  start(scenario, ctx) {
    const processType = ctx.processType ?? 'document';
    const checks = onfidoChecks(scenario, processType, ctx.rng);
    if (checks.abort) return abortedRun(checks.abort, { name: 'onfido.json', content: {} });
    return onfidoRun(ctx, processType, checks);
  },
};
