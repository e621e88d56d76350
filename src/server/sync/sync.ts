import { randomUUID } from 'node:crypto';
import { isFinalStatus } from '@domain/status';
import type { AssureProcess } from '@domain/process';
import type { AssureClient, AssureDossier } from '../assure/client';
import { AssureError } from '../assure/errors';
import type { Db } from '../db/client';
import {
  claimRefresh,
  dossiersByExternalReference,
  dossiersWithOpenProcesses,
  findProcess,
  knownDossiers,
  knownProcesses,
  markDossierDeleted,
  markProcessDeleted,
  setEventOutcome,
  staleOpenProcesses,
  touchDossier,
  upsertProcess,
} from '../db/processes';
import { purgeHousekeeping } from '../db/housekeeping';
import { releaseLeases, takeLease } from '../db/leases';
import { errorFields, type Logger } from '../lib/logger';
import type { LinkIndex } from '../links/link-index';
import { erasePersonalDataPastRetention } from '../retention/retention';

/** How long a read waits for a fresh copy of a non-final process before it serves the last known one. */
export const READ_REFRESH_BUDGET_MS = 1500;
/** Personal-data retention runs hourly, the first time this long after start-up (after the first discovery). */
export const RETENTION_INTERVAL_S = 3600;
export const RETENTION_FIRST_RUN_MS = 30_000;

export interface SyncOptions {
  freshnessWindowMs: number;
  syncIntervalS: number;
  fullSyncIntervalS?: number;
  pollNonFinalS: number;
  concurrency?: number;
  /** Delay of the first personal-data retention run after start-up (default RETENTION_FIRST_RUN_MS). */
  retentionFirstRunMs?: number;
  /** The link index: keys written with every stored answer, backfilled and re-keyed in the background. */
  links?: LinkIndex;
  /** What the hourly housekeeping purges besides expired sessions: idle sessions and old security events. */
  housekeeping?: { sessionIdleMs?: number; securityEventsDays?: number };
  /** Further periodic jobs composed by the server, each run under a lease of its name (one instance at a time). */
  jobs?: ScheduledJob[];
}

export interface ScheduledJob {
  name: string;
  intervalS: number;
  run: () => Promise<unknown>;
}

/** How often the link index's background work (backfill, re-keying after a rotation) looks for work. */
export const LINK_MAINTENANCE_INTERVAL_S = 5;
/** One lease holds the link work for at most this long before handing the rest to the next tick. */
const LINK_MAINTENANCE_SLICE_MS = 20_000;

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}

/**
 * Keeps the local index of dossiers and processes in step with Assure: discovery on start and periodically,
 * refresh on webhook hints, a fallback poll of non-final processes, and freshness-bounded refresh on reads.
 */
export class SyncService {
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<unknown>>();
  private stopped = false;
  readonly instanceId = randomUUID();

  constructor(
    private readonly db: Db,
    private readonly client: AssureClient,
    private readonly log: Logger,
    private readonly opts: SyncOptions,
  ) {}

  start() {
    // A job whose previous run is still going (a slow upstream) skips its tick instead of piling up.
    const busy = new Set<string>();
    const every = (ms: number, name: string, fn: () => Promise<unknown>, runNow = true) => {
      const run = () => {
        if (this.stopped || busy.has(name)) return;
        busy.add(name);
        this.track(
          fn()
            .catch((err) => this.log.warn(`${name} failed`, errorFields(err)))
            .finally(() => busy.delete(name)),
        );
      };
      if (runNow) run();
      this.timers.push(setInterval(run, ms));
      return run;
    };
    every(this.opts.syncIntervalS * 1000, 'discovery', () =>
      this.withLease('discovery', this.opts.syncIntervalS, () => this.discover()),
    );
    const full = this.opts.fullSyncIntervalS ?? 3600;
    every(
      full * 1000,
      'full discovery',
      () => this.withLease('full-discovery', full, () => this.discover({ full: true })),
      false,
    );
    // Housekeeping: expired and idle sessions, webhook ids past any retry window, security events past retention.
    every(3600_000, 'purge', () => purgeHousekeeping(this.db, this.opts.housekeeping));
    every(Math.min(this.opts.pollNonFinalS, 30) * 1000, 'poll', () =>
      this.withLease('poll', Math.min(this.opts.pollNonFinalS, 30), () => this.pollOpenProcesses()),
    );
    // Personal-data retention: one instance per hour erases what the setting says is past keeping.
    const retention = every(
      RETENTION_INTERVAL_S * 1000,
      'retention',
      () => this.withLease('retention', RETENTION_INTERVAL_S, () => this.erasePersonalData()),
      false,
    );
    this.timers.push(setTimeout(retention, this.opts.retentionFirstRunMs ?? RETENTION_FIRST_RUN_MS));
    // Link index: backfill of processes indexed before linking existed, and re-keying after a LINK_KEY rotation.
    if (this.opts.links) {
      every(LINK_MAINTENANCE_INTERVAL_S * 1000, 'link index', () =>
        this.withLease('link-index', Math.ceil(LINK_MAINTENANCE_SLICE_MS / 1000) + 10, () =>
          this.maintainLinks(),
        ),
      );
    }
    for (const job of this.opts.jobs ?? [])
      every(job.intervalS * 1000, job.name, () => this.withLease(job.name, job.intervalS, job.run));
  }

  /** Runs link-index batches until there is nothing left or the slice is used up (the next tick goes on). */
  async maintainLinks() {
    const links = this.opts.links;
    if (!links) return;
    const until = Date.now() + LINK_MAINTENANCE_SLICE_MS;
    while (!this.stopped && Date.now() < until && (await links.maintain())) {
      // another batch
    }
  }

  /** Stores a Get process answer in the index (and its identity keys in the link index). */
  private store(dossierId: string, process: AssureProcess) {
    return upsertProcess(this.db, dossierId, process, this.opts.links);
  }

  /** Erases personal data past the retention setting (see src/server/retention); stops between batches on shutdown. */
  async erasePersonalData() {
    const { erased, cutoff } = await erasePersonalDataPastRetention(this.db, {
      shouldStop: () => this.stopped,
    });
    if (erased > 0)
      this.log.info('personal data erased', { processes: erased, cutoff: cutoff?.toISOString() });
    return erased;
  }

  /**
   * Stops timers, waits for work under way and hands back this instance's leases, so the instance that replaces it
   * (a restart, a deploy) does not wait out an hourly lease before retention or a full discovery can run again.
   */
  async stop() {
    this.stopped = true;
    this.timers.forEach(clearInterval);
    await this.settled();
    await releaseLeases(this.db, this.instanceId).catch((err: unknown) =>
      this.log.warn('could not release leases', errorFields(err)),
    );
  }

  /** Resolves once the background work under way now (events followed, reads refreshed) has finished. */
  async settled() {
    await Promise.allSettled([...this.running]);
  }

  /** Runs background work so that shutdown can wait for it. */
  track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    void p.finally(() => this.running.delete(p)).catch(() => {});
    return p;
  }

  /** Runs `fn` only on the instance that holds the named lease, so instances sharing a database do not repeat work. */
  async withLease(name: string, ttlS: number, fn: () => Promise<unknown>) {
    const until = new Date(Date.now() + ttlS * 1000 * 0.9);
    if (await takeLease(this.db, name, this.instanceId, until)) await fn();
  }

  /**
   * Finds every dossier and process with one list call plus work only where something may have changed: dossiers
   * that are new to us, hold non-final processes (final processes never change) or report a newer `updatedAt`;
   * `full` re-lists every dossier (a slow safety net for upstreams that report no dossier `updatedAt`). Bounded
   * concurrency; when Assure includes process summaries in the dossier list, only new or changed processes are
   * fetched.
   */
  async discover(opts: { full?: boolean } = {}): Promise<{ dossiers: number; fetched: number }> {
    const list = await this.client.listDossiers();
    const known = await knownDossiers(this.db);
    const open = await dossiersWithOpenProcesses(this.db);
    let fetched = 0;
    await mapLimit(list, this.opts.concurrency ?? 8, async (dossier) => {
      if (this.stopped) return;
      const reported =
        typeof dossier.updatedAt === 'string' && !Number.isNaN(Date.parse(dossier.updatedAt))
          ? new Date(dossier.updatedAt)
          : null;
      const seen = known.get(dossier.dossierId);
      const mayHaveChanged =
        opts.full ||
        seen === undefined ||
        open.has(dossier.dossierId) ||
        (reported !== null && reported.getTime() !== seen);
      try {
        if (!mayHaveChanged) {
          // Nothing to fetch, but a reference the customer set later is still worth keeping (one cheap write).
          if (dossier.externalReference)
            await touchDossier(
              this.db,
              dossier.dossierId,
              seen === null || seen === undefined ? reported : new Date(seen),
              dossier.externalReference,
            );
          return;
        }
        const n = await this.syncDossier(dossier); // (not `fetched += await …`: that reads `fetched` before waiting)
        fetched += n;
        await touchDossier(this.db, dossier.dossierId, reported, dossier.externalReference);
      } catch (err) {
        if (err instanceof AssureError && err.kind === 'not_found')
          await markDossierDeleted(this.db, dossier.dossierId);
        else this.log.warn('dossier sync failed', { dossierId: dossier.dossierId, ...errorFields(err) });
      }
    });
    // Dossiers we knew that Assure no longer lists: confirm one by one before marking them deleted upstream.
    const listed = new Set(list.map((d) => d.dossierId));
    const gone = [...known.keys()].filter((id) => !listed.has(id));
    await mapLimit(gone, 4, async (dossierId) => {
      try {
        await this.client.getDossier(dossierId);
      } catch (err) {
        if (err instanceof AssureError && err.kind === 'not_found')
          await markDossierDeleted(this.db, dossierId);
      }
    });
    this.log.info('discovery done', { dossiers: list.length, fetched });
    return { dossiers: list.length, fetched };
  }

  private async syncDossier(dossier: AssureDossier): Promise<number> {
    const summaries = Array.isArray(dossier.processes) ? (dossier.processes as unknown[]) : undefined;
    if (summaries) {
      const parsed = summaries.flatMap((s) => {
        const o = s as { processId?: unknown; status?: unknown; updatedAt?: unknown };
        return typeof o.processId === 'string'
          ? [{ processId: o.processId, status: String(o.status ?? ''), updatedAt: String(o.updatedAt ?? '') }]
          : [];
      });
      const known = await knownProcesses(
        this.db,
        parsed.map((p) => p.processId),
      );
      const changed = parsed.filter((p) => {
        const k = known.get(p.processId);
        return (
          !k ||
          (!k.isFinal &&
            (p.updatedAt === '' ||
              Date.parse(p.updatedAt) !== k.updatedAt.getTime() ||
              isFinalStatus(p.status)))
        );
      });
      for (const p of changed) await this.refresh(dossier.dossierId, p.processId);
      return changed.length;
    }
    const list = await this.client.listProcesses(dossier.dossierId);
    for (const p of list) await this.store(dossier.dossierId, p);
    return list.length;
  }

  private discovering?: Promise<unknown>;
  private queuedDiscovery?: Promise<void>;

  /**
   * A discovery that starts after this call, shared by everyone who asks meanwhile (events for processes we do not
   * know yet): a storm of such events costs one discovery at a time, never one each.
   */
  private discoverShared(): Promise<void> {
    if (this.queuedDiscovery) return this.queuedDiscovery;
    const queued = (this.discovering ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => {
        this.queuedDiscovery = undefined;
        const run = this.discover();
        this.discovering = run;
        try {
          await run;
        } finally {
          if (this.discovering === run) this.discovering = undefined;
        }
      });
    this.queuedDiscovery = queued;
    return queued;
  }

  /** Re-lists one dossier's processes into the index (an event that names only the customer's reference). */
  private async resyncDossier(dossierId: string): Promise<number> {
    const list = await this.client.listProcesses(dossierId);
    for (const p of list) await upsertProcess(this.db, dossierId, p);
    return list.length;
  }

  /**
   * Follows an event to the process it is about (contract §6, §9) and re-reads it. The vendor may leave out the
   * `dossierId` (only `processId`, and the customer's `externalReference`): the dossier is then taken from the index,
   * from the dossiers with that reference, or — for a process not known yet — from a discovery. An event that leads
   * nowhere is recorded as unresolved and logged (without personal data), and counted on /api/health.
   */
  async handleEvent(event: {
    id: string;
    dossierId?: string;
    processId?: string;
    externalReference?: string;
  }): Promise<'resolved' | 'unresolved'> {
    const { processId, externalReference } = event;
    const resolved = async (pid?: string) => {
      await setEventOutcome(this.db, event.id, 'resolved', pid);
      return 'resolved' as const;
    };
    if (processId) {
      const dossierId = event.dossierId ?? (await findProcess(this.db, processId))?.dossierId;
      if (dossierId) {
        if (await this.refresh(dossierId, processId)) return resolved(processId);
      } else {
        const byReference = externalReference
          ? await dossiersByExternalReference(this.db, externalReference)
          : [];
        for (const id of byReference) {
          await this.resyncDossier(id).catch((err) =>
            this.log.warn('event dossier sync failed', { dossierId: id, ...errorFields(err) }),
          );
          if (await findProcess(this.db, processId)) return resolved(processId);
        }
        await this.discoverShared();
        if (await findProcess(this.db, processId)) return resolved(processId);
      }
    } else if (externalReference) {
      let synced = 0;
      for (const id of await dossiersByExternalReference(this.db, externalReference))
        synced += await this.resyncDossier(id);
      if (synced > 0) return resolved();
    }
    await setEventOutcome(this.db, event.id, 'unresolved', processId);
    this.log.warn('event led to no process; counted on /api/health', {
      eventId: event.id,
      processId: processId ?? null,
      hasDossierId: Boolean(event.dossierId),
      hasExternalReference: Boolean(externalReference),
    });
    return 'unresolved';
  }

  /** Re-reads one process from Assure into the index; a 404 for a process we knew marks it deleted upstream. */
  async refresh(dossierId: string, processId: string) {
    try {
      const process = await this.client.getProcess(dossierId, processId);
      return await this.store(dossierId, process);
    } catch (err) {
      if (err instanceof AssureError && err.kind === 'not_found') {
        await markProcessDeleted(this.db, processId);
        return undefined;
      }
      throw err;
    }
  }

  /**
   * Refreshes a non-final process before a read when its snapshot is older than the freshness window. Only one
   * caller per window (across viewers and instances) asks Assure; the rest read the index. Never throws: when
   * Assure is down, the caller serves the last known data as stale.
   */
  async refreshIfStale(
    processId: string,
    budgetMs = READ_REFRESH_BUDGET_MS,
  ): Promise<{ attempted: boolean; failed: boolean }> {
    const row = await findProcess(this.db, processId);
    if (!row || row.isFinal || row.deletedUpstream) return { attempted: false, failed: false };
    if (Date.now() - row.syncedAt.getTime() < this.opts.freshnessWindowMs)
      return { attempted: false, failed: false };
    // Assure known to be down: serve the index as stale at once, but for one probing read now and then.
    if (!this.client.tryProbe()) return { attempted: false, failed: true };
    if (!(await claimRefresh(this.db, processId, this.opts.freshnessWindowMs)))
      return { attempted: false, failed: false };
    const refresh = this.track(this.refresh(row.dossierId, processId)).then(
      () => 'done' as const,
      (err: unknown) => {
        this.log.warn('refresh failed', { processId, ...errorFields(err) });
        return 'failed' as const;
      },
    );
    // A reader waits at most `budgetMs`; a slower refresh finishes in the background and this read is stale.
    const outcome = await Promise.race([
      refresh,
      new Promise<'late'>((r) => setTimeout(() => r('late'), budgetMs).unref()),
    ]);
    return { attempted: true, failed: outcome !== 'done' };
  }

  /** Fallback for missed webhooks: refreshes non-final processes not synced for a while. */
  async pollOpenProcesses() {
    const stale = await staleOpenProcesses(this.db, this.opts.pollNonFinalS * 1000, 500);
    await mapLimit(stale, this.opts.concurrency ?? 8, async ({ dossierId, processId }) => {
      if (this.stopped) return;
      await this.refresh(dossierId, processId).catch((err) =>
        this.log.warn('poll refresh failed', { processId, ...errorFields(err) }),
      );
    });
    return stale.length;
  }
}
