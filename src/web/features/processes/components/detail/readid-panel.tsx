import { readIdElements } from '@domain/explain/readid';
import { asRecord, isAbsent, type JsonRecord } from '@domain/raw-json';
import { DetailSection, SubSection } from './detail-section';
import { FieldTable, type FieldRow } from './field-table';
import { OtherElements } from './other-elements';
import type { ValueCases } from './provider-values';
import { RawValue, ValueMark } from './raw-value';
import './detail.css';

// Contract §5.1: SUCCEEDED/FAILED [D]; NOT_SUPPORTED/NOT_CHECKED mean "not available" [A].
const CHIP_CASES: ValueCases = {
  SUCCEEDED: 'passed',
  FAILED: 'failed',
  NOT_SUPPORTED: 'not_available',
  NOT_CHECKED: 'not_available',
};
const TRUE_PASSES: ValueCases = { true: 'passed', false: 'failed' };
const FALSE_PASSES: ValueCases = { false: 'passed', true: 'failed' };
const KNOWN_ELEMENTS = [
  'consolidatedIdentityData',
  'documentContent',
  'iproovSession',
  'iProovSession',
  'session',
];

/** The key an element was found under, for showing the vendor's spelling. */
function iproovKey(elements: JsonRecord): string {
  return isAbsent(elements.iproovSession) && !isAbsent(elements.iProovSession)
    ? 'iProovSession'
    : 'iproovSession';
}

/** First present key among the spellings the vendor uses (`iProovAssuranceType` / `assuranceType`). */
function pick(record: JsonRecord, ...keys: string[]): { key: string; value: unknown } {
  const key = keys.find((candidate) => !isAbsent(record[candidate])) ?? keys[0];
  return { key, value: record[key] };
}

function iproovRows(session: JsonRecord): FieldRow[] {
  const assurance = pick(session, 'iProovAssuranceType', 'assuranceType');
  const source = pick(session, 'enrollmentImageSource', 'enrolmentImageSource');
  const rows: FieldRow[] = [
    {
      key: 'passed',
      label: 'Passed',
      name: 'passed',
      value: <ValueMark value={session.passed} cases={TRUE_PASSES} />,
    },
    { key: 'attempts', label: 'Attempts', name: 'attempts', value: <RawValue value={session.attempts} /> },
    {
      key: 'assurance',
      label: 'Assurance type',
      name: assurance.key,
      value: <RawValue value={assurance.value} />,
      detail:
        assurance.value === 'GENUINE_PRESENCE'
          ? 'Genuine presence: checks that a real person is present, not a photo, mask or replay.'
          : assurance.value === 'LIVENESS'
            ? 'Liveness: checks that the face is live, a lighter check than genuine presence.'
            : undefined,
    },
    {
      key: 'source',
      label: 'Enrolment image source',
      name: source.key,
      value: <RawValue value={source.value} />,
      detail:
        source.value === 'Chip'
          ? 'The face was compared with the photo read from the document chip.'
          : undefined,
    },
    {
      key: 'finished',
      label: 'Finished',
      name: 'finished',
      value: <ValueMark value={session.finished} cases={TRUE_PASSES} />,
    },
    {
      key: 'hasError',
      label: 'Has error',
      name: 'hasError',
      value: <ValueMark value={session.hasError} cases={FALSE_PASSES} />,
    },
  ];
  const shown = new Set([
    'passed',
    'attempts',
    'iProovAssuranceType',
    'assuranceType',
    'enrollmentImageSource',
    'enrolmentImageSource',
    'finished',
    'hasError',
  ]);
  for (const key of Object.keys(session).filter((k) => !shown.has(k))) {
    rows.push({
      key,
      label: key,
      name: key,
      value: <RawValue value={session[key]} />,
      detail: 'Field not recognised; shown as received.',
    });
  }
  return rows;
}

/** ReadID (contract §5.1): chip verification, clone detection and the iProov session, in either layout. */
export function ReadIdPanel({ providerSpecific }: { providerSpecific: JsonRecord }) {
  const elements = readIdElements(providerSpecific);
  const session = asRecord(providerSpecific.session);
  const container = session ?? providerSpecific;
  const identity = asRecord(elements.consolidatedIdentityData);
  const iproov = asRecord(elements.iproovSession);

  const chipRows: FieldRow[] = [
    {
      key: 'chipVerification',
      label: 'Chip verification',
      name: 'chipVerification',
      value: <ValueMark value={identity?.chipVerification} cases={CHIP_CASES} />,
    },
    {
      key: 'chipCloneDetection',
      label: 'Chip clone detection',
      name: 'chipCloneDetection',
      value: <ValueMark value={identity?.chipCloneDetection} cases={CHIP_CASES} />,
    },
    {
      key: 'documentCode',
      label: 'Document code',
      name: 'documentCode',
      value: <RawValue value={identity?.documentCode} />,
    },
  ];

  return (
    <DetailSection title="ReadID details">
      {elements.layout === 'session' && (
        <p className="muted panel-note">
          The elements arrived inside one <code>session</code> element.
        </p>
      )}
      <SubSection title="Chip (NFC)">
        {(id) =>
          identity || isAbsent(elements.consolidatedIdentityData) ? (
            <FieldTable labelledBy={id} rows={chipRows} />
          ) : (
            <p>
              <code className="vendor-name">consolidatedIdentityData</code> is not recognised:{' '}
              <RawValue value={elements.consolidatedIdentityData} />
            </p>
          )
        }
      </SubSection>
      <SubSection
        title={
          <>
            iProov liveness <code className="vendor-name">{iproovKey(container)}</code>
          </>
        }
      >
        {(id) =>
          iproov ? (
            <FieldTable labelledBy={id} rows={iproovRows(iproov)} />
          ) : isAbsent(elements.iproovSession) ? (
            <p className="muted">No iProov session: a liveness check was not part of this process.</p>
          ) : (
            <p>
              Not recognised: <RawValue value={elements.iproovSession} />
            </p>
          )
        }
      </SubSection>
      <OtherElements elements={providerSpecific} known={KNOWN_ELEMENTS} />
      {session && <OtherElements elements={session} known={KNOWN_ELEMENTS} />}
    </DetailSection>
  );
}
