/**
 * The sandbox control surface (brief §10; contract §8 "Control API"): the same operations as the HTTP routes under
 * /sandbox/, callable in-process by tests. Never part of the vendor contract; never called by the BFF.
 */
import { z } from 'zod';
import type { Clock } from './clock';
import type { DeliveryLogEntry, EventEnvelope, Webhooks, WebhookTarget } from './events';
import type { Faults, FaultsPatch, FaultState } from './faults';
import type { Media } from './fullresult';
import { COUNTRIES } from './people';
import { badRequest } from './problem';
import { findScenario, SCENARIOS, type ScenarioSpec } from './scenarios';
import type { Stats, StatsCounter } from './stats';
import type { AdvanceTarget, ProcessRecord, Store } from './store';
import type { Tokens } from './auth';
import type { JsonObject } from './types';
import type { Variants, VariantsPatch, VariantState } from './variants';

export const controlProcessSchema = z
  .object({
    dossierId: z.string().min(1).optional(),
    provider: z.string().min(1).optional(),
    processType: z.string().min(1).optional(),
    scenario: z.string().min(1).optional(),
    firstName: z.string().min(1).optional(),
    lastName: z.string().min(1).optional(),
    /** ISO alpha-3 of the person's document (new dossiers only). */
    country: z.string().length(3).optional(),
    stayPending: z.boolean().optional(),
    layout: z.enum(['flat', 'session']).optional(),
    /** The customer's reference of a new dossier (contract §9). */
    externalReference: z.string().min(1).max(200).optional(),
    /**
     * A new dossier for the person of this existing dossier — someone who comes back: the same name, date of birth
     * and document (for linked identities, issue #17). Not with `dossierId`.
     */
    personFrom: z.string().min(1).optional(),
  })
  .strict();
export type ControlProcessInput = z.input<typeof controlProcessSchema>;

export const advanceSchema = z
  .object({
    to: z.enum(['processing', 'final', 'zipReady']).optional(),
    scenario: z.string().min(1).optional(),
  })
  .strict();
export const clockSchema = z.object({ seconds: z.number().finite() }).strict();
export const webhookSchema = z
  .object({ url: z.url().nullable().optional(), secret: z.string().nullable().optional() })
  .strict();
export const resetSchema = z.object({ seed: z.union([z.string(), z.number()]).optional() }).strict();
export const emitSchema = z.object({ eventName: z.string().min(1).optional() }).strict();

export interface ControlProcessResult {
  dossierId: string;
  processId: string;
  scenario: string;
  process: JsonObject;
}

export interface SandboxControl {
  /** Create a process with a forced outcome (and a dossier if none is given). */
  createProcess(input: ControlProcessInput): ControlProcessResult;
  /** Move a process one step, or to `to` ('processing' | 'final' | 'zipReady'); optionally choose its scenario first. */
  advance(processId: string, to?: AdvanceTarget, scenario?: string): JsonObject;
  /** Get process view without touching the request counters. */
  process(processId: string): JsonObject;
  /** Simulated retention deletion: later requests answer 404. */
  expireProcess(processId: string): void;
  expireDossier(dossierId: string): void;
  /** Send an event for a process now (default process.complete). */
  emit(processId: string, eventName?: string): EventEnvelope | undefined;
  stats(): Stats;
  resetStats(): void;
  faults(): Faults;
  setFaults(patch: FaultsPatch): Faults;
  resetFaults(): Faults;
  /** Vendor variants (contract §9). */
  variants(): Variants;
  setVariants(patch: VariantsPatch): Variants;
  resetVariants(): Variants;
  /** Every issued token answers 401 from now on (forced renewal). */
  invalidateTokens(): void;
  /** Rebuild the seeded world (optionally from another seed). */
  reset(seed?: string | number): void;
  advanceClock(seconds: number): number;
  now(): number;
  setWebhook(target: { url?: string | null; secret?: string | null }): WebhookTarget;
  webhookDeliveries(): DeliveryLogEntry[];
  scenarios(): readonly ScenarioSpec[];
  /** Apply due transitions now (normally done on every request and, when live, every second). */
  tick(): void;
}

export function createControl(deps: {
  store: Store;
  clock: Clock;
  faults: FaultState;
  variants: VariantState;
  stats: StatsCounter;
  tokens: Tokens;
  webhooks: Webhooks;
  media: Media;
}): SandboxControl {
  const { store, clock, faults, variants, stats, tokens, webhooks, media } = deps;

  const emitFor = (p: ProcessRecord, eventName: string): EventEnvelope | undefined =>
    webhooks.emit(eventName, {
      dossierId: p.dossierId,
      processId: p.processId,
      provider: p.provider,
      status: p.status,
    });

  return {
    createProcess(raw) {
      store.tick();
      const input = controlProcessSchema.parse(raw);
      const spec = input.scenario === undefined ? undefined : findScenario(input.scenario);
      if (input.scenario !== undefined && !spec)
        throw badRequest(`Unknown scenario '${input.scenario}'.`, [
          { name: 'scenario', reason: 'see GET /sandbox/scenarios' },
        ]);
      const provider = input.provider ?? (spec && spec.provider !== 'any' ? spec.provider : undefined);
      if (!provider)
        throw badRequest('provider is required for this scenario.', [
          { name: 'provider', reason: 'required unless the scenario names its provider' },
        ]);
      if (input.country && !COUNTRIES.some((c) => c.code === input.country)) {
        throw badRequest(`Unknown country '${input.country}'.`, [
          { name: 'country', reason: `one of ${COUNTRIES.map((c) => c.code).join(', ')}` },
        ]);
      }
      store.resolveProcess({ provider, processType: input.processType, scenario: input.scenario }); // validate before creating a dossier
      const names = {
        ...(input.firstName ? { firstName: input.firstName } : {}),
        ...(input.lastName ? { lastName: input.lastName } : {}),
      };
      if (input.personFrom && input.dossierId) {
        throw badRequest('personFrom makes a new dossier; it does not go with dossierId.', [
          { name: 'personFrom', reason: 'omit dossierId' },
        ]);
      }
      const returning = input.personFrom ? store.getDossier(input.personFrom).person : undefined;
      const dossier = input.dossierId
        ? store.getDossier(input.dossierId)
        : store.createDossier({ ...names, country: input.country }, undefined, input.externalReference);
      if (returning) dossier.person = { ...returning, ...names };
      const person =
        input.dossierId && (input.firstName || input.lastName) ? { ...dossier.person, ...names } : undefined;
      const p = store.createProcess(dossier.dossierId, {
        provider,
        processType: input.processType,
        scenario: input.scenario,
        layout: input.layout,
        stayPending: input.stayPending,
        person,
      });
      return {
        dossierId: dossier.dossierId,
        processId: p.processId,
        scenario: p.scenario,
        process: store.processView(p),
      };
    },
    advance(processId, to, scenario) {
      store.tick();
      const p = store.findProcess(processId);
      if (scenario !== undefined) store.setScenario(p, scenario);
      store.advance(p, to);
      return store.processView(p);
    },
    process(processId) {
      store.tick();
      return store.processView(store.findProcess(processId));
    },
    expireProcess: (processId) => store.expireProcess(processId),
    expireDossier: (dossierId) => store.expireDossier(dossierId),
    emit(processId, eventName = 'process.complete') {
      return emitFor(store.findProcess(processId), eventName);
    },
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    faults: () => faults.get(),
    setFaults: (patch) => faults.set(patch),
    resetFaults: () => faults.reset(),
    variants: () => variants.get(),
    setVariants: (patch) => variants.set(patch),
    resetVariants: () => variants.reset(),
    invalidateTokens: () => tokens.invalidateAll(),
    reset(seed) {
      media.clear();
      store.reset(seed === undefined ? undefined : String(seed));
    },
    advanceClock(seconds) {
      clock.advance(seconds);
      store.tick();
      return clock.now();
    },
    now: () => clock.now(),
    setWebhook(target) {
      const next: WebhookTarget = { ...webhooks.current() };
      if (target.url !== undefined) next.url = target.url ?? undefined;
      if (target.secret !== undefined) next.secret = target.secret ?? undefined;
      webhooks.configure(next);
      return webhooks.current();
    },
    webhookDeliveries: () => webhooks.deliveries(),
    scenarios: () => SCENARIOS,
    tick: () => store.tick(),
  };
}
