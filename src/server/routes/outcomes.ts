import { countryName } from '@domain/countries';
import type { ProcessListQuery } from '@domain/api';
import { API } from '@domain/contracts';
import { RATE_STATUSES, type OutcomesExportQuery, type OutcomesQuery, type RateRow } from '@domain/outcomes';
import { STATUSES } from '@domain/status';
import { audit } from '../audit/audit';
import type { Routes } from '../auth/guard';
import type { AppDeps } from '../context';
import { backlogWithTrend } from '../db/backlog';
import type { Db } from '../db/client';
import {
  countListed,
  decisionStats,
  failReasons,
  outcomes,
  series,
  statusMix,
  timeToFinal,
} from '../db/outcomes';
import { listProcesses } from '../db/processes';
import { csvResponse, inPages, type Cell } from '../lib/csv';
import { badRequest } from '../lib/errors';
import { can } from '@domain/policy';
import { toListItem } from './serialize';

/** GET /api/outcomes (the manager's dashboard) and the CSV exports of its tables and of the processes list. */
export function outcomesRoutes(r: Routes, { database, log }: AppDeps) {
  const db = database.db;

  r.on(API.outcomes, async (_c, { query: q }) => {
    const [data, backlog] = await Promise.all([
      timeZoneAware(() => outcomes(db, q)),
      timeZoneAware(() => backlogWithTrend(db, q)),
    ]);
    return { ...data, backlog, generatedAt: new Date().toISOString() };
  });

  r.on(API.outcomesExport, async (c, { user, query: q }) => {
    const table = await timeZoneAware(() => outcomeTable(db, q));
    await audit(db, {
      actor: user.username,
      action: 'export.csv',
      target: null,
      requestId: c.get('requestId'),
      details: {
        export: 'outcomes',
        table: q.table,
        filters: outcomeFilterDetails(q),
        rowCount: table.rows.length,
      },
    });
    const name = `outcomes-${q.table}-${q.from ?? 'start'}_${q.to ?? 'now'}.csv`;
    return csvResponse(name, table.header, inPages(table.rows), { log });
  });

  r.on(API.processExport, async (c, { user, query: parsed }) => {
    const query: ProcessListQuery = { ...parsed, cursor: undefined, limit: PAGE };
    const searchIdsOnly = !can(user.role, 'processes:pii');
    const rowCount = await countListed(db, query, { searchIdsOnly });
    await audit(db, {
      actor: user.username,
      action: 'export.csv',
      target: null,
      requestId: c.get('requestId'),
      details: { export: 'processes', filters: listFilterDetails(query), rowCount },
    });
    const pages = async function* () {
      let cursor: string | undefined;
      do {
        const page = await listProcesses(db, { ...query, cursor }, { searchIdsOnly });
        yield page.rows.map((row) => {
          const item = toListItem(row, user);
          return [
            ...PROCESS_COLUMNS.map((k) => item[k]),
            item.documentCountry ? countryName(item.documentCountry) : null,
          ];
        });
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    };
    return csvResponse(`processes-${stamp()}.csv`, [...PROCESS_COLUMNS, 'documentCountryName'], pages(), {
      log,
    });
  });
}

const PAGE = 1000;

/** The processes export's columns: the list's fields, names masked exactly as the list masks them. */
export const PROCESS_COLUMNS = [
  'processId',
  'dossierId',
  'provider',
  'processType',
  'status',
  'createdAt',
  'updatedAt',
  'firstName',
  'lastName',
  'documentCountry',
] as const;

// --- Parameters -------------------------------------------------------------------------------------------------

function outcomeFilterDetails(q: OutcomesQuery) {
  return {
    from: q.from,
    to: q.to,
    tz: q.tz,
    bucket: q.bucket,
    basis: q.basis,
    provider: q.provider,
    processType: q.processType,
    country: q.country,
  };
}

function listFilterDetails(q: ProcessListQuery) {
  return {
    status: q.status,
    provider: q.provider,
    processType: q.processType,
    q: q.q,
    from: q.from,
    to: q.to,
    sort: q.sort,
  };
}

/**
 * Turns PostgreSQL's refusal of a time zone into a 400. The schema already checked the name against the runtime's
 * zone database; the database's own may differ in rare names.
 */
async function timeZoneAware<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const causes = [err, (err as { cause?: unknown }).cause];
    for (const e of causes) {
      const pg = e as { code?: string; message?: string } | undefined;
      if (pg?.code === '22023' && /time zone/i.test(pg.message ?? '')) {
        throw badRequest(
          'tz: the database does not know this time zone; use an IANA name such as Europe/Oslo or UTC',
          'validation_failed',
        );
      }
    }
    throw err;
  }
}

// --- Outcome tables ---------------------------------------------------------------------------------------------

const ratio = (v: number | null) => (v == null ? null : Math.round(v * 1e6) / 1e6);
const RATE_HEADER = RATE_STATUSES.map((s) => `${s}Rate`);
const rateCells = (r: RateRow): Cell[] => [
  r.total,
  r.final,
  ...STATUSES.map((s) => r.counts[s] ?? 0),
  ...RATE_STATUSES.map((s) => ratio(r.rates[s])),
];

async function outcomeTable(db: Db, q: OutcomesExportQuery): Promise<{ header: string[]; rows: Cell[][] }> {
  switch (q.table) {
    case 'byProvider': {
      const [{ rates: r }, t] = await Promise.all([statusMix(db, q), timeToFinal(db, q)]);
      const time = new Map(t.byProvider.map((p) => [p.provider, p]));
      return {
        header: [
          'provider',
          'total',
          'final',
          ...STATUSES,
          ...RATE_HEADER,
          'timeToFinalP50Ms',
          'timeToFinalP90Ms',
        ],
        rows: r.byProvider.map((p) => [
          p.provider,
          ...rateCells(p),
          time.get(p.provider)?.p50Ms,
          time.get(p.provider)?.p90Ms,
        ]),
      };
    }
    case 'byCountry': {
      const { rates: r } = await statusMix(db, q);
      return {
        header: ['country', 'countryName', 'total', 'final', ...STATUSES, ...RATE_HEADER],
        rows: r.byCountry.map((p) => [p.country, p.country ? countryName(p.country) : null, ...rateCells(p)]),
      };
    }
    case 'series': {
      const s = await series(db, q);
      return {
        header: ['bucket', 'from', 'to', 'total', ...STATUSES],
        rows: s.map((b) => [b.bucket, b.from, b.to, b.total, ...STATUSES.map((st) => b.counts[st] ?? 0)]),
      };
    }
    case 'reviewers': {
      const { reviewers } = await decisionStats(db, q);
      return {
        header: ['reviewer', 'total', 'approve', 'reject', 'retry'],
        rows: reviewers.map((v) => [v.reviewer, v.total, v.approve, v.reject, v.retry]),
      };
    }
    case 'reasons': {
      const [{ reasonCodes }, fails] = await Promise.all([decisionStats(db, q), failReasons(db, q)]);
      return {
        header: ['kind', 'code', 'label', 'count'],
        rows: [
          ...reasonCodes.map((v): Cell[] => ['decisionReason', v.code, v.label, v.count]),
          ...fails.map((v): Cell[] => ['failReason', v.failReason, null, v.count]),
        ],
      };
    }
  }
}

function stamp(d = new Date()): string {
  return d.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}
