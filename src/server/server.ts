import type { RouteContract } from '@domain/contract';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { buildApp } from './app';
import { checkpointAuditChain } from './audit/checkpoint';
import { AssureClient, type AssureClientOptions } from './assure/client';
import { listenForRevocations } from './auth/sessions';
import { DEMO_USERS, demoUsersWithDemoPassword, ensureDemoUsers } from './db/users';
import type { AssureConfig, Config } from './config';
import { BACKLOG_SNAPSHOT_INTERVAL_S, BACKLOG_SNAPSHOT_JOB, snapshotBacklog } from './db/backlog';
import { backfillCases } from './db/cases';
import { openDatabase } from './db/client';
import { addRollupZone } from './db/outcome-rollups';
import { createLogger, errorFields, type Logger } from './lib/logger';
import { LinkIndex } from './links/link-index';
import { Notifier } from './notifications/notifier';
import {
  OVERDUE_CHECK_INTERVAL_S,
  OVERDUE_SUMMARY_JOB,
  runOverdueSummary,
} from './notifications/overdue-summary';
import { alertMessage } from './provider-health/alert-message';
import { runSentinel } from './provider-health/sentinel';
import { SyncService } from './sync/sync';

export interface RunningServer {
  url: string;
  port: number;
  deps: Parameters<typeof buildApp>[0];
  /** The contracts of the routes this server registered. */
  routes: RouteContract[];
  apiRoutes: string[];
  close(): Promise<void>;
}

/** Opens the database, migrates, wires client, sync and app, and listens. Nothing here knows about the sandbox. */
export async function startServer(
  config: Config & { assure: AssureConfig },
  opts: { log?: Logger; clientOptions?: AssureClientOptions; startSync?: boolean } = {},
): Promise<RunningServer> {
  const log = opts.log ?? createLogger(config.logLevel);
  // A plain-HTTP upstream beyond loopback is refused by parseConfig.
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    migrationUrl: config.migrationDatabaseUrl,
    dataDir: config.dataDir,
  });
  if (config.demoUsers) await ensureDemoUsers(database.db);
  // Issue #20: the demo stays two commands, so its accounts sign in with a password alone.
  if (config.demoUsers)
    log.info('demo accounts are exempt from the second factor', { accounts: [...DEMO_USERS] });
  // Demo users against a real upstream: said at every start, for as long as any of them can still sign in.
  if (!config.demo) {
    const demoUsers = await demoUsersWithDemoPassword(database.db);
    if (demoUsers.length)
      log.warn('demo users can sign in with the demo password against a real upstream', {
        usernames: demoUsers,
      });
  }
  // Revocations made on other instances reach this one's session cache at once.
  let stopListening: (() => Promise<void>) | undefined;
  try {
    stopListening = await listenForRevocations(database);
  } catch (err) {
    log.warn('session revocations are not heard; session lookups are not cached', errorFields(err));
  }
  // Outcomes rollups in the installation's extra time zones: built once when a zone is new.
  for (const zone of config.outcomesTimeZones)
    if (await addRollupZone(database.db, zone))
      log.info('outcomes rollups built for a new time zone', { zone });
  // A database from before cases existed gets its cases computed once (issue #13).
  const backfilled = await backfillCases(database.db);
  if (backfilled) log.info('cases computed for existing dossiers', { dossiers: backfilled });
  let links: LinkIndex;
  try {
    links = await LinkIndex.open(database.db, {
      linkKey: config.linkKey,
      linkKeyPrevious: config.linkKeyPrevious,
      dataDir: config.dataDir,
      log,
    });
  } catch (err) {
    await database.close();
    throw err;
  }
  const client = new AssureClient(config.assure, opts.clientOptions);
  const notifier = new Notifier(database.db, config.notifications, log);
  const sync = new SyncService(database.db, client, log, {
    links,
    freshnessWindowMs: config.freshnessWindowMs,
    syncIntervalS: config.syncIntervalS,
    fullSyncIntervalS: config.fullSyncIntervalS,
    pollNonFinalS: config.pollNonFinalS,
    housekeeping: {
      sessionIdleMs: config.sessionIdleMs,
      securityEventsDays: config.securityEventsRetentionDays,
    },
    jobs: [
      // The provider-health sentinel; a new alert episode is one notification per channel.
      {
        name: 'provider-health',
        intervalS: config.sentinel.intervalS,
        run: () =>
          runSentinel(database.db, {
            settings: config.sentinel,
            onAlert: async (e) => {
              log.warn('provider alert', {
                provider: e.provider,
                processType: e.processType,
                since: e.since.toISOString(),
              });
              await notifier.notify(
                'sentinel.alert',
                `sentinel.alert:${e.provider}:${e.processType ?? ''}:${e.since.toISOString()}`,
                alertMessage(e, {
                  publicUrl: config.publicUrl,
                  windowMinutes: config.sentinel.windowMinutes,
                }),
              );
            },
          }),
      },
      // The overdue-SLA summary: looked at every few minutes, sent at most once per configured period.
      {
        name: OVERDUE_SUMMARY_JOB,
        intervalS: Math.min(OVERDUE_CHECK_INTERVAL_S, config.notifications.overduePeriodMinutes * 60),
        run: () =>
          runOverdueSummary(database.db, notifier, {
            periodMinutes: config.notifications.overduePeriodMinutes,
            publicUrl: config.publicUrl,
          }),
      },
      { name: 'notifications', intervalS: 10, run: () => notifier.deliverDue() },
      // The backlog's trend on Outcomes: the backlog recorded in its hour slot.
      {
        name: BACKLOG_SNAPSHOT_JOB,
        intervalS: BACKLOG_SNAPSHOT_INTERVAL_S,
        run: () => snapshotBacklog(database.db),
      },
      // The audit chain's head, verified and written to the log (issue #15).
      {
        name: 'audit-checkpoint',
        intervalS: config.auditCheckpointIntervalS,
        run: () => checkpointAuditChain(database.db, log),
      },
    ],
  });
  const deps = { config, database, client, sync, log, links, notifier };
  const { app, registered, apiRoutes } = buildApp(deps);

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  if (opts.startSync !== false) sync.start();

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Stop accepting, let in-flight requests finish, stop background work, then close the database.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sync.stop();
      notifier.close();
      await stopListening?.();
      await database.close();
    })());
  return { url: `http://${config.host}:${port}`, port, deps, routes: registered, apiRoutes, close };
}
