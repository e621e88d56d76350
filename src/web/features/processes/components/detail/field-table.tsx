import type { ReactNode } from 'react';
import './detail.css';

export interface FieldRow {
  key: string;
  label: ReactNode;
  /** The vendor's name for the field, shown in monospace so it can be checked against the docs. */
  name?: string;
  value: ReactNode;
  /** A plain-language explanation under the value. */
  detail?: ReactNode;
}

/** Labelled provider fields: one row per field, the label as row header. */
export function FieldTable({
  rows,
  labelledBy,
  label,
}: {
  rows: FieldRow[];
  labelledBy?: string;
  label?: string;
}) {
  return (
    <table className="field-table" aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : label}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">
              <span className="field-label">{row.label}</span>
              {row.name && <code className="vendor-name">{row.name}</code>}
            </th>
            <td>
              {row.value}
              {row.detail && <div className="field-detail">{row.detail}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
