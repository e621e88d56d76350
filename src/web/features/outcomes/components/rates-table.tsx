import { RATE_STATUSES, type OutcomesResponse, type RateRow } from '@domain/outcomes';
import { countryLabel } from '@domain/countries';
import { providerLabel } from '@domain/providers';
import { statusLabel } from '@domain/status';
import { drill, FINAL_STATUS_LIST, type DrillDown } from '../lib/drill-down';
import { formatPercent } from '../lib/format';
import type { OutcomesApiQuery } from '../lib/outcomes-search';
import { CountLink, DataTable, NumCell } from './chart-parts';

export type RatesBy = 'provider' | 'country';

/** A share with its count under it; the count links to the list when the list can filter that row. */
function RateCell({
  row,
  status,
  to,
  who,
}: {
  row: RateRow;
  status: (typeof RATE_STATUSES)[number];
  to?: string;
  who: string;
}) {
  const n = row.counts[status] ?? 0;
  const share = row.rates[status];
  return (
    <td className="oc-num oc-rate">
      <span className="oc-rate-value">{formatPercent(share)}</span>
      <span className={`oc-rate-bar status-${status}`} aria-hidden="true">
        <svg width="100%" height="4" preserveAspectRatio="none" viewBox="0 0 100 4">
          <rect width={Math.round((share ?? 0) * 100)} height="4" fill="currentColor" />
        </svg>
      </span>
      <span className="oc-rate-count">
        <CountLink n={n} to={to} label={`${statusLabel(status).toLowerCase()} ${who} processes`} />
      </span>
    </td>
  );
}

/** Shares of final processes per provider or per document country. */
export function RatesTable({
  data,
  query,
  by,
}: {
  data: OutcomesResponse;
  query: OutcomesApiQuery;
  by: RatesBy;
}) {
  // Each row's own filter for drill-downs; processes without a known country cannot be listed by country.
  const rows: Array<{ key: string; name: string; row: RateRow; filter?: DrillDown }> =
    by === 'provider'
      ? data.rates.byProvider.map((r) => ({
          key: r.provider,
          name: providerLabel(r.provider),
          row: r,
          filter: { provider: [r.provider] },
        }))
      : data.rates.byCountry.map((r) => ({
          key: r.country ?? '∅',
          name: r.country ? countryLabel(r.country) : 'Not known',
          row: r,
          filter: r.country ? { country: r.country } : undefined,
        }));
  const overall = data.rates.overall;
  return (
    <DataTable
      className="data-table oc-table oc-rates"
      caption={`Shares of final processes per ${by === 'provider' ? 'provider' : 'document country'}`}
      columns={[
        { key: 'name', label: by === 'provider' ? 'Provider' : 'Document country' },
        { key: 'total', label: 'Processes', numeric: true },
        { key: 'final', label: 'Final', numeric: true },
        ...RATE_STATUSES.map((s) => ({ key: s, label: statusLabel(s), numeric: true })),
      ]}
      empty={rows.length === 0 && 'No processes in this period.'}
      footer={
        rows.length > 1 && (
          <>
            <th scope="row">All</th>
            <NumCell>
              <CountLink n={overall.total} to={drill(query)} label="processes" />
            </NumCell>
            <NumCell>
              <CountLink
                n={overall.final}
                to={drill(query, { status: FINAL_STATUS_LIST })}
                label="final processes"
              />
            </NumCell>
            {RATE_STATUSES.map((s) => (
              <RateCell key={s} row={overall} status={s} who="" to={drill(query, { status: [s] })} />
            ))}
          </>
        )
      }
    >
      {rows.map(({ key, name, row, filter }) => (
        <tr key={key}>
          <th scope="row">{name}</th>
          <NumCell>
            <CountLink n={row.total} to={filter && drill(query, filter)} label={`${name} processes`} />
          </NumCell>
          <NumCell>
            <CountLink
              n={row.final}
              to={filter && drill(query, { ...filter, status: FINAL_STATUS_LIST })}
              label={`final ${name} processes`}
            />
          </NumCell>
          {RATE_STATUSES.map((s) => (
            <RateCell
              key={s}
              row={row}
              status={s}
              who={name}
              to={filter && drill(query, { ...filter, status: [s] })}
            />
          ))}
        </tr>
      ))}
    </DataTable>
  );
}
