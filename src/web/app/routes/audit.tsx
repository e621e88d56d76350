import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ADMIN_API } from '@domain/contracts/admin';
import type { AuditCheckpoint } from '@domain/review';
import { ErrorState } from '@web/components/error-state';
import { adminQueries, auditQueryString, type AuditFilters } from '@web/features/admin/api/admin-queries';
import { href } from '@web/lib/api-client';
import { formatDateTime } from '@web/lib/format';
import { paths } from '@web/lib/paths';

const FIELDS = ['actor', 'action', 'target', 'from', 'to'] as const;

/** Where an entry's target lives: retries act on a dossier, user changes on a user, the rest on a process. */
export function TargetCell({ action, target }: { action: string; target: string | null }) {
  if (!target) return <span className="muted">—</span>;
  if (action.startsWith('user.') || action.startsWith('settings.')) return <>{target}</>;
  const href = action.startsWith('retry.') ? paths.dossier.href(target) : paths.process.href(target);
  return (
    <Link to={href} title={target}>
      {target.slice(0, 8)}…
    </Link>
  );
}

/** An entry's details as `key: value` pairs instead of raw JSON. */
export function AuditDetails({ details }: { details: unknown }) {
  // Empty values (a decision without a note) say nothing; leave them out.
  const entries =
    details && typeof details === 'object'
      ? Object.entries(details as Record<string, unknown>).filter(([, v]) => v !== '' && v != null)
      : [];
  if (!entries.length) return <span className="muted">—</span>;
  return (
    <dl className="audit-kv">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The latest periodic verification of the hash chain (the server writes its head hash to the log too). */
export function ChainStatus({ checkpoint }: { checkpoint: AuditCheckpoint | undefined }) {
  if (!checkpoint) return null;
  if (checkpoint.broken) {
    return (
      <p className="form-error" role="alert">
        Chain broken at entry {checkpoint.broken.brokenAt ?? '?'} (found{' '}
        {formatDateTime(checkpoint.broken.at)})
        {checkpoint.verified ? `; verified up to ${formatDateTime(checkpoint.verified.at)}` : ''}. Run npm run
        audit:verify and compare the logged head hashes.
      </p>
    );
  }
  if (!checkpoint.verified)
    return <p className="muted">Chain not verified yet: the first check runs shortly after start-up.</p>;
  return (
    <p className="muted" role="status">
      Chain verified up to {formatDateTime(checkpoint.verified.at)} ({checkpoint.verified.entries} entries,
      head <code title={checkpoint.verified.headHash}>{checkpoint.verified.headHash.slice(0, 12)}…</code>)
    </p>
  );
}

/** Who did what, when, to which process: filterable (in the URL), paged, exportable as CSV. */
export function AuditRoute() {
  const [params, setParams] = useSearchParams();
  const filters: AuditFilters = Object.fromEntries(
    FIELDS.map((f) => [f, params.get(f) ?? undefined]).filter(([, v]) => v),
  );
  const [cursors, setCursors] = useState<string[]>([]);
  const audit = useQuery({
    ...adminQueries.audit(filters, cursors[cursors.length - 1]),
    placeholderData: (prev) => prev,
  });
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const checkpoint = useQuery(adminQueries.auditCheckpoint());

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Audit log</h1>
          <p className="page-subtitle">
            Append-only and hash-chained: entries cannot be changed or removed without detection.
          </p>
          <ChainStatus checkpoint={checkpoint.data} />
        </div>
        <a className="btn" href={href(ADMIN_API.auditExport, { query: filters })} download>
          Export CSV
        </a>
      </header>
      <form
        className="filters filter-form"
        onSubmit={(e) => {
          e.preventDefault();
          setCursors([]);
          setParams(new URLSearchParams(auditQueryString(draft)));
        }}
      >
        {FIELDS.map((f) => (
          <div className="field" key={f}>
            <label htmlFor={`audit-${f}`}>{f[0]!.toUpperCase() + f.slice(1)}</label>
            <input
              id={`audit-${f}`}
              type={f === 'from' || f === 'to' ? 'date' : 'text'}
              value={draft[f] ?? ''}
              placeholder={f === 'action' ? 'e.g. review.decision or review.*' : undefined}
              onChange={(e) => setDraft({ ...draft, [f]: e.target.value || undefined })}
            />
          </div>
        ))}
        <button type="submit" className="btn btn-primary">
          Filter
        </button>
      </form>
      {audit.isError && <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />}
      <div className="table-wrap" aria-busy={audit.isFetching}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {audit.data?.items.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at)}</td>
                <td>{e.actor}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td className="mono">
                  <TargetCell action={e.action} target={e.target} />
                </td>
                <td className="audit-details">
                  <AuditDetails details={e.details} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Pages">
        <button
          type="button"
          className="btn"
          disabled={cursors.length === 0}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          ← Newer
        </button>
        <button
          type="button"
          className="btn"
          disabled={!audit.data?.nextCursor}
          onClick={() => audit.data?.nextCursor && setCursors([...cursors, audit.data.nextCursor])}
        >
          Older →
        </button>
      </nav>
    </div>
  );
}
