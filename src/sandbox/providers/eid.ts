/**
 * Electronic IDentification (`eid`: unattended, attended), contract §5.3, and its successor Signicat VideoID
 * (`signicatvideoid`: substantial, substantialFullyAuto, high, hybrid), §5.7: "ocr always, manualApproval for high,
 * verdict mapped directly, zip as eID". Elements `ocr` and (attended) `manualApproval`. Rule [A]: the provider
 * verdict maps directly to the status; attended: approved → accepted, rejected → rejected, pending = still processing.
 */
import { isoSeconds } from '../clock';
import type { Rng } from '../prng';
import type { Abort, Depiction, Derived, Json, JsonObject, ProviderId, Status } from '../types';
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

/** The checks of a scenario `<prefix>.<kind>` (kinds shared by eID and VideoID), or a generic abort scenario. */
export function eidChecks(
  scenario: string,
  passport: boolean,
  rng: Rng,
  provider: ProviderId = 'eid',
  prefix = 'eid',
): EidChecks {
  const agent = `agent-${rng.int(101, 140)}`;
  const good = (): EidChecks['ocr'] => ({
    similarityScore: 'high',
    livenessDetected: 'true',
    features: features(rng, passport),
  });
  const kind = scenario.startsWith(`${prefix}.`) ? scenario.slice(prefix.length + 1) : `not ${prefix}`;
  switch (kind) {
    case 'accepted':
      return { verdict: 'accepted', ocr: good() };
    case 'inconclusive':
      return {
        verdict: 'inconclusive',
        ocr: {
          similarityScore: 'medium',
          livenessDetected: 'true',
          features: features(rng, passport, 'Hologram'),
        },
      };
    case 'rejected':
      return {
        verdict: 'rejected',
        ocr: rng.bool()
          ? { similarityScore: 'low', livenessDetected: 'true', features: features(rng, passport) }
          : { similarityScore: 'medium', livenessDetected: 'false', features: features(rng, passport) },
      };
    case 'attendedApproved':
      return { verdict: 'accepted', ocr: good(), manualApproval: { status: 'approved', agent } };
    case 'attendedRejected':
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
      if (!abort) throw unknownScenario(provider, scenario);
      return { verdict: 'rejected', ocr: good(), abort };
    }
  }
}

interface EidLike {
  id: ProviderId;
  processTypes: readonly string[];
  /** The provider's raw JSON in the zip. */
  rawName: string;
  /** Scenario prefix (`eid.accepted`, `videoid.accepted`, …). */
  prefix: string;
  /** A recording of the session is in the zip (`video.mp4`). */
  recordsVideo: boolean;
  /** Feature boxes as the vendor's VideoID example writes them (`{x, y, width, height}`, side `data`/`back`). */
  vendorBoxes: boolean;
}

function eidRun(ctx: GenContext, processType: string, checks: EidChecks, like: EidLike): ProviderRun {
  const { person } = ctx;
  const transactionId = ctx.rng.hex(24);
  const similarity = { high: 0.91, medium: 0.64, low: 0.18 }[checks.ocr.similarityScore];
  const ocr = (): JsonObject => ({
    similarityScore: checks.ocr.similarityScore,
    livenessDetected: checks.ocr.livenessDetected,
    features: checks.ocr.features.map((f) => {
      if (!like.vendorBoxes) {
        const out: JsonObject = { name: f.name, found: f.found, side: f.side };
        if (f.bbox) out.bbox = [...f.bbox];
        return out;
      }
      const out: JsonObject = { name: f.name, found: f.found, side: f.side === 'front' ? 'data' : f.side };
      if (f.bbox) out.bbox = { x: f.bbox[0], y: f.bbox[1], width: f.bbox[2], height: f.bbox[3] };
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
    rawFile: () => ({ name: like.rawName, content: raw() }),
    depictions: (): Depiction[] => [...documentSides(person), 'selfie', 'portrait'],
    ...(like.recordsVideo ? { recordsVideo: true } : {}),
  };
}

function eidLikeModule(like: EidLike): ProviderModule {
  return {
    id: like.id,
    processTypes: like.processTypes,
    captureSupported: true,
    start(scenario, ctx) {
      const processType = ctx.processType ?? like.processTypes[0];
      const passport = ctx.person.documentType === 'passport';
      const checks = eidChecks(scenario, passport, ctx.rng, like.id, like.prefix);
      if (checks.abort) return abortedRun(checks.abort, { name: like.rawName, content: {} });
      return eidRun(ctx, processType, checks, like);
    },
  };
}

export const eid = eidLikeModule({
  id: 'eid',
  processTypes: ['unattended', 'attended'],
  rawName: 'eid.json',
  prefix: 'eid',
  recordsVideo: false,
  vendorBoxes: false,
});

/** Signicat VideoID (§5.7): eID's elements and rule; `high` adds an agent's manualApproval; the session is recorded. */
export const signicatvideoid = eidLikeModule({
  id: 'signicatvideoid',
  processTypes: ['substantial', 'substantialFullyAuto', 'high', 'hybrid'],
  rawName: 'signicatvideoid.json',
  prefix: 'videoid',
  recordsVideo: true,
  vendorBoxes: true,
});
