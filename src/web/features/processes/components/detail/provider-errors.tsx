import { providerErrors } from '@domain/provider-errors';
import { DetailSection } from './detail-section';
import type { DetailProcess } from './provider-values';
import './detail.css';

/** `providerSpecific.errors` (contract §9): the provider's own error list, verbatim, one item per error. */
export function ProviderErrors({ process }: { process: DetailProcess }) {
  const errors = providerErrors(process);
  if (errors.length === 0) return null;
  return (
    <DetailSection title={`Errors reported by the provider (${errors.length})`} className="provider-errors">
      <p className="muted">
        As Assure sent them in providerSpecific.errors; their format is the provider&apos;s own.
      </p>
      <ol className="provider-error-list">
        {errors.map((error, i) => (
          <li key={i}>
            {error.lines.length === 1 ? (
              <code>{error.lines[0]}</code>
            ) : (
              <ul className="fail-reason-lines">
                {error.lines.map((line, j) => (
                  <li key={j}>
                    <code>{line}</code>
                  </li>
                ))}
              </ul>
            )}
            {error.explanation && <p className="muted">{error.explanation}</p>}
          </li>
        ))}
      </ol>
    </DetailSection>
  );
}
