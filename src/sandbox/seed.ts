/**
 * The seeded world (contract §8 "Deterministic seeding", brief §6): `count` dossiers spread over the last 90 days
 * before `baseMs`, drawn only from the seed. Same seed and base → identical ids, people, scenarios and timestamps.
 * Mix: ReadID most common, mostly accepted, ~10–15 % inconclusive, some rejected/failed/canceled, a handful still
 * pending/processing (the newest), some dossiers with 2–3 attempts (retries after inconclusive: accepted, failed or
 * inconclusive again), one whose retry is still running, and exactly one person whose name carries HTML (in a
 * full-size world, well below the demo's first screen: hostile names are for tests, not for a first impression).
 */
import { NORDIC, makeHostilePerson, makePerson } from './people';
import { Rng, type Weighted } from './prng';
import { findScenario, randomCandidates } from './scenarios';
import type { Person, ProviderId } from './types';

export interface PlannedProcess {
  processId: string;
  provider: ProviderId;
  processType?: string;
  scenario: string;
  createdAt: number;
  /** Where the process stands at seeding time. */
  stage: 'pending' | 'processing' | 'final';
  processingAt?: number;
  finalAt?: number;
}

export interface PlannedDossier {
  dossierId: string;
  createdAt: number;
  person: Person;
  processes: PlannedProcess[];
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
export const SEED_SPAN_DAYS = 90;
/** Position (newest first) of the dossier whose person has an HTML name, in a small world and in a full one. */
export const HOSTILE_INDEX = 4;
const HOSTILE_INDEX_FULL = 120;
/** Position of the newest dossier whose retry is still running after an inconclusive attempt (a non-final one). */
const RUNNING_RETRY_INDEX = 1;
const NON_FINAL: readonly ('pending' | 'processing')[] = ['pending', 'processing', 'processing', 'pending'];

const PROVIDER_MIX: Weighted<ProviderId>[] = [
  { value: 'readid', weight: 40 },
  { value: 'signicatvideoid', weight: 12 },
  { value: 'onfido', weight: 14 },
  { value: 'signicatpaper', weight: 10 },
  { value: 'signicatpictureid', weight: 5 },
  { value: 'eid', weight: 7 },
  { value: 'connect', weight: 6 },
  { value: 'webid', weight: 6 },
];

const PROCESS_TYPES: Partial<Record<ProviderId, Weighted<string>[]>> = {
  readid: [{ value: 'ready', weight: 1 }],
  onfido: [
    { value: 'documentSelfie', weight: 60 },
    { value: 'document', weight: 25 },
    { value: 'documentVideo', weight: 15 },
  ],
  eid: [
    { value: 'unattended', weight: 60 },
    { value: 'attended', weight: 40 },
  ],
  webid: [
    { value: 'videoid', weight: 70 },
    { value: 'accountid', weight: 30 },
  ],
  signicatvideoid: [
    { value: 'substantialFullyAuto', weight: 55 },
    { value: 'substantial', weight: 25 },
    { value: 'high', weight: 15 },
    { value: 'hybrid', weight: 5 },
  ],
  signicatpictureid: [
    { value: 'documentSelfie', weight: 70 },
    { value: 'document', weight: 30 },
  ],
};

export function pickProvider(rng: Rng, person: Person): ProviderId {
  const nordic = (NORDIC as readonly string[]).includes(person.issuingCountry);
  // Connect logs in with a Nordic eID; ReadID needs a chip document (no driving licences).
  const mix = PROVIDER_MIX.filter(
    (p) =>
      (p.value !== 'connect' || nordic) && (p.value !== 'readid' || person.documentType !== 'driversLicense'),
  );
  return rng.weighted(mix);
}

export function pickProcessType(rng: Rng, provider: ProviderId): string | undefined {
  const types = PROCESS_TYPES[provider];
  return types ? rng.weighted(types) : undefined;
}

export function pickScenario(rng: Rng, provider: ProviderId, processType: string | undefined): string {
  return rng.weighted(
    randomCandidates(provider, processType).map((s) => ({ value: s.name, weight: s.weight })),
  );
}

/** Timing of one finished attempt: start, processing, final (timeouts never reach processing). */
function timeline(rng: Rng, createdAt: number, scenario: string): { processingAt?: number; finalAt: number } {
  if (findScenario(scenario)?.skipProcessing) return { finalAt: createdAt + rng.int(15, 30) * MINUTE };
  const processingAt = createdAt + rng.int(10, 120) * 1000;
  return { processingAt, finalAt: processingAt + rng.int(20, 300) * 1000 };
}

export function planWorld(seed: string, count: number, baseMs: number): PlannedDossier[] {
  const rng = new Rng(`${seed}:world`);
  const ages = Array.from({ length: count }, (_, i) =>
    i < NON_FINAL.length ? rng.int(1, 10) * MINUTE : rng.int(15 * MINUTE, SEED_SPAN_DAYS * DAY),
  ).sort((a, b) => a - b);
  const latest = baseMs - 1000;

  return ages.map((age, index) => {
    const dossierId = rng.uuid();
    const createdAt = Math.floor((baseMs - age) / 1000) * 1000;
    const hostile = index === (count > HOSTILE_INDEX_FULL ? HOSTILE_INDEX_FULL : HOSTILE_INDEX);
    const person = hostile ? makeHostilePerson(`${seed}:${dossierId}`) : makePerson(`${seed}:${dossierId}`);
    const provider = hostile ? 'signicatpaper' : pickProvider(rng, person);
    const nonFinal = index < NON_FINAL.length ? NON_FINAL[index] : undefined;

    // Retries after inconclusive (contract §7 "let the end-user retry 1–2 more times"): an inconclusive attempt is
    // followed by another one in most dossiers, at most three attempts; never for the non-final newest ones.
    const processes: PlannedProcess[] = [];
    let at = createdAt;
    let currentProvider: ProviderId = provider;
    // The end-user is on a retry right now, after an inconclusive attempt earlier today. Its own generator, so the
    // rest of the world stays as it was.
    if (index === RUNNING_RETRY_INDEX && nonFinal && count > HOSTILE_INDEX_FULL) {
      const extra = new Rng(`${seed}:running-retry`);
      const processType = pickProcessType(extra, currentProvider);
      const inconclusive = randomCandidates(currentProvider, processType).filter(
        (s) => s.expect === 'inconclusive',
      );
      if (inconclusive.length) {
        const created = createdAt - extra.int(60, 180) * MINUTE;
        const t = timeline(extra, created, inconclusive[0]!.name);
        processes.push({
          processId: extra.uuid(),
          provider: currentProvider,
          processType,
          scenario: extra.weighted(inconclusive.map((s) => ({ value: s.name, weight: s.weight }))),
          createdAt: created,
          stage: 'final',
          processingAt: t.processingAt,
          finalAt: Math.min(t.finalAt, createdAt - MINUTE),
        });
      }
    }
    for (let attempt = 0; attempt < 3; attempt++) {
      const processType = pickProcessType(rng, currentProvider);
      const scenario = hostile
        ? attempt === 0
          ? 'paper.noMrz'
          : 'paper.accepted'
        : pickScenario(rng, currentProvider, processType);
      const processId = rng.uuid();
      const created = Math.min(at, latest);
      if (nonFinal) {
        const processingAt = nonFinal === 'processing' ? Math.min(created + 15_000, latest) : undefined;
        processes.push({
          processId,
          provider: currentProvider,
          processType,
          scenario,
          createdAt: created,
          stage: nonFinal,
          processingAt,
        });
        break;
      }
      const t = timeline(rng, created, scenario);
      processes.push({
        processId,
        provider: currentProvider,
        processType,
        scenario,
        createdAt: created,
        stage: 'final',
        processingAt: t.processingAt === undefined ? undefined : Math.min(t.processingAt, latest),
        finalAt: Math.min(t.finalAt, latest),
      });
      const retried = findScenario(scenario)?.expect === 'inconclusive' && (hostile || rng.bool(0.65));
      if (!retried) break;
      at = Math.min(t.finalAt, latest) + rng.int(2, 240) * MINUTE;
      // Occasionally the retry uses another provider (providers may differ within a dossier, contract §1).
      if (!hostile && rng.bool(0.2)) currentProvider = pickProvider(rng, person);
      if (at >= latest) {
        if (!hostile) break;
        at = latest - 60_000; // the HTML-name person always gets both attempts
      }
    }
    return { dossierId, createdAt: processes[0]?.createdAt ?? createdAt, person, processes };
  });
}
