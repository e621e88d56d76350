import { showRaw } from '@domain/raw-json';
import { DetailSection } from './detail-section';
import { ResultMark } from './result-mark';
import type { DetailCheck } from './provider-values';
import './detail.css';

/** Above this many checks, passed ones fold away so the ones that need attention stand out. */
const FOLD_PASSED_FROM = 7;

function CheckItem({ check }: { check: DetailCheck }) {
  return (
    <li className={`check-item check-${check.result}`}>
      <ResultMark result={check.result} />
      <div className="check-body">
        <div className="check-title">
          <span className="check-label">{check.label}</span> <code className="vendor-name">{check.name}</code>
        </div>
        <div className="check-detail">{check.detail}</div>
        {check.result === 'unknown' && check.raw !== undefined && (
          <div className="check-raw">
            Raw value: <code className="json-inline">{showRaw(check.raw, 400)}</code>
          </div>
        )}
      </div>
    </li>
  );
}

/** The checks behind the status, each with its result in icon and words, the vendor's name and a plain detail. */
export function ChecksList({ checks }: { checks: readonly DetailCheck[] }) {
  const attention = checks.filter((check) => check.result !== 'passed');
  const passed = checks.filter((check) => check.result === 'passed');
  const fold = checks.length >= FOLD_PASSED_FROM && passed.length > 0 && attention.length > 0;
  const counts = [
    attention.length > 0
      ? `${attention.length} need${attention.length === 1 ? 's' : ''} attention`
      : undefined,
    passed.length > 0 ? `${passed.length} passed` : undefined,
  ].filter(Boolean);

  return (
    <DetailSection
      title="Checks"
      actions={
        checks.length > 0 ? <span className="muted section-count">{counts.join(' · ')}</span> : undefined
      }
    >
      {checks.length === 0 ? (
        <p className="muted">No checks are available yet: the provider has not reported any data.</p>
      ) : fold ? (
        <>
          <ul className="checks-list">
            {attention.map((check, i) => (
              <CheckItem key={`${i}-${check.name}`} check={check} />
            ))}
          </ul>
          <details className="checks-passed">
            <summary>
              Show the {passed.length} passed check{passed.length === 1 ? '' : 's'}
            </summary>
            <ul className="checks-list">
              {passed.map((check, i) => (
                <CheckItem key={`${i}-${check.name}`} check={check} />
              ))}
            </ul>
          </details>
        </>
      ) : (
        <ul className="checks-list">
          {checks.map((check, i) => (
            <CheckItem key={`${i}-${check.name}`} check={check} />
          ))}
        </ul>
      )}
    </DetailSection>
  );
}
