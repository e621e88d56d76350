import { displayValue, isAbsent, showRaw } from '@domain/raw-json';
import { ResultMark } from './result-mark';
import { isMasked, prettyJson, type ValueCases } from './provider-values';
import './detail.css';

/** A personal value the server masked for this role. */
export function MaskedValue() {
  return (
    <span className="masked-value">
      <span aria-hidden="true">•••</span> <span className="masked-label">masked</span>
    </span>
  );
}

/** A provider value shown as delivered: text as text (never HTML), structures as JSON, absence and masking said in words. */
export function RawValue({ value }: { value: unknown }) {
  if (isAbsent(value)) return <span className="muted">Not reported</span>;
  if (isMasked(value)) return <MaskedValue />;
  if (value === '') return <span className="muted">(empty)</span>;
  if (typeof value === 'object') {
    const text = prettyJson(value);
    return text.length > 60 || text.includes('\n') ? (
      <pre className="json-block">{text}</pre>
    ) : (
      <code className="json-inline">{text}</code>
    );
  }
  return <span className="value-text">{displayValue(value)}</span>;
}

/**
 * An enumerated provider value with its meaning: a known value gets its result mark (icon, text, colour); anything
 * else is "not recognised" with the raw value visible.
 */
export function ValueMark({ value, cases }: { value: unknown; cases: ValueCases }) {
  if (isAbsent(value)) return <span className="muted">Not reported</span>;
  if (isMasked(value)) return <MaskedValue />;
  const key = typeof value === 'boolean' ? String(value) : value;
  if (typeof key === 'string' && Object.hasOwn(cases, key)) {
    return (
      <ResultMark result={cases[key]}>
        <span className="value-text">{displayValue(value)}</span>
      </ResultMark>
    );
  }
  return (
    <ResultMark result="unknown">
      Not recognised: <code className="json-inline">{showRaw(value)}</code>
    </ResultMark>
  );
}
