import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { unknownVocabulary } from '@domain/contract-vocabulary';
import { failReasonText } from '@domain/fail-reasons';
import type { AssureProcess } from '@domain/process';
import { isStatus, RESULT_STATUSES } from '@domain/status';
import { AssureClient, type AssureDossier } from '../assure/client';
import { AssureError } from '../assure/errors';
import type { Config } from '../config';
import { inspectPostgres } from '../db/inspect';

// `npm run doctor`: before go-live, what works against the configured tenant. Reads only: a token, the dossier list,
// one process of each provider, one full result (its size, not its content), our own webhook URL, the database.
// Nothing is created, changed or deleted upstream, and nothing read is kept.

export type DoctorResult = 'ok' | 'warn' | 'fail';

export interface DoctorRow {
  check: string;
  result: DoctorResult;
  detail: string;
  /** The vendor's traceId of a failed call, to quote to Signicat support. */
  traceId?: string;
}

export interface DoctorReport {
  rows: DoctorRow[];
  /** What the tenant sent that the contract does not name, with how often it was seen. */
  unknown: {
    fields: Record<string, number>;
    elements: Record<string, number>;
    statuses: Record<string, number>;
    providers: Record<string, number>;
  };
  /** Some check failed: the exit code is non-zero. */
  broken: boolean;
}

export interface DoctorOptions {
  /** How many dossiers may be listed for processes while looking for one of each provider (default 50). */
  maxDossiers?: number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const count = (map: Record<string, number>, key: string) => void (map[key] = (map[key] ?? 0) + 1);

function failure(check: string, err: unknown): DoctorRow {
  if (err instanceof AssureError) {
    return {
      check,
      result: 'fail',
      detail: `${err.message} (${err.kind})`,
      ...(err.traceId ? { traceId: err.traceId } : {}),
    };
  }
  return { check, result: 'fail', detail: err instanceof Error ? err.message : String(err) };
}

/** A dossier's process summaries, when the list carries them (contract §3 Dossier). */
function summaries(dossier: AssureDossier): Array<{ processId: string; provider?: string; status?: string }> {
  if (!Array.isArray(dossier.processes)) return [];
  return (dossier.processes as unknown[]).flatMap((s) => {
    const o = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
    return typeof o.processId === 'string'
      ? [
          {
            processId: o.processId,
            provider: typeof o.provider === 'string' ? o.provider : undefined,
            status: typeof o.status === 'string' ? o.status : undefined,
          },
        ]
      : [];
  });
}

export async function runDoctor(config: Config, opts: DoctorOptions = {}): Promise<DoctorReport> {
  const rows: DoctorRow[] = [];
  const unknown: DoctorReport['unknown'] = { fields: {}, elements: {}, statuses: {}, providers: {} };
  const fetchFn = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const assure = config.assure;

  // --- Configuration -------------------------------------------------------------------------------------------
  if (!assure || config.demo) {
    rows.push({
      check: 'configuration',
      result: 'fail',
      detail: 'ASSURE_BASE_URL is not set: demo mode, there is no tenant to check.',
    });
  } else {
    const base = new URL(assure.baseUrl);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname);
    rows.push({
      check: 'configuration',
      result: base.protocol === 'https:' || loopback ? 'ok' : 'warn',
      detail: `${assure.baseUrl}; token ${assure.tokenUrl}${base.protocol === 'https:' || loopback ? '' : ' (plain HTTP to a remote host)'}`,
    });
  }

  if (assure) {
    const client = new AssureClient(assure, {
      fetch: fetchFn,
      attempts: 1,
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    });
    // --- Token ---------------------------------------------------------------------------------------------------
    let tokenOk = false;
    try {
      const info = await client.tokenInfo();
      tokenOk = true;
      const scope = info.scope ?? '(not stated)';
      const wanted = assure.scope ?? 'signicat-api';
      const scopeOk =
        info.scope === undefined || info.scope.split(/\s+/).some((s) => wanted.split(/\s+/).includes(s));
      rows.push({
        check: 'token',
        result: scopeOk && info.expiresInS >= 60 ? 'ok' : 'warn',
        detail: `client id ${assure.clientId}; scope ${scope}; lifetime ${info.expiresInS} s${info.expiresInS < 60 ? ' (shorter than the 60 s renewal margin)' : ''}${scopeOk ? '' : ` (asked for ${wanted})`}`,
      });
    } catch (err) {
      rows.push(failure('token', err));
    }

    // --- Dossiers and processes ----------------------------------------------------------------------------------
    let dossiers: AssureDossier[] = [];
    if (tokenOk) {
      try {
        dossiers = await client.listDossiers();
        const withRef = dossiers.filter((d) => d.externalReference).length;
        rows.push({
          check: 'list dossiers',
          result: 'ok',
          detail: `${dossiers.length} dossiers (${withRef} with an externalReference)`,
        });
      } catch (err) {
        rows.push(failure('list dossiers', err));
      }
    }

    const onePerProvider = new Map<string, { dossierId: string; processId: string }>();
    const resultCandidates: Array<{ dossierId: string; processId: string }> = [];
    let listed = 0;
    for (const dossier of dossiers.slice(0, opts.maxDossiers ?? 50)) {
      let found = summaries(dossier);
      if (found.length === 0) {
        try {
          const processes = await client.listProcesses(dossier.dossierId);
          found = processes.map((p) => ({ processId: p.processId, provider: p.provider, status: p.status }));
          listed++;
        } catch (err) {
          rows.push(failure(`list processes (${dossier.dossierId.slice(0, 8)}…)`, err));
          break;
        }
      }
      for (const p of found) {
        if (p.status && !isStatus(p.status)) count(unknown.statuses, p.status);
        if (p.provider && !onePerProvider.has(p.provider))
          onePerProvider.set(p.provider, { dossierId: dossier.dossierId, processId: p.processId });
        if (p.status && RESULT_STATUSES.has(p.status) && resultCandidates.length < 3)
          resultCandidates.push({ dossierId: dossier.dossierId, processId: p.processId });
      }
    }
    if (tokenOk && dossiers.length > 0 && onePerProvider.size === 0) {
      rows.push({
        check: 'read processes',
        result: 'warn',
        detail: `no process found in the first ${Math.min(dossiers.length, opts.maxDossiers ?? 50)} dossiers (${listed} listed)`,
      });
    }
    const statusesSeen = new Set(Object.keys(unknown.statuses));
    for (const [provider, ref] of [...onePerProvider.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      try {
        const process: AssureProcess = await client.getProcess(ref.dossierId, ref.processId);
        const vocabulary = unknownVocabulary(process);
        vocabulary.fields.forEach((f) => count(unknown.fields, f));
        vocabulary.elements.forEach((e) => count(unknown.elements, e));
        if (vocabulary.status && !statusesSeen.has(vocabulary.status))
          count(unknown.statuses, vocabulary.status);
        if (vocabulary.provider) count(unknown.providers, vocabulary.provider);
        const shape =
          process.failReason === undefined || typeof process.failReason === 'string'
            ? ''
            : `; failReason as ${Array.isArray(process.failReason) ? 'an array' : 'an object'} (${failReasonText(process.failReason)})`;
        const extras = vocabulary.fields.length + vocabulary.elements.length;
        rows.push({
          check: `read process (${provider})`,
          result: 'ok',
          detail: `status ${process.status}${process.processType ? `, ${process.processType}` : ''}${shape}${extras ? `; ${extras} unknown field(s)/element(s)` : ''}`,
        });
        if (process.status && RESULT_STATUSES.has(process.status)) resultCandidates.unshift(ref);
      } catch (err) {
        rows.push(failure(`read process (${provider})`, err));
      }
    }

    // --- Full result ---------------------------------------------------------------------------------------------
    const target = resultCandidates[0];
    if (!tokenOk) {
      // nothing more to try
    } else if (!target) {
      rows.push({
        check: 'full result',
        result: 'warn',
        detail: 'no accepted, rejected or inconclusive process found to try',
      });
    } else {
      try {
        const res = await client.fullResult(target.dossierId, target.processId);
        let bytes = 0;
        const reader = res.body?.getReader();
        for (;;) {
          const chunk = await reader?.read();
          if (!chunk || chunk.done) break;
          bytes += chunk.value.byteLength;
        }
        rows.push({
          check: 'full result',
          result: bytes > 0 ? 'ok' : 'warn',
          detail: `${bytes.toLocaleString('en')} bytes (${res.headers.get('content-type') ?? 'no content type'}) from ${client.fullResultPath('{dossierId}', '{processId}').replaceAll('%7B', '{').replaceAll('%7D', '}')}; not kept`,
        });
      } catch (err) {
        const row = failure('full result', err);
        if (err instanceof AssureError && err.kind === 'not_found')
          row.detail += ' — check ASSURE_FULL_RESULT_PATH (the vendor may use …/download)';
        rows.push(row);
      }
    }

    // --- Webhooks --------------------------------------------------------------------------------------------------
    rows.push(
      assure.webhookSecret
        ? {
            check: 'webhook secret',
            result: 'ok',
            detail: `set${assure.webhookSecretPrevious ? '; a previous secret is accepted too (rotation)' : ''}; header ${assure.signatureHeader}`,
          }
        : {
            check: 'webhook secret',
            result: 'fail',
            detail: 'ASSURE_WEBHOOK_SECRET is not set: every event is refused',
          },
    );
  }

  if (!config.publicUrl) {
    rows.push({
      check: 'webhook URL',
      result: 'warn',
      detail: 'PUBLIC_URL is not set: cannot check that Assure can reach /api/webhooks/assure',
    });
  } else {
    const url = `${config.publicUrl}/api/webhooks/assure`;
    try {
      // An unsigned, empty event: refused before anything is read or stored, which proves the route is ours and live.
      const res = await fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
      const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
      const code = body?.error?.code;
      rows.push(
        res.status === 401 && code === 'bad_signature'
          ? { check: 'webhook URL', result: 'ok', detail: `${url} answers and refuses unsigned events` }
          : {
              check: 'webhook URL',
              result: 'fail',
              detail: `${url} answered ${res.status}${code ? ` (${code})` : ''}, not Assure Desk refusing an unsigned event`,
            },
      );
    } catch (err) {
      rows.push({
        check: 'webhook URL',
        result: 'fail',
        detail: `${url} is not reachable: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }

  // --- Database ------------------------------------------------------------------------------------------------------
  if (config.databaseUrl) {
    const db = await inspectPostgres(config.databaseUrl, opts.timeoutMs);
    if (!db.reachable)
      rows.push({
        check: 'database',
        result: 'fail',
        detail: `not reachable: ${db.error ?? 'unknown error'}`,
      });
    else {
      const current = db.newestApplied === true;
      rows.push({
        check: 'database',
        result: !db.trigram ? 'fail' : current ? 'ok' : 'warn',
        detail: `PostgreSQL ${db.serverVersion ?? '?'}; ${db.migrationsApplied ?? 0} of ${db.migrationsKnown} migrations applied${current ? '' : ' (the rest run at the next start)'}; pg_trgm ${db.trigram ? 'present' : 'missing (run CREATE EXTENSION pg_trgm, or install PostgreSQL contrib)'}`,
      });
    }
  } else {
    const dir = join(config.dataDir, 'pglite');
    rows.push({
      check: 'database',
      result: 'warn',
      detail: `embedded PGlite in ${dir} (${existsSync(dir) ? 'present' : 'created at first start'}); not opened while the server may use it. Production should set DATABASE_URL`,
    });
  }

  return { rows, unknown, broken: rows.some((r) => r.result === 'fail') };
}

const MARK: Record<DoctorResult, string> = { ok: 'ok', warn: 'WARN', fail: 'FAIL' };

/** The report as a plain-text table, then what was seen outside the contract, then a one-line verdict. */
export function formatReport(report: DoctorReport): string {
  const table = report.rows.map((r) => [
    r.check,
    MARK[r.result],
    r.detail + (r.traceId ? ` [traceId ${r.traceId}]` : ''),
  ]);
  const head = ['Check', 'Result', 'Detail'];
  const widths = [0, 1].map((i) => Math.max(head[i]!.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    `${cells[0]!.padEnd(widths[0]!)}  ${cells[1]!.padEnd(widths[1]!)}  ${cells[2]}`;
  const out = [
    line(head),
    line(['-'.repeat(widths[0]!), '-'.repeat(widths[1]!), '-'.repeat(6)]),
    ...table.map(line),
  ];
  const groups: Array<[string, Record<string, number>]> = [
    ['statuses', report.unknown.statuses],
    ['providers', report.unknown.providers],
    ['fields', report.unknown.fields],
    ['elements', report.unknown.elements],
  ];
  const seen = groups.filter(([, map]) => Object.keys(map).length > 0);
  out.push('');
  if (seen.length === 0) out.push('Seen outside the contract: nothing.');
  else {
    out.push('Seen outside the contract (shown as "not recognised" in Assure Desk; tell the maintainers):');
    for (const [name, map] of seen) {
      out.push(
        `  ${name}: ${Object.entries(map)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, n]) => `${k} (${n}×)`)
          .join(', ')}`,
      );
    }
  }
  const failed = report.rows.filter((r) => r.result === 'fail').length;
  const warned = report.rows.filter((r) => r.result === 'warn').length;
  out.push(
    '',
    `${report.rows.length} checks: ${failed} failed, ${warned} warnings.${failed ? ' Not ready for go-live.' : ''}`,
  );
  return out.join('\n');
}
