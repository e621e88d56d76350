import { asRecord, isAbsent, type JsonRecord } from '@domain/raw-json';
import { DetailSection, SubSection } from './detail-section';
import { FieldTable, type FieldRow } from './field-table';
import { OtherElements } from './other-elements';
import { fieldLabel, findCheck, isMasked, type DetailCheck, type ValueCases } from './provider-values';
import { RawValue, ValueMark } from './raw-value';
import { ResultMark } from './result-mark';
import './detail.css';

// Contract §5.4: flags "true" | "false"; mrzChecksum VALID | INVALID; mrzFeatureMatching MATCH | MISMATCH.
const FLAG: ValueCases = { true: 'passed', false: 'failed' };
const CHECKSUM: ValueCases = { VALID: 'passed', INVALID: 'failed' };
const MATCHING: ValueCases = { MATCH: 'passed', MISMATCH: 'failed' };
const SIMILARITY: ValueCases = { high: 'passed', medium: 'failed', low: 'failed' };
const KNOWN_ELEMENTS = [
  'verification',
  'features',
  'mrz',
  'mrzChecksum',
  'mrzVerification',
  'mrzFeatureMatching',
  'ocr',
];

const FIELD_ORDER = [
  'firstName',
  'lastName',
  'dateOfBirth',
  'gender',
  'nationality',
  'documentType',
  'documentNumber',
  'personalNumber',
  'dateOfIssue',
  'dateOfExpiry',
  'issuingCountry',
  'issuingAuthority',
  'composite',
];

/**
 * A per-field check value. The server masks per-field results named after personal fields (`mrzChecksum.dateOfBirth`)
 * although they hold only VALID/MATCH; the explanation, computed from the unmasked data, still has the verdict.
 */
function perFieldValue(
  element: JsonRecord | undefined,
  elementName: string,
  field: string,
  checks: readonly DetailCheck[],
): unknown {
  const value = element?.[field];
  if (!isMasked(value)) return value;
  const check = findCheck(checks, `${elementName}.${field}`);
  return typeof check?.raw === 'string' ? check.raw : value;
}

function FieldsTable({
  features,
  mrz,
  checksum,
  matching,
  checks,
  labelledBy,
}: {
  features?: JsonRecord;
  mrz?: JsonRecord;
  checksum?: JsonRecord;
  matching?: JsonRecord;
  checks: readonly DetailCheck[];
  labelledBy: string;
}) {
  const present = new Set([features, mrz, checksum, matching].flatMap((record) => Object.keys(record ?? {})));
  const fields = [
    ...FIELD_ORDER.filter((field) => present.has(field)),
    ...[...present].filter((field) => !FIELD_ORDER.includes(field)),
  ];
  const cell = (element: JsonRecord | undefined, name: string, field: string, cases?: ValueCases) => {
    if (!element) return <span className="muted">—</span>;
    const value = cases ? perFieldValue(element, name, field, checks) : element[field];
    if (isAbsent(value)) return <span className="muted">—</span>;
    return cases ? <ValueMark value={value} cases={cases} /> : <RawValue value={value} />;
  };
  return (
    <div className="table-scroll">
      <table className="data-table compact-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">
              Printed text <code className="vendor-name">features</code>
            </th>
            <th scope="col">
              MRZ <code className="vendor-name">mrz</code>
            </th>
            <th scope="col">
              Check digit <code className="vendor-name">mrzChecksum</code>
            </th>
            <th scope="col">
              Text vs MRZ <code className="vendor-name">mrzFeatureMatching</code>
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => {
            const failed =
              perFieldValue(checksum, 'mrzChecksum', field, checks) === 'INVALID' ||
              perFieldValue(matching, 'mrzFeatureMatching', field, checks) === 'MISMATCH';
            return (
              <tr key={field} className={failed ? 'row-mismatch' : undefined}>
                <th scope="row">
                  <span className="field-label">{fieldLabel(field)}</span>
                  <code className="vendor-name">{field}</code>
                </th>
                <td>{cell(features, 'features', field)}</td>
                <td>{cell(mrz, 'mrz', field)}</td>
                <td>{cell(checksum, 'mrzChecksum', field, CHECKSUM)}</td>
                <td>{cell(matching, 'mrzFeatureMatching', field, MATCHING)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Signicat Paper (contract §5.4) and Signicat PictureID (§5.7): verification, the MRZ, and per field the printed text,
 * the MRZ value, its check digit and whether the two match.
 */
export function SignicatPaperPanel({
  providerSpecific,
  checks,
  title = 'Signicat Paper details',
}: {
  providerSpecific: JsonRecord;
  checks: readonly DetailCheck[];
  title?: string;
}) {
  const verification = asRecord(providerSpecific.verification);
  const mrzVerification = asRecord(providerSpecific.mrzVerification);
  const features = asRecord(providerSpecific.features);
  const mrz = asRecord(providerSpecific.mrz);
  const checksum = asRecord(providerSpecific.mrzChecksum);
  const matching = asRecord(providerSpecific.mrzFeatureMatching);
  const ocr = asRecord(providerSpecific.ocr);

  const rows: FieldRow[] = [
    {
      key: 'verification',
      label: 'Document verification',
      name: 'verification.status',
      value: verification ? (
        <ValueMark value={verification.status} cases={FLAG} />
      ) : (
        <RawValue value={providerSpecific.verification} />
      ),
      detail:
        verification?.type !== undefined ? (
          <>
            Type <code>{String(verification.type)}</code>
          </>
        ) : undefined,
    },
    {
      key: 'mrz',
      label: 'Machine-readable zone',
      name: 'mrz',
      value: isAbsent(providerSpecific.mrz) ? (
        <ResultMark result="failed">No MRZ read</ResultMark>
      ) : mrz ? (
        <ResultMark result="passed">MRZ read</ResultMark>
      ) : (
        <RawValue value={providerSpecific.mrz} />
      ),
      detail: isAbsent(providerSpecific.mrz)
        ? "Without an MRZ, Signicat Paper's rule never accepts a document."
        : undefined,
    },
  ];
  if (!isAbsent(providerSpecific.mrzVerification)) {
    rows.push({
      key: 'mrzVerification',
      label: 'MRZ verification',
      name: 'mrzVerification.status',
      value: mrzVerification ? (
        <ValueMark value={mrzVerification.status} cases={FLAG} />
      ) : (
        <RawValue value={providerSpecific.mrzVerification} />
      ),
    });
  }
  if (ocr) {
    rows.push({
      key: 'similarityScore',
      label: 'Selfie similarity',
      name: 'ocr.similarityScore',
      value: <ValueMark value={ocr.similarityScore} cases={SIMILARITY} />,
    });
  }
  const unreadable = (['mrzChecksum', 'mrzFeatureMatching', 'features'] as const).filter(
    (key) => !isAbsent(providerSpecific[key]) && !asRecord(providerSpecific[key]),
  );

  return (
    <DetailSection title={title}>
      <SubSection title="Verification">{(id) => <FieldTable labelledBy={id} rows={rows} />}</SubSection>
      {(features || mrz || checksum || matching) && (
        <SubSection title="Fields: printed text, MRZ, check digits and matching">
          {(id) => <FieldsTable {...{ features, mrz, checksum, matching, checks }} labelledBy={id} />}
        </SubSection>
      )}
      {unreadable.map((key) => (
        <p key={key}>
          <code className="vendor-name">{key}</code> is not recognised:{' '}
          <RawValue value={providerSpecific[key]} />
        </p>
      ))}
      <OtherElements elements={providerSpecific} known={KNOWN_ELEMENTS} />
    </DetailSection>
  );
}
