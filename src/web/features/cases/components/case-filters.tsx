import { CASE_STATE_LABELS } from '@domain/cases';
import { countryLabel } from '@domain/countries';
import { PROVIDERS, providerLabel } from '@domain/providers';
import { SearchBox } from '@web/components/search-box';
import { CASE_TABS, DEFAULT_CASE_SEARCH, type CaseSearch } from '../lib/case-search';

interface Props {
  search: CaseSearch;
  onChange: (next: Partial<CaseSearch>) => void;
  counts: Record<string, number> | undefined;
  reasons: { code: string; label: string; n: number }[];
  /** Users a case can be assigned to; only for those who assign. */
  assignees: string[] | undefined;
}

/** The queue's tabs (one per case state, with counts) and its filters; every value lives in the URL. */
export function CaseFilters({ search, onChange, counts, reasons, assignees }: Props) {
  const oneState = search.state.length === 1 ? search.state[0] : undefined;
  const filtered =
    search.provider.length > 0 ||
    search.reason ||
    search.country ||
    search.assignee ||
    search.overdue ||
    search.q ||
    search.linked;
  const reasonKnown = !search.reason || reasons.some((r) => r.code === search.reason);

  return (
    <div className="filters">
      <nav className="quick-views case-tabs" aria-label="Case states">
        {CASE_TABS.map((state) => (
          <button
            key={state}
            type="button"
            className="quick-view"
            aria-pressed={oneState === state}
            onClick={() => onChange({ state: [state] })}
          >
            {CASE_STATE_LABELS[state]}{' '}
            <span className="tab-count">{counts ? (counts[state] ?? 0) : '…'}</span>
          </button>
        ))}
      </nav>
      <div className="filter-row">
        <SearchBox
          id="case-search"
          label="Search names, document numbers, references and ids"
          placeholder="Search name, document number, reference, id…  ( / )"
          value={search.q}
          onSearch={(q) => onChange({ q })}
        />
        <label className="inline-field">
          <span>Provider</span>
          <select
            value={search.provider[0] ?? ''}
            onChange={(e) => onChange({ provider: e.target.value ? [e.target.value] : [] })}
          >
            <option value="">Any</option>
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {providerLabel(p)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Reason</span>
          <select
            value={search.reason ?? ''}
            onChange={(e) => onChange({ reason: e.target.value || undefined })}
          >
            <option value="">Any</option>
            {!reasonKnown && <option value={search.reason}>{search.reason}</option>}
            {reasons.map((r) => (
              <option key={r.code} value={r.code}>
                {r.label} ({r.n})
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Country</span>
          <input
            className="country-input"
            value={search.country ?? ''}
            placeholder="e.g. NOR"
            maxLength={3}
            aria-describedby="country-hint"
            onChange={(e) => {
              const v = e.target.value.toUpperCase().replace(/[^A-Z]/g, '');
              if (v.length === 0 || v.length === 3) onChange({ country: v || undefined });
            }}
          />
          <span id="country-hint" className="visually-hidden">
            Three-letter country code of the document
          </span>
        </label>
        {search.country && <span className="chip chip-static">{countryLabel(search.country)}</span>}
        <label className="inline-field">
          <span>Assignee</span>
          <select
            value={search.assignee ?? ''}
            onChange={(e) => onChange({ assignee: e.target.value || undefined })}
          >
            <option value="">Anyone</option>
            <option value="me">Assigned to me</option>
            <option value="unassigned">Unassigned</option>
            {assignees?.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
            {search.assignee && !['me', 'unassigned', ...(assignees ?? [])].includes(search.assignee) && (
              <option value={search.assignee}>{search.assignee}</option>
            )}
          </select>
        </label>
        <button
          type="button"
          className="quick-view"
          aria-pressed={search.assignee === 'me'}
          onClick={() => onChange({ assignee: search.assignee === 'me' ? undefined : 'me' })}
        >
          Assigned to me
        </button>
        <button
          type="button"
          className="quick-view"
          aria-pressed={search.overdue}
          onClick={() => onChange({ overdue: !search.overdue })}
        >
          ⚠ Overdue only
        </button>
        <button
          type="button"
          className="quick-view"
          aria-pressed={search.linked}
          onClick={() => onChange({ linked: !search.linked })}
        >
          ⚑ Linked to a rejected case
        </button>
        {filtered && (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => onChange({ ...DEFAULT_CASE_SEARCH, state: search.state })}
          >
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
