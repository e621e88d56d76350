import { countryLabel, countryName } from '@domain/countries';
import { PROVIDERS, providerLabel } from '@domain/providers';
import { ProcessTypeSelect } from '@web/components/process-type-select';
import { SearchBox } from '@web/components/search-box';
import { STATUSES, statusLabel } from '@domain/status';
import { DEFAULT_SEARCH, QUICK_VIEWS, sameStatuses, type ListSearch } from '../lib/list-search';

interface Props {
  search: ListSearch;
  onChange: (next: Partial<ListSearch>) => void;
}

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

function MultiSelect<T extends string>({
  label,
  options,
  selected,
  describe,
  onChange,
}: {
  label: string;
  options: readonly T[];
  selected: readonly T[];
  describe: (v: T) => string;
  onChange: (next: T[]) => void;
}) {
  const summary =
    selected.length === 0
      ? 'Any'
      : selected.length === 1
        ? describe(selected[0]!)
        : `${selected.length} selected`;
  return (
    <details className="multi-select">
      <summary>
        <span className="multi-label">{label}</span> <span className="multi-value">{summary}</span>
      </summary>
      <fieldset>
        <legend className="visually-hidden">{label}</legend>
        {options.map((o) => (
          <label key={o} className="check">
            <input
              type="checkbox"
              checked={selected.includes(o)}
              onChange={() => onChange(toggle(selected, o))}
            />
            {describe(o)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

export function ProcessFilters({ search, onChange }: Props) {
  const filtered =
    search.status.length + search.caseState.length + search.provider.length > 0 ||
    search.processType ||
    search.q ||
    search.from ||
    search.to ||
    search.country;

  return (
    <div className="filters">
      <nav className="quick-views" aria-label="Quick views">
        {QUICK_VIEWS.map((v) => {
          const current =
            sameStatuses(search.status, v.status) &&
            sameStatuses(search.caseState, v.caseState) &&
            !search.provider.length &&
            !search.processType &&
            !search.q;
          return (
            <button
              key={v.label}
              type="button"
              className="quick-view"
              aria-pressed={current}
              onClick={() =>
                onChange({ ...DEFAULT_SEARCH, sort: search.sort, status: v.status, caseState: v.caseState })
              }
            >
              {v.label}
            </button>
          );
        })}
      </nav>
      <div className="filter-row">
        <SearchBox
          id="process-search"
          label="Search names, document numbers and ids"
          placeholder="Search name, document number, id…  ( / )"
          value={search.q}
          onSearch={(q) => onChange({ q })}
        />
        <MultiSelect
          label="Status"
          options={STATUSES}
          selected={search.status}
          describe={statusLabel}
          onChange={(status) => onChange({ status })}
        />
        <MultiSelect
          label="Provider"
          options={PROVIDERS}
          selected={search.provider.filter((p): p is (typeof PROVIDERS)[number] =>
            (PROVIDERS as readonly string[]).includes(p),
          )}
          describe={providerLabel}
          onChange={(provider) => onChange({ provider })}
        />
        <label className="inline-field">
          <span>Type</span>
          <ProcessTypeSelect
            value={search.processType}
            onChange={(processType) => onChange({ processType })}
            anyLabel="Any"
          />
        </label>
        <label className="inline-field">
          <span>From</span>
          <input
            type="date"
            value={search.from ?? ''}
            max={search.to}
            onChange={(e) => onChange({ from: e.target.value || undefined })}
          />
        </label>
        <label className="inline-field">
          <span>To</span>
          <input
            type="date"
            value={search.to ?? ''}
            min={search.from}
            onChange={(e) => onChange({ to: e.target.value || undefined })}
          />
        </label>
        <label className="inline-field">
          <span>Sort</span>
          <select
            value={search.sort}
            onChange={(e) => onChange({ sort: e.target.value as ListSearch['sort'] })}
          >
            <option value="-created">Newest created</option>
            <option value="created">Oldest created</option>
            <option value="-updated">Recently updated</option>
            <option value="updated">Least recently updated</option>
          </select>
        </label>
        {search.country && (
          <button
            type="button"
            className="chip"
            onClick={() => onChange({ country: undefined })}
            aria-label={`Remove country filter ${countryName(search.country)}`}
          >
            Country {countryLabel(search.country)} ✕
          </button>
        )}
        {search.tz && (search.from || search.to) && (
          <span className="chip chip-static">Days in {search.tz}</span>
        )}
        {filtered && (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => onChange({ ...DEFAULT_SEARCH, sort: search.sort })}
          >
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
