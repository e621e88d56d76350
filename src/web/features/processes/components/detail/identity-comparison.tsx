import { compareIdentity, type IdentityRow } from '@domain/identity';
import { DetailSection } from './detail-section';
import { isMasked, type DetailProcess } from './provider-values';
import { RawValue } from './raw-value';
import { ResultMark } from './result-mark';
import './detail.css';

function Comparison({ row, sourceCount }: { row: IdentityRow; sourceCount: number }) {
  const values = Object.values(row.values).filter((value) => value !== undefined && value.trim() !== '');
  if (row.mismatch) return <ResultMark result="failed">Mismatch</ResultMark>;
  if (values.some(isMasked)) return <span className="muted">Masked, not compared</span>;
  if (values.length < 2 || sourceCount < 2) return <span className="muted">One source</span>;
  return <ResultMark result="passed">Same</ResultMark>;
}

/** Identity data from each source side by side (one column per source present), mismatches marked. */
export function IdentityComparison({ process }: { process: DetailProcess }) {
  const { sources, rows } = compareIdentity(process);
  const mismatches = rows.filter((row) => row.mismatch).length;
  const hasMrzNames = sources.some((source) => source.id === 'mrzNames');

  return (
    <DetailSection
      title="Identity data by source"
      actions={
        rows.length > 0 && sources.length > 1 ? (
          mismatches > 0 ? (
            <ResultMark result="failed">
              {mismatches} mismatch{mismatches === 1 ? '' : 'es'}
            </ResultMark>
          ) : (
            <ResultMark result="passed">No mismatches</ResultMark>
          )
        ) : undefined
      }
    >
      {rows.length === 0 ? (
        <p className="muted">
          This process carries no identity data
          {process.provider === 'onfido' ? " (Onfido's Get process reports only check results)" : ''}.
        </p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="data-table identity-table">
              <caption className="visually-hidden">
                Identity data by source; mismatching rows are marked.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  {sources.map((source) => (
                    <th scope="col" key={source.id}>
                      {source.label}
                    </th>
                  ))}
                  {sources.length > 1 && <th scope="col">Comparison</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.field} className={row.mismatch ? 'row-mismatch' : undefined}>
                    <th scope="row">{row.label}</th>
                    {sources.map((source) => (
                      <td key={source.id}>
                        {row.values[source.id] === undefined ? (
                          <span className="muted">—</span>
                        ) : (
                          <RawValue value={row.values[source.id]} />
                        )}
                      </td>
                    ))}
                    {sources.length > 1 && (
                      <td>
                        <Comparison row={row} sourceCount={sources.length} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {hasMrzNames && (
            <p className="muted panel-note">
              MRZ names are a Latin transliteration (Ö written as OE, apostrophes as spaces); such spellings
              count as the same name.
            </p>
          )}
        </>
      )}
    </DetailSection>
  );
}
