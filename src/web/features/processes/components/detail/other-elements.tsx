import type { JsonRecord } from '@domain/raw-json';
import { ResultMark } from './result-mark';
import { prettyJson } from './provider-values';
import './detail.css';

/** providerSpecific elements a panel does not know: shown raw, never dropped. */
export function OtherElements({ elements, known }: { elements: JsonRecord; known: readonly string[] }) {
  const others = Object.keys(elements).filter((key) => !known.includes(key));
  if (others.length === 0) return null;
  return (
    <div className="detail-sub">
      <h3>Other elements</h3>
      <ul className="other-elements">
        {others.map((key) => (
          <li key={key}>
            <code className="vendor-name">{key}</code>{' '}
            <ResultMark result="unknown">Not recognised</ResultMark>
            <pre className="json-block">{prettyJson(elements[key])}</pre>
          </li>
        ))}
      </ul>
    </div>
  );
}
