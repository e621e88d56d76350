import { asNumber, asRecord, isAbsent, type JsonRecord } from '@domain/raw-json';
import { formatDateTime } from '@web/lib/format';
import { DetailSection, SubSection } from './detail-section';
import { FieldTable, type FieldRow } from './field-table';
import { OtherElements } from './other-elements';
import { orderedKeys } from './provider-values';
import { RawValue } from './raw-value';
import { ResultMark } from './result-mark';
import './detail.css';

// Contract §5.5: decoded ID-token claims and OpenID-style userInfo claims.
const ID_TOKEN_LABELS: Record<string, string> = {
  idp: 'eID method',
  acr: 'Assurance level',
  iss: 'Issuer',
  sub: 'Subject',
  aud: 'Audience',
  iat: 'Issued at',
  exp: 'Expires',
};
const USER_INFO_LABELS: Record<string, string> = {
  name: 'Name',
  given_name: 'Given name',
  family_name: 'Family name',
  birthdate: 'Date of birth',
  nin: 'National identity number',
  nin_type: 'Identity number type',
  nin_issuing_country: 'Identity number issued by',
};
const TIME_CLAIMS = new Set(['iat', 'exp']);

function claimRows(claims: JsonRecord, labels: Record<string, string>): FieldRow[] {
  return orderedKeys(claims, Object.keys(labels)).map((key) => {
    const seconds = TIME_CLAIMS.has(key) ? asNumber(claims[key]) : undefined;
    return {
      key,
      label: labels[key] ?? key,
      name: key,
      value:
        seconds === undefined ? (
          <RawValue value={claims[key]} />
        ) : (
          <>
            {formatDateTime(new Date(seconds * 1000).toISOString())}{' '}
            <span className="muted mono">({seconds})</span>
          </>
        ),
    };
  });
}

function ClaimsBlock({
  raw,
  labels,
  empty,
  labelledBy,
}: {
  raw: unknown;
  labels: Record<string, string>;
  empty: string;
  labelledBy: string;
}) {
  const claims = asRecord(raw);
  if (claims) return <FieldTable labelledBy={labelledBy} rows={claimRows(claims, labels)} />;
  if (isAbsent(raw)) return <p className="muted">{empty}</p>;
  return (
    <p>
      Not recognised: <RawValue value={raw} />
    </p>
  );
}

/** Connect (contract §5.5): identity evidence from an eID login — the ID-token claims, userInfo and any error. */
export function ConnectPanel({ providerSpecific }: { providerSpecific: JsonRecord }) {
  const error = asRecord(providerSpecific.error);
  return (
    <DetailSection title="Connect details">
      <SubSection
        title={
          <>
            eID login <code className="vendor-name">idtoken</code>
          </>
        }
      >
        {(id) => (
          <ClaimsBlock
            raw={providerSpecific.idtoken}
            labels={ID_TOKEN_LABELS}
            empty="No ID token was received."
            labelledBy={id}
          />
        )}
      </SubSection>
      <SubSection
        title={
          <>
            Identity claims <code className="vendor-name">userInfo</code>
          </>
        }
      >
        {(id) => (
          <ClaimsBlock
            raw={providerSpecific.userInfo}
            labels={USER_INFO_LABELS}
            empty="No identity claims were received."
            labelledBy={id}
          />
        )}
      </SubSection>
      <SubSection
        title={
          <>
            Login error <code className="vendor-name">error</code>
          </>
        }
      >
        {(id) =>
          isAbsent(providerSpecific.error) ? (
            <p>
              <ResultMark result="passed">No error reported</ResultMark>
            </p>
          ) : error ? (
            <FieldTable
              labelledBy={id}
              rows={orderedKeys(error, ['code', 'description']).map((key) => ({
                key,
                label: key === 'code' ? 'Code' : key === 'description' ? 'Description' : key,
                name: key,
                value:
                  key === 'code' ? (
                    <ResultMark result="failed">{<RawValue value={error[key]} />}</ResultMark>
                  ) : (
                    <RawValue value={error[key]} />
                  ),
              }))}
            />
          ) : (
            <p>
              Not recognised: <RawValue value={providerSpecific.error} />
            </p>
          )
        }
      </SubSection>
      <OtherElements elements={providerSpecific} known={['idtoken', 'userInfo', 'error']} />
    </DetailSection>
  );
}
