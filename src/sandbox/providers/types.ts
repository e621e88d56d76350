/**
 * The shape every provider module has (contract §5). A provider turns a scenario into *checks* (the data the
 * vendor would report), then derives the status from those checks with its own documented rule, so the status
 * shown by Get process is always a consequence of providerSpecific and never stored independently.
 */
import type { Rng } from '../prng';
import type { Abort, Depiction, Derived, Json, JsonObject, Person, ProviderId } from '../types';

/** How far a process has got: providerSpecific fills in gradually (contract §4). */
export type Stage = 'processing' | 'final';

export interface GenContext {
  person: Person;
  dossierId: string;
  processId: string;
  processType?: string;
  rng: Rng;
  /** Sandbox-clock millis of process creation (used for token claims and raw timestamps). */
  createdAtMs: number;
  /** ReadID: put the elements in one `session` element instead of directly under providerSpecific (§5.1). */
  layout: 'flat' | 'session';
  clientId: string;
}

export interface RawFile {
  name: string;
  content: Json;
}

/** One generated verification: its checks are fixed; everything else is rendered from them. */
export interface ProviderRun {
  /** Apply the provider's rule (contract §5.x) to the checks. */
  derive(): Derived;
  /** providerSpecific at this stage; undefined when there is nothing to show. */
  providerSpecific(stage: Stage): JsonObject | undefined;
  /** Contract §4 finalResult (used only when the status is accepted). */
  finalResult(): Record<string, string>;
  /** The provider's raw JSON for the full-result zip (contract §5 zip layouts). */
  rawFile(): RawFile;
  /** Pictures captured, by depiction (images endpoint and zip); empty when finished without result. */
  depictions(): Depiction[];
  /** The session was recorded: the zip holds `video.mp4` (VideoID). */
  recordsVideo?: boolean;
}

export interface ProviderModule {
  id: ProviderId;
  /** Allowed processTypes; empty means the provider has none and it is omitted (contract §5 table). */
  processTypes: readonly string[];
  /** Start capture flow is supported (contract §3 "Capture"). */
  captureSupported: boolean;
  start(scenario: string, ctx: GenContext): ProviderRun;
}

/** Shared helper for the "finished without result" scenarios (contract §1, §4 failReason). */
export function abortFor(scenario: string): Abort | undefined {
  switch (scenario) {
    case 'canceled':
      return { status: 'canceled' };
    case 'failed.timeout':
      return { status: 'failed', failReason: 'timeout' };
    case 'failed.cameraAccessDenied':
      return { status: 'failed', failReason: 'cameraAccessDenied' };
    case 'failed.userAborted':
      return { status: 'failed', failReason: 'userAborted' };
    case 'failed.technicalError':
      return { status: 'failed', failReason: 'technicalError' };
    case 'failed.documentNotSupported':
      return { status: 'failed', failReason: 'documentNotSupported' };
    default:
      return undefined;
  }
}

/** A run that ended without a result: no providerSpecific, no images, no zip. */
export function abortedRun(abort: Abort, raw: RawFile): ProviderRun {
  return {
    derive: () => abort,
    providerSpecific: () => undefined,
    finalResult: () => ({}),
    rawFile: () => raw,
    depictions: () => [],
  };
}

export function unknownScenario(provider: ProviderId, scenario: string): Error {
  return new Error(`Scenario '${scenario}' does not apply to provider '${provider}'`);
}
