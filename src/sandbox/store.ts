/**
 * In-memory state of the emulated Assure account: dossiers, processes, their timed transitions and retention.
 * Contract §1 (statuses, final never changes), §4 (Get process shape), §8 (time-based transitions, forced outcomes,
 * retention deletion), §7 (retention default 30 days).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Clock, isoSeconds } from './clock';
import { makePerson, type PersonOverrides } from './people';
import { Rng } from './prng';
import { badRequest, conflict, notFound, SandboxError } from './problem';
import { providerModule } from './providers';
import type { ProviderRun } from './providers/types';
import { findScenario, scenarioFits } from './scenarios';
import { pickProcessType, pickProvider, pickScenario, planWorld } from './seed';
import {
  isFinal,
  isProviderId,
  PROVIDERS,
  STATUSES,
  WITH_RESULT,
  type Derived,
  type JsonObject,
  type Person,
  type ProviderId,
  type Status,
} from './types';

const SECOND = 1000;
const STATE_VERSION = 2;

export interface StoreState {
  version: number;
  seed: string;
  /** The sandbox clock's offset, and the times below on that clock, so a restart continues where it stopped. */
  clockOffsetMs: number;
  nextArrivalAt: number;
  bootAt: number;
  lastRetentionCheck: number;
  dossiers: DossierRecord[];
  processes: Array<Omit<ProcessRecord, 'run'>>;
  moving: string[];
}

/** A person as `makePerson` made it; the fields the views and pictures read must be there (`Person` has the rest). */
const personSchema = z.custom<Person>(
  (v) =>
    z
      .looseObject({
        key: z.string(),
        firstName: z.string(),
        lastName: z.string(),
        look: z.looseObject({ skin: z.array(z.number()) }),
      })
      .safeParse(v).success,
  'not a person',
);
/** What a state file must hold before anything of it is used. */
const stateSchema: z.ZodType<StoreState> = z.object({
  version: z.literal(STATE_VERSION),
  seed: z.string(),
  clockOffsetMs: z.number(),
  nextArrivalAt: z.number(),
  bootAt: z.number(),
  lastRetentionCheck: z.number(),
  dossiers: z.array(
    z.object({
      dossierId: z.string(),
      createdAt: z.number(),
      updatedAt: z.number(),
      person: personSchema,
      processIds: z.array(z.string()),
      externalReference: z.string().optional(),
    }),
  ),
  processes: z.array(
    z.object({
      processId: z.string(),
      dossierId: z.string(),
      provider: z.enum(PROVIDERS),
      processType: z.string().optional(),
      scenario: z.string(),
      layout: z.enum(['flat', 'session']),
      person: personSchema,
      status: z.enum(STATUSES),
      createdAt: z.number(),
      updatedAt: z.number(),
      rngKey: z.string(),
      derived: z
        .object({
          status: z.enum(STATUSES).exclude(['pending', 'processing']),
          failReason: z.string().optional(),
        })
        .optional(),
      zipReady: z.boolean(),
      due: z.object({
        processingAt: z.number().optional(),
        finalAt: z.number().optional(),
        zipReadyAt: z.number().optional(),
      }),
      returnUrl: z.string().optional(),
      multiProviderCapture: z.boolean().optional(),
    }),
  ),
  moving: z.array(z.string()),
});
const DAY = 86_400_000;

export interface DossierRecord {
  dossierId: string;
  createdAt: number;
  updatedAt: number;
  person: Person;
  processIds: string[];
  /** The customer's own reference, set when the dossier was created (contract §9); echoed in events. */
  externalReference?: string;
}

/**
 * The reference a customer's system would give a dossier it creates (seeded and arriving dossiers): derived from
 * the dossier id, so the seeded world stays the same for a seed without drawing from its random stream.
 */
export function customerReference(dossierId: string): string {
  return `CUST-${(parseInt(dossierId.replace(/-/g, '').slice(0, 8), 16) % 900_000) + 100_000}`;
}

export interface ProcessRecord {
  processId: string;
  dossierId: string;
  provider: ProviderId;
  processType?: string;
  scenario: string;
  layout: 'flat' | 'session';
  person: Person;
  status: Status;
  createdAt: number;
  updatedAt: number;
  run: ProviderRun;
  /** Seeds `run`, so a process read back from a state file gets the same checks and pictures. */
  rngKey: string;
  derived?: Derived;
  /** WebID: the zip is produced later (contract §5.6); every other provider: ready when final. */
  zipReady: boolean;
  /** Live schedule on the sandbox clock; absent = waits for the control API or the capture page. */
  due: { processingAt?: number; finalAt?: number; zipReadyAt?: number };
  /** Where the capture stub sends the end-user afterwards (contract §3 "Capture"). */
  returnUrl?: string;
  /** Capture started with several providers: the redirect carries dossierId only. */
  multiProviderCapture?: boolean;
}

export interface StoreOptions {
  seed: string;
  dossiers: number;
  live: boolean;
  arrivalEveryS: number;
  clock: Clock;
  clientId: string;
  retentionDays: number;
  readidLayout: 'flat' | 'session';
  onFinal: (p: ProcessRecord) => void;
  onZipReady: (p: ProcessRecord) => void;
  /** The provider in an outage (fault failProvider): its new processes fail with a technical error. */
  failingProvider?: () => string | null;
}

export interface NewProcess {
  provider: string;
  processType?: string;
  scenario?: string;
  layout?: 'flat' | 'session';
  /** Stay pending until advanced, even when live. */
  stayPending?: boolean;
  /** Per-process name override (control API). */
  person?: Person;
  /**
   * Created through the vendor API: an end-user is expected on the capture page, so a live sandbox waits longer
   * (60–180 s) before starting it on its own.
   */
  awaitsEndUser?: boolean;
}

export type AdvanceTarget = 'processing' | 'final' | 'zipReady';

export class Store {
  private dossiers = new Map<string, DossierRecord>();
  private processes = new Map<string, ProcessRecord>();
  /** Processes that may still move (non-final, or WebID waiting for its zip). */
  private moving = new Set<string>();
  private liveRng: Rng;
  private nextArrivalAt = 0;
  private bootAt = 0;
  private lastRetentionCheck = 0;

  constructor(private readonly opts: StoreOptions) {
    this.liveRng = new Rng(`${opts.seed}:live`);
    this.reset();
  }

  now(): number {
    return this.opts.clock.now();
  }

  get live(): boolean {
    return this.opts.live;
  }

  /** Wipe everything and rebuild the seeded world (POST /sandbox/reset). */
  reset(seed?: string): void {
    if (seed !== undefined) this.opts.seed = seed;
    this.dossiers.clear();
    this.processes.clear();
    this.moving.clear();
    this.liveRng = new Rng(`${this.opts.seed}:live`);
    const base = Math.floor(this.now() / SECOND) * SECOND;
    this.bootAt = base;
    this.lastRetentionCheck = base;
    this.nextArrivalAt = base + this.arrivalGap();
    for (const planned of planWorld(this.opts.seed, this.opts.dossiers, base)) {
      const dossier: DossierRecord = {
        dossierId: planned.dossierId,
        createdAt: planned.createdAt,
        updatedAt: planned.createdAt,
        person: planned.person,
        processIds: [],
        externalReference: customerReference(planned.dossierId),
      };
      this.dossiers.set(dossier.dossierId, dossier);
      for (const pp of planned.processes) {
        const p = this.buildProcess(dossier, {
          processId: pp.processId,
          provider: pp.provider,
          processType: pp.processType,
          scenario: pp.scenario,
          createdAt: pp.createdAt,
          layout: this.opts.readidLayout,
          person: dossier.person,
          rngKey: `${this.opts.seed}:${pp.processId}`,
        });
        if (pp.stage !== 'pending') this.markProcessing(p, pp.processingAt ?? pp.createdAt);
        if (pp.stage === 'final') this.markFinal(p, pp.finalAt ?? pp.createdAt, false);
        if (!isFinal(p.status) && this.opts.live) this.scheduleFrom(p, base);
      }
    }
  }

  // ---- State file (demo mode keeps the account across restarts) -------------------------------------------------

  /** The account as plain data; a process's `run` is rebuilt from its `rngKey` on import. */
  exportState(): StoreState {
    return {
      version: STATE_VERSION,
      seed: this.opts.seed,
      clockOffsetMs: this.opts.clock.offsetMs,
      nextArrivalAt: this.nextArrivalAt,
      bootAt: this.bootAt,
      lastRetentionCheck: this.lastRetentionCheck,
      dossiers: [...this.dossiers.values()],
      processes: [...this.processes.values()].map(({ run: _run, ...rest }) => rest),
      moving: [...this.moving],
    };
  }

  /**
   * Replaces the account, and the clock's offset, with a saved one. Throws, with nothing changed, when the data is
   * malformed or was saved by another version or seed.
   */
  importState(data: unknown): void {
    const parsed = stateSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${issue.path.join('.') || 'state'}: ${issue.message}`);
    }
    const state = parsed.data;
    if (state.seed !== this.opts.seed)
      throw new Error(`saved with seed '${state.seed}', not '${this.opts.seed}'`);
    const dossiers = new Map(state.dossiers.map((d) => [d.dossierId, d]));
    const processes = new Map(
      state.processes.map((p) => [p.processId, { ...p, run: this.startRun(p, p.rngKey) }]),
    );
    // Nothing above changed the store; from here on nothing throws.
    this.opts.clock.offsetMs = state.clockOffsetMs;
    this.dossiers = dossiers;
    this.processes = processes;
    this.moving = new Set(state.moving);
    this.bootAt = state.bootAt;
    this.lastRetentionCheck = state.lastRetentionCheck;
    // Arrivals resume within one gap, even if the saved time lies ahead of this clock.
    this.nextArrivalAt = Math.min(
      state.nextArrivalAt,
      this.now() + Math.max(1, this.opts.arrivalEveryS) * SECOND,
    );
  }

  // ---- Dossiers ----------------------------------------------------------------------------------------------

  createDossier(overrides: PersonOverrides = {}, at = this.now(), externalReference?: string): DossierRecord {
    const dossierId = randomUUID();
    const ms = Math.floor(at / SECOND) * SECOND;
    const dossier: DossierRecord = {
      dossierId,
      createdAt: ms,
      updatedAt: ms,
      person: makePerson(`dossier:${dossierId}`, overrides),
      processIds: [],
      ...(externalReference ? { externalReference } : {}),
    };
    this.dossiers.set(dossierId, dossier);
    return dossier;
  }

  getDossier(dossierId: string): DossierRecord {
    const d = this.dossiers.get(dossierId);
    if (!d) throw notFound('Dossier', dossierId);
    return d;
  }

  /** The customer's reference of a dossier, if it exists and has one. */
  externalReferenceOf(dossierId: string): string | undefined {
    return this.dossiers.get(dossierId)?.externalReference;
  }

  /** Contract §3: plain array, newest first. */
  listDossiers(): DossierRecord[] {
    return [...this.dossiers.values()].sort(
      (a, b) => b.createdAt - a.createdAt || (a.dossierId < b.dossierId ? -1 : 1),
    );
  }

  /** Contract §3: delete cascades to files and processes. */
  deleteDossier(dossierId: string): void {
    const d = this.getDossier(dossierId);
    for (const pid of d.processIds) {
      this.processes.delete(pid);
      this.moving.delete(pid);
    }
    this.dossiers.delete(dossierId);
  }

  // ---- Processes ---------------------------------------------------------------------------------------------

  /** Validate provider/processType/scenario (contract §3 400 with invalidParams, §5 processTypes). */
  resolveProcess(input: NewProcess): { provider: ProviderId; processType?: string; scenario?: string } {
    if (!isProviderId(input.provider)) {
      throw badRequest(`Unknown provider '${input.provider}'.`, [
        { name: 'provider', reason: `must be one of ${PROVIDERS.join(', ')}` },
      ]);
    }
    const provider = input.provider;
    const types = providerModule(provider).processTypes;
    let processType = input.processType;
    if (types.length === 0 && processType !== undefined) {
      throw badRequest(`Provider '${provider}' takes no processType.`, [
        { name: 'processType', reason: `${provider} has no process types; omit it` },
      ]);
    }
    if (types.length > 0 && processType !== undefined && !types.includes(processType)) {
      throw badRequest(`Unknown processType '${processType}' for provider '${provider}'.`, [
        { name: 'processType', reason: `must be one of ${types.join(', ')}` },
      ]);
    }
    if (input.scenario !== undefined) {
      const spec = findScenario(input.scenario);
      if (!spec)
        throw badRequest(`Unknown scenario '${input.scenario}'.`, [
          { name: 'scenario', reason: 'see GET /sandbox/scenarios' },
        ]);
      if (!scenarioFits(spec, provider, processType)) {
        throw badRequest(
          `Scenario '${spec.name}' does not fit ${provider}${processType ? `/${processType}` : ''}.`,
          [
            {
              name: 'scenario',
              reason: `applies to ${spec.provider}${spec.processTypes ? ` (${spec.processTypes.join(', ')})` : ''}`,
            },
          ],
        );
      }
      if (processType === undefined && types.length > 0) processType = spec.processTypes?.[0] ?? types[0];
    }
    if (processType === undefined && types.length > 0) processType = types[0];
    return { provider, processType, scenario: input.scenario };
  }

  createProcess(dossierId: string, input: NewProcess, at = this.now()): ProcessRecord {
    const dossier = this.getDossier(dossierId);
    const resolved = this.resolveProcess(input);
    const outage = this.opts.failingProvider?.() === resolved.provider ? 'failed.technicalError' : undefined;
    const scenario =
      outage ?? resolved.scenario ?? pickScenario(this.liveRng, resolved.provider, resolved.processType);
    const processId = randomUUID();
    const p = this.buildProcess(dossier, {
      processId,
      provider: resolved.provider,
      processType: resolved.processType,
      scenario,
      createdAt: Math.floor(at / SECOND) * SECOND,
      layout: input.layout ?? (scenario === 'readid.sessionLayout' ? 'session' : this.opts.readidLayout),
      person: input.person ?? dossier.person,
      rngKey: processId,
    });
    if (this.opts.live && !input.stayPending)
      this.scheduleFrom(p, p.createdAt, input.awaitsEndUser ? [60, 180] : [10, 30]);
    return p;
  }

  getProcess(dossierId: string, processId: string): ProcessRecord {
    this.getDossier(dossierId);
    const p = this.processes.get(processId);
    if (!p || p.dossierId !== dossierId) throw notFound('Process', processId);
    return p;
  }

  findProcess(processId: string): ProcessRecord {
    const p = this.processes.get(processId);
    if (!p) throw notFound('Process', processId);
    return p;
  }

  listProcesses(dossierId: string): ProcessRecord[] {
    return this.getDossier(dossierId)
      .processIds.map((id) => this.processes.get(id))
      .filter((p): p is ProcessRecord => p !== undefined);
  }

  deleteProcess(dossierId: string, processId: string): void {
    const p = this.getProcess(dossierId, processId);
    this.removeProcess(p);
  }

  /** Simulated retention deletion (contract §7): the process answers 404 from now on. */
  expireProcess(processId: string): void {
    this.removeProcess(this.findProcess(processId));
  }

  expireDossier(dossierId: string): void {
    this.deleteDossier(dossierId);
  }

  /** Choose the outcome before the process finishes (capture page, control API). */
  setScenario(p: ProcessRecord, scenario: string): void {
    if (isFinal(p.status))
      throw conflict(`Process ${p.processId} is already final (${p.status}); final statuses never change.`);
    const resolved = this.resolveProcess({ provider: p.provider, processType: p.processType, scenario });
    p.scenario = scenario;
    if (scenario === 'readid.sessionLayout') p.layout = 'session';
    p.processType = resolved.processType;
    p.rngKey = `${this.opts.seed}:${p.processId}:${scenario}`;
    p.run = this.startRun(p, p.rngKey);
  }

  /**
   * Move a process one step (or to `to`): pending → processing → final; for WebID then → zip ready.
   * Contract §1: `pending → canceled|failed` directly is possible (skipProcessing scenarios).
   */
  advance(p: ProcessRecord, to?: AdvanceTarget, at = this.now()): ProcessRecord {
    const target: AdvanceTarget =
      to ??
      (p.status === 'pending'
        ? findScenario(p.scenario)?.skipProcessing
          ? 'final'
          : 'processing'
        : isFinal(p.status)
          ? 'zipReady'
          : 'final');
    if (target === 'processing') {
      if (p.status !== 'pending')
        throw conflict(`Process ${p.processId} is ${p.status}; only a pending process can start processing.`);
      this.markProcessing(p, at);
      if (this.opts.live) p.due = { finalAt: at + this.liveRng.int(20, 90) * SECOND }; // from now on
    } else if (target === 'final') {
      if (isFinal(p.status))
        throw conflict(`Process ${p.processId} is already final (${p.status}); final statuses never change.`);
      this.markFinal(p, at, true);
    } else {
      if (
        p.provider !== 'webid' ||
        !isFinal(p.status) ||
        p.zipReady ||
        !(WITH_RESULT as readonly string[]).includes(p.status)
      ) {
        throw conflict(`Process ${p.processId} has nothing left to advance (status ${p.status}).`);
      }
      this.markZipReady(p);
    }
    return p;
  }

  // ---- Time ---------------------------------------------------------------------------------------------------

  /** Apply everything that is due on the sandbox clock: transitions, live arrivals, retention. */
  tick(): void {
    const now = this.now();
    if (this.opts.live) this.arrive(now);
    for (const id of [...this.moving]) {
      const p = this.processes.get(id);
      if (!p) {
        this.moving.delete(id);
        continue;
      }
      const { processingAt, finalAt, zipReadyAt } = p.due;
      if (p.status === 'pending' && processingAt !== undefined && processingAt <= now)
        this.markProcessing(p, processingAt);
      const mayFinish =
        p.status === 'processing' ||
        (p.status === 'pending' && findScenario(p.scenario)?.skipProcessing === true);
      if (mayFinish && finalAt !== undefined && finalAt <= now) this.markFinal(p, finalAt, true);
      if (isFinal(p.status) && !p.zipReady && zipReadyAt !== undefined && zipReadyAt <= now)
        this.markZipReady(p);
    }
    if (now - this.lastRetentionCheck >= 60 * SECOND) this.applyRetention(now);
  }

  // ---- Views (contract §3 Dossier, §4 Get process) ------------------------------------------------------------

  processView(p: ProcessRecord): JsonObject {
    const view: JsonObject = { processId: p.processId, provider: p.provider };
    if (p.processType !== undefined) view.processType = p.processType;
    view.status = p.status;
    view.createdAt = isoSeconds(p.createdAt);
    view.updatedAt = isoSeconds(p.updatedAt);
    const stage = p.status === 'pending' ? undefined : isFinal(p.status) ? 'final' : 'processing';
    const providerSpecific = stage ? p.run.providerSpecific(stage) : undefined;
    if (providerSpecific) view.providerSpecific = providerSpecific;
    if (p.status === 'accepted') view.finalResult = p.run.finalResult(); // only when accepted (§4)
    if (p.status === 'failed') view.failReason = p.derived?.failReason ?? 'technicalError'; // only when failed (§4)
    return view;
  }

  dossierView(d: DossierRecord): JsonObject {
    return {
      dossierId: d.dossierId,
      ...(d.externalReference ? { externalReference: d.externalReference } : {}),
      createdAt: isoSeconds(d.createdAt),
      updatedAt: isoSeconds(d.updatedAt),
      processes: this.listProcesses(d.dossierId).map((p) => {
        const summary: JsonObject = { processId: p.processId, provider: p.provider };
        if (p.processType !== undefined) summary.processType = p.processType;
        summary.status = p.status;
        summary.createdAt = isoSeconds(p.createdAt);
        summary.updatedAt = isoSeconds(p.updatedAt);
        return summary;
      }),
    };
  }

  counts(): { dossiers: number; processes: number; byStatus: Record<string, number> } {
    const byStatus: Record<string, number> = {};
    for (const p of this.processes.values()) byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
    return { dossiers: this.dossiers.size, processes: this.processes.size, byStatus };
  }

  // ---- Internals ----------------------------------------------------------------------------------------------

  private startRun(
    p: Pick<
      ProcessRecord,
      'provider' | 'processType' | 'scenario' | 'person' | 'dossierId' | 'processId' | 'createdAt' | 'layout'
    >,
    rngKey: string,
  ): ProviderRun {
    return providerModule(p.provider).start(p.scenario, {
      person: p.person,
      dossierId: p.dossierId,
      processId: p.processId,
      processType: p.processType,
      rng: new Rng(rngKey),
      createdAtMs: p.createdAt,
      layout: p.layout,
      clientId: this.opts.clientId,
    });
  }

  private buildProcess(
    dossier: DossierRecord,
    b: {
      processId: string;
      provider: ProviderId;
      processType?: string;
      scenario: string;
      createdAt: number;
      layout: 'flat' | 'session';
      person: Person;
      rngKey: string;
    },
  ): ProcessRecord {
    const base = {
      processId: b.processId,
      dossierId: dossier.dossierId,
      provider: b.provider,
      processType: b.processType,
      scenario: b.scenario,
      person: b.person,
      createdAt: b.createdAt,
      layout: b.layout,
    };
    const p: ProcessRecord = {
      ...base,
      status: 'pending',
      updatedAt: b.createdAt,
      run: this.startRun(base, b.rngKey),
      rngKey: b.rngKey,
      zipReady: false,
      due: {},
    };
    this.processes.set(p.processId, p);
    this.moving.add(p.processId);
    dossier.processIds.push(p.processId);
    this.touch(dossier, p.createdAt);
    return p;
  }

  /** Live timing: pending → processing after 10–30 s (`startS`), → final 20–90 s later (brief §6). */
  private scheduleFrom(p: ProcessRecord, from: number, startS: [number, number] = [10, 30]): void {
    const skip = findScenario(p.scenario)?.skipProcessing ?? false;
    if (p.status === 'pending') {
      const processingAt = from + this.liveRng.int(startS[0], startS[1]) * SECOND;
      p.due.processingAt = skip ? undefined : processingAt;
      p.due.finalAt = processingAt + this.liveRng.int(20, 90) * SECOND;
    } else if (p.status === 'processing') {
      p.due.finalAt = from + this.liveRng.int(20, 90) * SECOND;
    }
  }

  private markProcessing(p: ProcessRecord, at: number): void {
    if (p.status !== 'pending') return;
    p.status = 'processing';
    this.touchProcess(p, at);
  }

  private markFinal(p: ProcessRecord, at: number, notify: boolean): void {
    if (isFinal(p.status)) return; // contract §1: final statuses never change
    const derived = p.run.derive();
    const forced = findScenario(p.scenario)?.forceStatus;
    p.derived = derived;
    p.status = forced ?? derived.status;
    const withResult = (WITH_RESULT as readonly string[]).includes(p.status);
    p.zipReady = p.provider !== 'webid' && withResult;
    this.touchProcess(p, at);
    if (p.provider === 'webid' && withResult && this.opts.live && notify)
      p.due.zipReadyAt = at + this.liveRng.int(20, 60) * SECOND;
    if (p.provider === 'webid' && withResult && !notify) p.zipReady = true; // seeded history: long since ready
    if (p.zipReady || !withResult || p.provider !== 'webid') this.moving.delete(p.processId);
    if (notify) this.opts.onFinal(p);
  }

  private markZipReady(p: ProcessRecord): void {
    p.zipReady = true;
    this.moving.delete(p.processId);
    this.opts.onZipReady(p);
  }

  private touchProcess(p: ProcessRecord, at: number): void {
    const ms = Math.max(p.updatedAt, Math.floor(at / SECOND) * SECOND);
    p.updatedAt = ms;
    const d = this.dossiers.get(p.dossierId);
    if (d) this.touch(d, ms);
  }

  private touch(d: DossierRecord, at: number): void {
    d.updatedAt = Math.max(d.updatedAt, at);
  }

  private removeProcess(p: ProcessRecord): void {
    this.processes.delete(p.processId);
    this.moving.delete(p.processId);
    const d = this.dossiers.get(p.dossierId);
    if (d) d.processIds = d.processIds.filter((id) => id !== p.processId);
  }

  private arrivalGap(): number {
    return Math.max(1, this.opts.arrivalEveryS) * SECOND * this.liveRng.float(0.5, 1.5);
  }

  /** Live mode: new processes keep arriving (brief §6); a quarter are retries of recent inconclusive ones. */
  private arrive(now: number): void {
    const gap = Math.max(1, this.opts.arrivalEveryS) * SECOND;
    if (now - this.nextArrivalAt > 50 * gap) this.nextArrivalAt = now - 50 * gap; // after a big clock jump
    while (this.nextArrivalAt <= now) {
      const at = this.nextArrivalAt;
      this.nextArrivalAt += this.arrivalGap();
      const retryOf = this.liveRng.bool(0.25) ? this.recentInconclusive() : undefined;
      const dossier = retryOf ? this.getDossier(retryOf.dossierId) : this.createDossier({}, at);
      if (!retryOf) dossier.externalReference = customerReference(dossier.dossierId);
      const provider = retryOf?.provider ?? pickProvider(this.liveRng, dossier.person);
      const processType = retryOf?.processType ?? pickProcessType(this.liveRng, provider);
      // createProcess schedules the new process itself because the store is live.
      this.createProcess(
        dossier.dossierId,
        { provider, processType, scenario: pickScenario(this.liveRng, provider, processType) },
        at,
      );
    }
  }

  private recentInconclusive(): ProcessRecord | undefined {
    const recent = this.listDossiers().slice(0, 60);
    for (const d of recent) {
      const last = this.processes.get(d.processIds[d.processIds.length - 1] ?? '');
      if (last?.status === 'inconclusive' && d.processIds.length < 3) return last;
    }
    return undefined;
  }

  /**
   * Contract §7: the vendor deletes data after a retention period (emulator default 30 days). Counted from the
   * dossier's last change, but never from before the sandbox started, so the seeded 90-day history stays visible
   * until the clock really moves on.
   */
  private applyRetention(now: number): void {
    this.lastRetentionCheck = now;
    if (this.opts.retentionDays <= 0) return;
    const keep = this.opts.retentionDays * DAY;
    for (const d of [...this.dossiers.values()]) {
      if (Math.max(d.updatedAt, this.bootAt) + keep <= now) this.deleteDossier(d.dossierId);
    }
  }
}

export { SandboxError };
