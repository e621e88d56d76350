import { asRecord, isAbsent, type JsonRecord } from '@domain/raw-json';
import { DetailSection, SubSection } from './detail-section';
import { FieldTable, type FieldRow } from './field-table';
import { OtherElements } from './other-elements';
import { fieldLabel, orderedKeys, prettyJson, type ValueCases } from './provider-values';
import { RawValue, ValueMark } from './raw-value';
import './detail.css';

// Contract §5.6: successful → accepted, rejected → rejected, mismatch → inconclusive; canceled, expired end without result.
const RESULT: ValueCases = {
  successful: 'passed',
  rejected: 'failed',
  mismatch: 'failed',
  canceled: 'not_available',
  expired: 'not_available',
};
const RESPONSE_ORDER = ['result', 'reason', 'identMethod', 'transactionId'];
const RESPONSE_LABELS: Record<string, string> = {
  result: 'Result',
  reason: 'Reason',
  identMethod: 'Ident method',
  transactionId: 'Transaction ID',
};
const DOCUMENT_LABELS: Record<string, string> = { type: 'Document type', number: 'Document number' };

function recordRows(
  record: JsonRecord,
  order: readonly string[],
  labels: Record<string, string> = {},
): FieldRow[] {
  return orderedKeys(record, order).map((key) => ({
    key,
    label: labels[key] ?? fieldLabel(key),
    name: key,
    value: <RawValue value={record[key]} />,
  }));
}

/** WebID (contract §5.6): the ident response with the person and document, and the payment variant as opaque JSON. */
export function WebIdPanel({ providerSpecific }: { providerSpecific: JsonRecord }) {
  const ident = asRecord(providerSpecific.identResponse);
  const user = asRecord(ident?.user);
  const idDocument = asRecord(ident?.idDocument);
  const responseRows: FieldRow[] = ident
    ? orderedKeys(ident, RESPONSE_ORDER)
        .filter((key) => key !== 'user' && key !== 'idDocument')
        .map((key) => ({
          key,
          label: RESPONSE_LABELS[key] ?? key,
          name: key,
          value:
            key === 'result' ? (
              <ValueMark value={ident.result} cases={RESULT} />
            ) : (
              <RawValue value={ident[key]} />
            ),
        }))
    : [];

  return (
    <DetailSection title="WebID details">
      <SubSection
        title={
          <>
            Ident response <code className="vendor-name">identResponse</code>
          </>
        }
      >
        {(id) =>
          ident ? (
            <FieldTable labelledBy={id} rows={responseRows} />
          ) : isAbsent(providerSpecific.identResponse) ? (
            <p className="muted">Not reported yet.</p>
          ) : (
            <p>
              Not recognised: <RawValue value={providerSpecific.identResponse} />
            </p>
          )
        }
      </SubSection>
      {ident && !isAbsent(ident.user) && (
        <SubSection
          title={
            <>
              Person <code className="vendor-name">identResponse.user</code>
            </>
          }
        >
          {(id) =>
            user ? (
              <FieldTable
                labelledBy={id}
                rows={recordRows(user, ['firstName', 'lastName', 'dateOfBirth', 'nationality'])}
              />
            ) : (
              <p>
                Not recognised: <RawValue value={ident.user} />
              </p>
            )
          }
        </SubSection>
      )}
      {ident && !isAbsent(ident.idDocument) && (
        <SubSection
          title={
            <>
              Document <code className="vendor-name">identResponse.idDocument</code>
            </>
          }
        >
          {(id) =>
            idDocument ? (
              <FieldTable
                labelledBy={id}
                rows={recordRows(
                  idDocument,
                  ['type', 'number', 'issuingCountry', 'dateOfExpiry'],
                  DOCUMENT_LABELS,
                )}
              />
            ) : (
              <p>
                Not recognised: <RawValue value={ident.idDocument} />
              </p>
            )
          }
        </SubSection>
      )}
      <div className="detail-sub">
        <h3>
          Payment transfer <code className="vendor-name">payMoneyTransferResponse</code>
        </h3>
        {isAbsent(providerSpecific.payMoneyTransferResponse) ? (
          <p className="muted">Not present: only the payment-based WebID variant sends it.</p>
        ) : (
          <>
            <p className="muted">Shown as received; Assure Desk does not interpret it.</p>
            <pre className="json-block">{prettyJson(providerSpecific.payMoneyTransferResponse)}</pre>
          </>
        )}
      </div>
      <OtherElements elements={providerSpecific} known={['identResponse', 'payMoneyTransferResponse']} />
    </DetailSection>
  );
}
