/**
 * Forced outcomes (contract §8 "Forced outcomes"): a scenario fixes the checks a provider will report; the
 * status then follows from the provider's rule. `weight` drives the realistic random mix used for seeding and
 * live arrivals; weight 0 means "only on request" (control API or capture page).
 */
import type { FinalStatus, ProviderId } from './types';

export interface ScenarioSpec {
  name: string;
  /** Provider the scenario belongs to, or 'any' for the generic "finished without result" ones. */
  provider: ProviderId | 'any';
  label: string;
  /** Status the documented rule yields for these checks (or the forced, disagreeing status). */
  expect: FinalStatus;
  /** Compatible processTypes; the first is used when none is given. */
  processTypes?: readonly string[];
  weight: number;
  /** Upstream status that deliberately disagrees with the documented rule (control API only). */
  forceStatus?: FinalStatus;
  /** Goes pending → final without a processing phase (the end-user never started). */
  skipProcessing?: boolean;
}

export const SCENARIOS: readonly ScenarioSpec[] = [
  // §5.1 ReadID
  {
    name: 'readid.accepted',
    provider: 'readid',
    label: 'Chip verified, clone detection passed',
    expect: 'accepted',
    weight: 30,
  },
  {
    name: 'readid.acceptedIproov',
    provider: 'readid',
    label: 'Chip verified, iProov passed',
    expect: 'accepted',
    weight: 30,
  },
  {
    name: 'readid.cloneNotSupported',
    provider: 'readid',
    label: 'Chip verified, clone detection not supported (older document)',
    expect: 'accepted',
    weight: 6,
  },
  {
    name: 'readid.cloneFailed',
    provider: 'readid',
    label: 'Chip verified, clone detection failed',
    expect: 'inconclusive',
    weight: 6,
  },
  {
    name: 'readid.iproovFailed',
    provider: 'readid',
    label: 'iProov not passed (3 attempts)',
    expect: 'inconclusive',
    weight: 5,
  },
  {
    name: 'readid.iproovError',
    provider: 'readid',
    label: 'iProov session ended with an error',
    expect: 'inconclusive',
    weight: 2,
  },
  {
    name: 'readid.chipFailed',
    provider: 'readid',
    label: 'Chip verification failed (passive authentication)',
    expect: 'rejected',
    weight: 5,
  },
  {
    name: 'readid.chipReadFailed',
    provider: 'readid',
    label: 'Chip could not be read',
    expect: 'failed',
    weight: 3,
  },
  {
    name: 'readid.sessionLayout',
    provider: 'readid',
    label: 'Accepted, elements inside one `session` element',
    expect: 'accepted',
    weight: 0,
  },
  {
    name: 'readid.disagree',
    provider: 'readid',
    label: 'Upstream says accepted although clone detection FAILED',
    expect: 'accepted',
    forceStatus: 'accepted',
    weight: 0,
  },
  // §5.2 Onfido
  {
    name: 'onfido.clear',
    provider: 'onfido',
    label: 'All reports clear',
    expect: 'accepted',
    weight: 70,
    processTypes: ['documentSelfie', 'document', 'documentVideo'],
  },
  {
    name: 'onfido.caution',
    provider: 'onfido',
    label: 'Document sub-result caution',
    expect: 'inconclusive',
    weight: 10,
    processTypes: ['documentSelfie', 'document', 'documentVideo'],
  },
  {
    name: 'onfido.faceMismatch',
    provider: 'onfido',
    label: 'Face comparison: consider',
    expect: 'inconclusive',
    weight: 4,
    processTypes: ['documentSelfie', 'documentVideo'],
  },
  {
    name: 'onfido.rejected',
    provider: 'onfido',
    label: 'Document sub-result rejected',
    expect: 'rejected',
    weight: 5,
    processTypes: ['documentSelfie', 'document', 'documentVideo'],
  },
  {
    name: 'onfido.suspected',
    provider: 'onfido',
    label: 'Document sub-result suspected',
    expect: 'rejected',
    weight: 2,
    processTypes: ['documentSelfie', 'document', 'documentVideo'],
  },
  // §5.3 eID
  {
    name: 'eid.accepted',
    provider: 'eid',
    label: 'Unattended: verdict accepted',
    expect: 'accepted',
    weight: 45,
    processTypes: ['unattended'],
  },
  {
    name: 'eid.inconclusive',
    provider: 'eid',
    label: 'Unattended: verdict inconclusive (medium similarity)',
    expect: 'inconclusive',
    weight: 7,
    processTypes: ['unattended'],
  },
  {
    name: 'eid.rejected',
    provider: 'eid',
    label: 'Unattended: verdict rejected (no liveness)',
    expect: 'rejected',
    weight: 5,
    processTypes: ['unattended'],
  },
  {
    name: 'eid.attendedApproved',
    provider: 'eid',
    label: 'Attended: agent approved',
    expect: 'accepted',
    weight: 30,
    processTypes: ['attended'],
  },
  {
    name: 'eid.attendedRejected',
    provider: 'eid',
    label: 'Attended: agent rejected',
    expect: 'rejected',
    weight: 5,
    processTypes: ['attended'],
  },
  // §5.4 Signicat Paper
  {
    name: 'paper.accepted',
    provider: 'signicatpaper',
    label: 'MRZ read and verified',
    expect: 'accepted',
    weight: 70,
  },
  {
    name: 'paper.noMrz',
    provider: 'signicatpaper',
    label: 'No MRZ, text fields valid',
    expect: 'inconclusive',
    weight: 12,
  },
  {
    name: 'paper.noMrzUnreadable',
    provider: 'signicatpaper',
    label: 'No MRZ and text fields incomplete',
    expect: 'rejected',
    weight: 2,
  },
  {
    name: 'paper.mismatch',
    provider: 'signicatpaper',
    label: 'Visual text does not match the MRZ',
    expect: 'rejected',
    weight: 5,
  },
  {
    name: 'paper.checksum',
    provider: 'signicatpaper',
    label: 'MRZ checksum invalid',
    expect: 'rejected',
    weight: 2,
  },
  // §5.7 Signicat VideoID (eID's rule; `high` adds an agent's manual approval)
  {
    name: 'videoid.accepted',
    provider: 'signicatvideoid',
    label: 'Liveness detected, high face similarity',
    expect: 'accepted',
    weight: 60,
    processTypes: ['substantialFullyAuto', 'substantial', 'hybrid'],
  },
  {
    name: 'videoid.inconclusive',
    provider: 'signicatvideoid',
    label: 'Liveness detected, medium face similarity',
    expect: 'inconclusive',
    weight: 8,
    processTypes: ['substantialFullyAuto', 'substantial', 'hybrid'],
  },
  {
    name: 'videoid.rejected',
    provider: 'signicatvideoid',
    label: 'No liveness or low face similarity',
    expect: 'rejected',
    weight: 5,
    processTypes: ['substantialFullyAuto', 'substantial', 'hybrid'],
  },
  {
    name: 'videoid.attendedApproved',
    provider: 'signicatvideoid',
    label: 'High: an agent approved',
    expect: 'accepted',
    weight: 20,
    processTypes: ['high'],
  },
  {
    name: 'videoid.attendedRejected',
    provider: 'signicatvideoid',
    label: 'High: an agent rejected',
    expect: 'rejected',
    weight: 4,
    processTypes: ['high'],
  },
  // §5.7 Signicat PictureID (Signicat Paper's elements and rule, plus selfie similarity)
  {
    name: 'pictureid.accepted',
    provider: 'signicatpictureid',
    label: 'MRZ read and verified',
    expect: 'accepted',
    weight: 70,
    processTypes: ['documentSelfie', 'document'],
  },
  {
    name: 'pictureid.noMrz',
    provider: 'signicatpictureid',
    label: 'No MRZ, text fields valid',
    expect: 'inconclusive',
    weight: 12,
    processTypes: ['documentSelfie', 'document'],
  },
  {
    name: 'pictureid.noMrzUnreadable',
    provider: 'signicatpictureid',
    label: 'No MRZ and text fields incomplete',
    expect: 'rejected',
    weight: 2,
    processTypes: ['documentSelfie', 'document'],
  },
  {
    name: 'pictureid.mismatch',
    provider: 'signicatpictureid',
    label: 'Visual text does not match the MRZ',
    expect: 'rejected',
    weight: 5,
    processTypes: ['documentSelfie', 'document'],
  },
  {
    name: 'pictureid.checksum',
    provider: 'signicatpictureid',
    label: 'MRZ checksum invalid',
    expect: 'rejected',
    weight: 2,
    processTypes: ['documentSelfie', 'document'],
  },
  // §5.5 Connect
  {
    name: 'connect.accepted',
    provider: 'connect',
    label: 'eID login completed',
    expect: 'accepted',
    weight: 85,
  },
  {
    name: 'connect.canceled',
    provider: 'connect',
    label: 'End-user cancelled the login (access_denied)',
    expect: 'canceled',
    weight: 10,
  },
  {
    name: 'connect.error',
    provider: 'connect',
    label: 'Identity provider error (server_error)',
    expect: 'failed',
    weight: 5,
  },
  // §5.6 WebID
  {
    name: 'webid.successful',
    provider: 'webid',
    label: 'Ident successful',
    expect: 'accepted',
    weight: 70,
    processTypes: ['videoid', 'accountid'],
  },
  {
    name: 'webid.mismatch',
    provider: 'webid',
    label: 'Ident mismatch',
    expect: 'inconclusive',
    weight: 10,
    processTypes: ['videoid', 'accountid'],
  },
  {
    name: 'webid.rejected',
    provider: 'webid',
    label: 'Ident rejected by the agent',
    expect: 'rejected',
    weight: 6,
    processTypes: ['videoid', 'accountid'],
  },
  {
    name: 'webid.canceled',
    provider: 'webid',
    label: 'Ident canceled by the end-user',
    expect: 'canceled',
    weight: 7,
    processTypes: ['videoid', 'accountid'],
  },
  {
    name: 'webid.expired',
    provider: 'webid',
    label: 'Ident expired',
    expect: 'failed',
    weight: 7,
    processTypes: ['videoid', 'accountid'],
  },
  // §1/§4 finished without result, any provider
  {
    name: 'failed.timeout',
    provider: 'any',
    label: 'End-user inactive (timeout)',
    expect: 'failed',
    weight: 3,
    skipProcessing: true,
  },
  {
    name: 'failed.cameraAccessDenied',
    provider: 'any',
    label: 'Camera access denied',
    expect: 'failed',
    weight: 1,
  },
  {
    name: 'failed.userAborted',
    provider: 'any',
    label: 'End-user left without cancelling',
    expect: 'failed',
    weight: 1,
  },
  { name: 'failed.technicalError', provider: 'any', label: 'Technical error', expect: 'failed', weight: 0.5 },
  {
    name: 'failed.documentNotSupported',
    provider: 'any',
    label: 'Document type or country not supported',
    expect: 'failed',
    weight: 0.5,
  },
  { name: 'canceled', provider: 'any', label: 'End-user cancelled', expect: 'canceled', weight: 4 },
];

/** Providers whose own vocabulary already covers the generic outcomes (they map them themselves). */
const OWN_GENERIC: Partial<Record<ProviderId, readonly string[]>> = {
  connect: ['canceled'],
  webid: ['canceled', 'failed.timeout'],
};

export function findScenario(name: string): ScenarioSpec | undefined {
  return SCENARIOS.find((s) => s.name === name);
}

export function scenariosFor(provider: ProviderId): ScenarioSpec[] {
  return SCENARIOS.filter((s) => s.provider === provider || s.provider === 'any');
}

export function scenarioFits(
  spec: ScenarioSpec,
  provider: ProviderId,
  processType: string | undefined,
): boolean {
  if (spec.provider !== 'any' && spec.provider !== provider) return false;
  if (spec.processTypes && processType !== undefined && !spec.processTypes.includes(processType))
    return false;
  return true;
}

/** Scenarios that a random pick may choose for this provider and processType (no control-only ones). */
export function randomCandidates(provider: ProviderId, processType: string | undefined): ScenarioSpec[] {
  const own = OWN_GENERIC[provider] ?? [];
  return scenariosFor(provider).filter(
    (s) =>
      s.weight > 0 &&
      scenarioFits(s, provider, processType) &&
      !(s.provider === 'any' && own.includes(s.name)),
  );
}
