import { asFlag, asRecord, isAbsent, type JsonRecord } from '@domain/raw-json';
import { DetailSection, SubSection } from './detail-section';
import { FieldTable, type FieldRow } from './field-table';
import { OtherElements } from './other-elements';
import type { ValueCases } from './provider-values';
import { RawValue, ValueMark } from './raw-value';
import { ResultMark } from './result-mark';
import './detail.css';

// Contract §5.3: similarityScore high | medium | low; livenessDetected "true" | "false"; manualApproval.status.
const SIMILARITY: ValueCases = { high: 'passed', medium: 'failed', low: 'failed' };
const LIVENESS: ValueCases = { true: 'passed', false: 'failed' };
const APPROVAL: ValueCases = { approved: 'passed', rejected: 'failed', pending: 'not_available' };

function FeaturesTable({ features, labelledBy }: { features: unknown[]; labelledBy: string }) {
  const withValue = features.some((item) => !isAbsent(asRecord(item)?.value));
  return (
    <table className="data-table compact-table" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">Feature</th>
          <th scope="col">Found</th>
          <th scope="col">Side</th>
          {withValue && <th scope="col">Value</th>}
        </tr>
      </thead>
      <tbody>
        {features.map((item, i) => {
          const feature = asRecord(item);
          if (!feature) {
            return (
              <tr key={i}>
                <th scope="row" colSpan={withValue ? 4 : 3}>
                  <ResultMark result="unknown">Not recognised</ResultMark> <RawValue value={item} />
                </th>
              </tr>
            );
          }
          const found = asFlag(feature.found);
          return (
            <tr key={i}>
              <th scope="row">
                <RawValue value={feature.name} />
              </th>
              <td>
                {found === undefined ? (
                  <ValueMark value={feature.found} cases={{}} />
                ) : (
                  <ResultMark result={found ? 'passed' : 'failed'}>
                    {found ? 'Found' : 'Not found'}
                  </ResultMark>
                )}
              </td>
              <td>
                <RawValue value={feature.side} />
              </td>
              {withValue && (
                <td>
                  <RawValue value={feature.value} />
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Electronic IDentification (contract §5.3) and Signicat VideoID (§5.7): OCR features, face similarity, liveness and
 * the agent's manual approval.
 */
export function EidPanel({
  providerSpecific,
  title = 'Electronic IDentification details',
}: {
  providerSpecific: JsonRecord;
  title?: string;
}) {
  const ocr = asRecord(providerSpecific.ocr);
  const approval = asRecord(providerSpecific.manualApproval);
  const features = ocr?.features;

  const ocrRows: FieldRow[] = [
    {
      key: 'similarityScore',
      label: 'Face similarity',
      name: 'similarityScore',
      value: <ValueMark value={ocr?.similarityScore} cases={SIMILARITY} />,
      detail: 'How closely the face matches the document photo.',
    },
    {
      key: 'livenessDetected',
      label: 'Liveness',
      name: 'livenessDetected',
      value: <ValueMark value={ocr?.livenessDetected} cases={LIVENESS} />,
      detail: 'Whether a live person was in front of the camera.',
    },
  ];
  for (const key of Object.keys(ocr ?? {}).filter(
    (k) => !['similarityScore', 'livenessDetected', 'features'].includes(k),
  )) {
    ocrRows.push({
      key,
      label: key,
      name: key,
      value: <RawValue value={ocr?.[key]} />,
      detail: 'Field not recognised; shown as received.',
    });
  }

  return (
    <DetailSection title={title}>
      <SubSection
        title={
          <>
            Face and liveness <code className="vendor-name">ocr</code>
          </>
        }
      >
        {(id) =>
          ocr ? (
            <FieldTable labelledBy={id} rows={ocrRows} />
          ) : (
            <p className={isAbsent(providerSpecific.ocr) ? 'muted' : undefined}>
              {isAbsent(providerSpecific.ocr) ? (
                'Not reported.'
              ) : (
                <>
                  Not recognised: <RawValue value={providerSpecific.ocr} />
                </>
              )}
            </p>
          )
        }
      </SubSection>
      {ocr && (
        <SubSection
          title={
            <>
              Document features <code className="vendor-name">ocr.features</code>
            </>
          }
        >
          {(id) =>
            Array.isArray(features) ? (
              features.length > 0 ? (
                <FeaturesTable features={features} labelledBy={id} />
              ) : (
                <p className="muted">No features listed.</p>
              )
            ) : isAbsent(features) ? (
              <p className="muted">Not reported.</p>
            ) : (
              <p>
                Not recognised: <RawValue value={features} />
              </p>
            )
          }
        </SubSection>
      )}
      <SubSection
        title={
          <>
            Manual approval <code className="vendor-name">manualApproval</code>
          </>
        }
      >
        {(id) =>
          approval ? (
            <FieldTable
              labelledBy={id}
              rows={[
                {
                  key: 'status',
                  label: 'Decision',
                  name: 'status',
                  value: <ValueMark value={approval.status} cases={APPROVAL} />,
                },
                {
                  key: 'reason',
                  label: 'Reason',
                  name: 'reason',
                  value: <RawValue value={approval.reason} />,
                },
                { key: 'agent', label: 'Agent', name: 'agent', value: <RawValue value={approval.agent} /> },
              ]}
            />
          ) : isAbsent(providerSpecific.manualApproval) ? (
            <p className="muted">
              No manual approval: an unattended process is decided from the OCR verdict.
            </p>
          ) : (
            <p>
              Not recognised: <RawValue value={providerSpecific.manualApproval} />
            </p>
          )
        }
      </SubSection>
      <OtherElements elements={providerSpecific} known={['ocr', 'manualApproval']} />
    </DetailSection>
  );
}
