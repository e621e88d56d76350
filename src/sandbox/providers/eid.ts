/**
 * Electronic IDentification (`eid`: unattended, attended), contract §5.3.
 * Elements `ocr` and (attended) `manualApproval`. Rule [A]: the provider verdict maps directly to the status;
 * attended: approved → accepted, rejected → rejected, pending = still processing.
 */
import { isoSeconds } from '../clock';
import type { Rng } from '../prng';
import type { Abort, Depiction, Derived, Json, JsonObject, Status } from '../types';
import { documentFinalResult, documentSides } from './document-holder';
import {
  abortFor,
  abortedRun,
  unknownScenario,
  type GenContext,
  type ProviderModule,
  type ProviderRun,
} from './types';

export interface OcrFeature {
  name: string;
  found: boolean;
  side: 'front' | 'back';
  bbox?: [number, number, number, number];
}

export interface ManualApproval {
  status: 'approved' | 'rejected' | 'pending';
  reason?: string;
  agent?: string;
}

export interface EidChecks {
  /** The provider's own verdict (unattended). */
  verdict: 'accepted' | 'rejected' | 'inconclusive';
  ocr: {
    similarityScore: 'high' | 'medium' | 'low';
    livenessDetected: 'true' | 'false';
    features: OcrFeature[];
  };
  manualApproval?: ManualApproval;
  abort?: Abort;
}

/** Contract §5.3 rule, including the non-final case (attended + pending → processing). */
export function eidStatus(verdict: EidChecks['verdict'], manualApproval?: ManualApproval): Status {
  if (manualApproval) {
    if (manualApproval.status === 'approved') return 'accepted';
    if (manualApproval.status === 'rejected') return 'rejected';
    return 'processing';
  }
  return verdict;
}

export function deriveEid(checks: EidChecks): Derived {
  if (checks.abort) return checks.abort;
  const status = eidStatus(checks.verdict, checks.manualApproval);
  if (status === 'processing' || status === 'pending')
    throw new Error('eID attended process is still waiting for manual approval');
  return { status };
}

function features(rng: Rng, passport: boolean, missing?: string): OcrFeature[] {
  const list: OcrFeature[] = [
    { name: 'Photo', found: true, side: 'front', bbox: [40, 110, 170, 220] },
    { name: 'MRZ', found: true, side: passport ? 'front' : 'back', bbox: [20, 300, 600, 80] },
    { name: 'Hologram', found: true, side: 'front', bbox: [rng.int(380, 480), rng.int(60, 140), 90, 90] },
    { name: 'Signature', found: true, side: 'front', bbox: [230, 330, 200, 40] },
  ];
  if (!passport) list.push({ name: 'Barcode', found: true, side: 'back', bbox: [30, 40, 260, 90] });
  return list.map((f) => (f.name === missing ? { name: f.name, found: false, side: f.side } : f));
}

export function eidChecks(scenario: string, passport: boolean, rng: Rng): EidChecks {
  const agent = `agent-${rng.int(101, 140)}`;
  const good = (): EidChecks['ocr'] => ({
    similarityScore: 'high',
    livenessDetected: 'true',
    features: features(rng, passport),
  });
  switch (scenario) {
    case 'eid.accepted':
      return { verdict: 'accepted', ocr: good() };
    case 'eid.inconclusive':
      return {
        verdict: 'inconclusive',
        ocr: {
          similarityScore: 'medium',
          livenessDetected: 'true',
          features: features(rng, passport, 'Hologram'),
        },
      };
    case 'eid.rejected':
      return {
        verdict: 'rejected',
        ocr: rng.bool()
          ? { similarityScore: 'low', livenessDetected: 'true', features: features(rng, passport) }
          : { similarityScore: 'medium', livenessDetected: 'false', features: features(rng, passport) },
      };
    case 'eid.attendedApproved':
      return { verdict: 'accepted', ocr: good(), manualApproval: { status: 'approved', agent } };
    case 'eid.attendedRejected':
      return {
        verdict: 'rejected',
        ocr: {
          similarityScore: 'medium',
          livenessDetected: 'true',
          features: features(rng, passport, 'Hologram'),
        },
        manualApproval: {
          status: 'rejected',
          reason: rng.pick(['documentTampered', 'faceMismatch', 'documentExpired']),
          agent,
        },
      };
    default: {
      const abort = abortFor(scenario);
      if (!abort) throw unknownScenario('eid', scenario);
      return { verdict: 'rejected', ocr: good(), abort };
    }
  }
}

function eidRun(ctx: GenContext, processType: string, checks: EidChecks): ProviderRun {
  const { person } = ctx;
  const transactionId = ctx.rng.hex(24);
  const similarity = { high: 0.91, medium: 0.64, low: 0.18 }[checks.ocr.similarityScore];
  const ocr = (): JsonObject => ({
    similarityScore: checks.ocr.similarityScore,
    livenessDetected: checks.ocr.livenessDetected,
    features: checks.ocr.features.map((f) => {
      const out: JsonObject = { name: f.name, found: f.found, side: f.side };
      if (f.bbox) out.bbox = [...f.bbox];
      return out;
    }),
  });
  const approval = (m: ManualApproval): JsonObject => {
    const out: JsonObject = { status: m.status };
    if (m.reason) out.reason = m.reason;
    if (m.agent) out.agent = m.agent;
    return out;
  };
  const raw = (): JsonObject => {
    const manual: Json = checks.manualApproval ? approval(checks.manualApproval) : null;
    return {
      transactionId,
      type: processType,
      status: 'Completed',
      result: checks.verdict,
      createdAt: isoSeconds(ctx.createdAtMs),
      document: {
        type: person.documentType,
        number: person.documentNumber,
        issuingCountry: person.issuingCountry,
        dateOfIssue: person.dateOfIssue,
        dateOfExpiry: person.dateOfExpiry,
        issuingAuthority: person.issuingAuthority,
      },
      holder: {
        givenNames: person.firstName,
        surname: person.lastName,
        dateOfBirth: person.dateOfBirth,
        sex: person.gender,
        nationality: person.nationality,
        personalNumber: person.personalNumber,
      },
      biometrics: { similarity, liveness: checks.ocr.livenessDetected === 'true' },
      ocr: ocr(),
      manualApproval: manual,
    };
  };
  return {
    derive: () => deriveEid(checks),
    providerSpecific(stage) {
      const out: JsonObject = { ocr: ocr() };
      if (checks.manualApproval) {
        // Attended: the agent's decision is pending while processing (contract §5.3).
        out.manualApproval = stage === 'processing' ? { status: 'pending' } : approval(checks.manualApproval);
      }
      return out;
    },
    finalResult() {
      return documentFinalResult(person, {
        personalIdentificationNumber: person.personalNumber,
        similarityScore: checks.ocr.similarityScore,
        livenessDetected: checks.ocr.livenessDetected,
      });
    },
    rawFile: () => ({ name: 'eid.json', content: raw() }),
    depictions: (): Depiction[] => [...documentSides(person), 'selfie', 'portrait'],
  };
}

export const eid: ProviderModule = {
  id: 'eid',
  processTypes: ['unattended', 'attended'],
  captureSupported: true,
  start(scenario, ctx) {
    const processType = ctx.processType ?? 'unattended';
    const checks = eidChecks(scenario, ctx.person.documentType === 'passport', ctx.rng);
    if (checks.abort) return abortedRun(checks.abort, { name: 'eid.json', content: {} });
    return eidRun(ctx, processType, checks);
  },
};
