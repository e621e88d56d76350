import { Link } from 'react-router-dom';
import { DIFF_FIELD_LABELS, DIFF_FIELDS } from '@domain/identity-keys';
import type { AttemptChangeJson } from '@domain/links-api';
import { providerLabel } from '@domain/providers';
import { paths } from '@web/lib/paths';
import './links.css';

const show = (field: string, value: string) => (field === 'provider' ? providerLabel(value) : value);

/**
 * For each attempt after the first, what changed against the one before, in one sentence and field by field;
 * unchanged fields are folded into a count. `order` maps a process id to its attempt number.
 */
export function AttemptDiff({
  changes,
  order,
}: {
  changes: readonly AttemptChangeJson[];
  order: ReadonlyMap<string, number>;
}) {
  if (changes.length === 0) return <p className="muted">One attempt: nothing to compare yet.</p>;
  return (
    <ol className="attempt-diff">
      {changes.map((change) => {
        const n = order.get(change.processId);
        const previous = order.get(change.previousProcessId);
        const unchanged = DIFF_FIELDS.length - change.changed.length;
        return (
          <li key={change.processId} className="attempt-diff-item">
            <h3 className="attempt-diff-title">
              <Link to={paths.process.href(change.processId)}>Attempt #{n ?? '?'}</Link>
              <span className="muted"> against #{previous ?? '?'}</span>
            </h3>
            <p className="attempt-diff-summary">{change.summary}</p>
            {change.changed.length > 0 && (
              <table className="data-table diff-table">
                <caption className="visually-hidden">
                  Fields changed in attempt {n} against attempt {previous}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Before (#{previous})</th>
                    <th scope="col">Now (#{n})</th>
                  </tr>
                </thead>
                <tbody>
                  {change.changed.map((c) => (
                    <tr key={c.field}>
                      <th scope="row">{DIFF_FIELD_LABELS[c.field]}</th>
                      <td>
                        <del className="diff-from">{show(c.field, c.from)}</del>
                      </td>
                      <td>
                        <ins className="diff-to">{show(c.field, c.to)}</ins>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {change.deviceUnknown && (
              <p className="hint">Device: not known until the full results of both attempts are opened.</p>
            )}
            <p className="hint">
              {unchanged === DIFF_FIELDS.length
                ? 'No field both attempts carry differs.'
                : `${unchanged} other fields unchanged or not read in both attempts.`}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
