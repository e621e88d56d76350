import type { ReactNode } from 'react';
import type { CheckResult } from '@domain/explain';
import './detail.css';

export const RESULT_TEXT: Record<CheckResult, string> = {
  passed: 'Passed',
  failed: 'Failed',
  consider: 'Consider',
  not_available: 'Not available',
  not_performed: 'Not performed',
  unknown: 'Unknown',
};

const RESULT_ICONS: Record<CheckResult, string> = {
  passed: '✓',
  failed: '✕',
  consider: '!',
  not_available: '–',
  not_performed: '○',
  unknown: '?',
};

/**
 * A check result as icon, text and colour, never colour alone. With children (e.g. the vendor's value "clear"),
 * the result word is still read out to screen readers.
 */
export function ResultMark({ result, children }: { result: CheckResult; children?: ReactNode }) {
  return (
    <span className={`result-mark result-${result}`}>
      <span className="result-icon" aria-hidden="true">
        {RESULT_ICONS[result]}
      </span>
      {children === undefined ? (
        RESULT_TEXT[result]
      ) : (
        <>
          <span className="visually-hidden">{RESULT_TEXT[result]}: </span>
          {children}
        </>
      )}
    </span>
  );
}
