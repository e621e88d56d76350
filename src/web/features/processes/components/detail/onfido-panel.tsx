import { asRecord, isAbsent, type JsonRecord } from '@domain/raw-json';
import { DetailSection, SubSection } from './detail-section';
import { FieldTable, type FieldRow } from './field-table';
import { OtherElements } from './other-elements';
import type { ValueCases } from './provider-values';
import { RawValue, ValueMark } from './raw-value';
import './detail.css';

// Contract §5.2: clear | consider; subResult clear | rejected | suspected | caution; similarityScore high | medium | low.
const CLEAR_CONSIDER: ValueCases = { clear: 'passed', consider: 'consider' };
const SUB_RESULT: ValueCases = {
  clear: 'passed',
  caution: 'consider',
  suspected: 'failed',
  rejected: 'failed',
};
const SIMILARITY: ValueCases = { high: 'passed', medium: 'failed', low: 'failed' };

type Element = 'documentVerification' | 'facialSimilarity';

const BREAKDOWNS: Record<
  Element,
  { title: string; fields: Array<[field: string, label: string, cases: ValueCases]> }
> = {
  documentVerification: {
    title: 'Document check',
    fields: [
      ['result', 'Overall result', CLEAR_CONSIDER],
      ['subResult', 'Sub-result', SUB_RESULT],
      ['imageIntegrity', 'Image integrity', CLEAR_CONSIDER],
      ['dataValidation', 'Data validation', CLEAR_CONSIDER],
      ['dataComparison', 'Data comparison', CLEAR_CONSIDER],
      ['dataConsistency', 'Data consistency', CLEAR_CONSIDER],
      ['visualAuthenticity', 'Visual authenticity', CLEAR_CONSIDER],
      ['compromisedDocument', 'Compromised document', CLEAR_CONSIDER],
      ['policeRecord', 'Police record', CLEAR_CONSIDER],
    ],
  },
  facialSimilarity: {
    title: 'Face check',
    fields: [
      ['result', 'Overall result', CLEAR_CONSIDER],
      ['faceComparison', 'Face comparison', CLEAR_CONSIDER],
      ['imageIntegrity', 'Image integrity', CLEAR_CONSIDER],
      ['visualAuthenticity', 'Visual authenticity (liveness)', CLEAR_CONSIDER],
      ['similarityScore', 'Similarity score', SIMILARITY],
    ],
  },
};

function breakdownRows(element: Element, breakdown: JsonRecord): FieldRow[] {
  const spec = BREAKDOWNS[element];
  const known = spec.fields.map(([field]) => field);
  const rows: FieldRow[] = spec.fields
    .filter(([field]) => !isAbsent(breakdown[field]))
    .map(([field, label, cases]) => ({
      key: field,
      label,
      name: field,
      value: <ValueMark value={breakdown[field]} cases={cases} />,
      detail: field === 'similarityScore' ? 'Informational; not part of the status rule.' : undefined,
    }));
  for (const field of Object.keys(breakdown).filter((key) => !known.includes(key))) {
    rows.push({
      key: field,
      label: field,
      name: field,
      value: <RawValue value={breakdown[field]} />,
      detail: 'Field not recognised; shown as received.',
    });
  }
  return rows;
}

/** Onfido (contract §5.2): the document and face-check breakdowns as labelled tables. */
export function OnfidoPanel({
  providerSpecific,
  processType,
}: {
  providerSpecific: JsonRecord;
  processType?: string;
}) {
  return (
    <DetailSection title="Onfido details">
      {(['documentVerification', 'facialSimilarity'] as const).map((element) => {
        const raw = providerSpecific[element];
        const breakdown = asRecord(raw);
        return (
          <SubSection
            key={element}
            title={
              <>
                {BREAKDOWNS[element].title} <code className="vendor-name">{element}</code>
              </>
            }
          >
            {(id) =>
              breakdown ? (
                <FieldTable labelledBy={id} rows={breakdownRows(element, breakdown)} />
              ) : isAbsent(raw) ? (
                <p className="muted">
                  Not reported
                  {element === 'facialSimilarity' && processType === 'document'
                    ? ': processType document has no face check.'
                    : '.'}
                </p>
              ) : (
                <p>
                  Not recognised: <RawValue value={raw} />
                </p>
              )
            }
          </SubSection>
        );
      })}
      <OtherElements elements={providerSpecific} known={['documentVerification', 'facialSimilarity']} />
    </DetailSection>
  );
}
