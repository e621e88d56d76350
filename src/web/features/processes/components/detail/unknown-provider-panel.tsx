import { DetailSection } from './detail-section';
import { prettyJson } from './provider-values';
import { ResultMark } from './result-mark';
import './detail.css';

/** A provider Assure Desk does not know: said plainly, with its raw providerSpecific visible. */
export function UnknownProviderPanel({
  provider,
  providerSpecific,
}: {
  provider: string;
  providerSpecific: unknown;
}) {
  return (
    <DetailSection title="Provider data">
      <p>
        <ResultMark result="unknown">Not recognised</ResultMark> Assure Desk does not know the provider{' '}
        <code className="vendor-name">{provider}</code>, so its data is shown as received.
      </p>
      {providerSpecific === undefined || providerSpecific === null ? (
        <p className="muted">No providerSpecific data.</p>
      ) : (
        <pre className="json-block" aria-label="providerSpecific as received">
          {prettyJson(providerSpecific)}
        </pre>
      )}
    </DetailSection>
  );
}
