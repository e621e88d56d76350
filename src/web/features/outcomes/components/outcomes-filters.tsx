import { PROVIDERS, providerLabel } from '@domain/providers';
import { countryLabel, countryName } from '@domain/countries';
import { OUTCOME_BASES } from '@domain/outcomes';
import { ProcessTypeSelect } from '@web/components/process-type-select';
import {
  PERIOD_LABELS,
  PERIODS,
  browserTimeZone,
  withBound,
  type OutcomesApiQuery,
  type OutcomesSearch,
} from '../lib/outcomes-search';
import type { UrlSearchChange } from '@web/hooks/use-url-search';
import { ToggleGroup } from './toggle-group';

interface Props {
  search: OutcomesSearch;
  /** The search resolved to dates, bucket and time zone (what the data is for). */
  query: OutcomesApiQuery;
  countries: string[];
  onChange: (next: UrlSearchChange<OutcomesSearch>) => void;
}

/** Period presets or a custom range, bucket, provider, process type, country and time zone; all kept in the URL. */
export function OutcomesFilters({ search, query, countries, onChange }: Props) {
  const local = browserTimeZone();
  const zones = [...new Set([local, 'UTC', query.tz])];
  const providerValue =
    search.provider.length === 1 ? search.provider[0]! : search.provider.length > 1 ? '__several' : '';
  const countryOptions = [...new Set([...countries, ...(search.country ? [search.country] : [])])].sort(
    (a, b) => countryName(a).localeCompare(countryName(b)),
  );
  return (
    <div className="filters oc-filters">
      <div className="oc-filter-row">
        <ToggleGroup
          label="Period"
          className="oc-periods"
          options={PERIODS.filter((p) => p !== 'custom')}
          value={search.period}
          optionLabel={(p) => PERIOD_LABELS[p]}
          onSelect={(p) => onChange({ period: p, from: undefined, to: undefined })}
        />
        <div className="oc-range" role="group" aria-label="Custom period">
          <label className="inline-field">
            <span>From</span>
            <input
              type="date"
              value={query.from ?? ''}
              max={query.to}
              onChange={(e) => {
                const from = e.target.value || undefined;
                onChange((current) => withBound(current, { from }));
              }}
            />
          </label>
          <label className="inline-field">
            <span>To</span>
            <input
              type="date"
              value={query.to ?? ''}
              min={query.from}
              onChange={(e) => {
                const to = e.target.value || undefined;
                onChange((current) => withBound(current, { to }));
              }}
            />
          </label>
        </div>
      </div>
      <div className="filter-row">
        <ToggleGroup
          label="Group by"
          className="oc-bucket"
          options={['day', 'week'] as const}
          value={query.bucket}
          optionLabel={(b) => <>By {b}</>}
          onSelect={(b) => onChange({ bucket: b })}
        />
        <ToggleGroup
          label="Team figures by"
          className="oc-basis"
          options={OUTCOME_BASES}
          value={query.basis}
          optionLabel={(b) => (b === 'created' ? 'Creation date' : 'Decision date')}
          onSelect={(basis) => onChange({ basis })}
        />
        <label className="inline-field">
          <span>Provider</span>
          <select
            value={providerValue}
            onChange={(e) =>
              onChange({ provider: e.target.value && e.target.value !== '__several' ? [e.target.value] : [] })
            }
          >
            <option value="">All</option>
            {providerValue === '__several' && (
              <option value="__several">{search.provider.map(providerLabel).join(', ')}</option>
            )}
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {providerLabel(p)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Process type</span>
          <ProcessTypeSelect
            value={search.processType}
            onChange={(processType) => onChange({ processType })}
            anyLabel="All"
          />
        </label>
        <label className="inline-field">
          <span>Document country</span>
          <select
            value={search.country ?? ''}
            onChange={(e) => onChange({ country: e.target.value || undefined })}
          >
            <option value="">All</option>
            {countryOptions.map((c) => (
              <option key={c} value={c}>
                {countryLabel(c)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Time zone</span>
          <select
            value={query.tz}
            onChange={(e) => onChange({ tz: e.target.value === local ? undefined : e.target.value })}
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z === local ? `${z} (this device)` : z}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
