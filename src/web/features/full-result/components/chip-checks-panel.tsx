import { useMemo } from 'react';
import type { CheckResult } from '@domain/explain/types';
import { readIdElements } from '@domain/explain/readid';
import { asRecord, asString } from '@domain/raw-json';
import {
  analyseReadIdSession,
  compareSessionWithProcess,
  type NfcCheck,
  type SectionState,
} from '@domain/readid-session';

const RESULT_LABELS: Record<CheckResult, { icon: string; text: string }> = {
  passed: { icon: '✓', text: 'Passed' },
  failed: { icon: '✗', text: 'Failed' },
  consider: { icon: '!', text: 'Consider' },
  not_available: { icon: '–', text: 'Not available' },
  not_performed: { icon: '○', text: 'Not performed' },
  unknown: { icon: '?', text: 'Unknown' },
};

function Result({ result }: { result: CheckResult }) {
  const { icon, text } = RESULT_LABELS[result];
  return (
    <span className={`fr-result fr-result-${result}`}>
      <span aria-hidden="true">{icon}</span> {text}
    </span>
  );
}

const BACKS: Record<string, string> = {
  DS: 'chipVerification',
  CS: 'chipVerification',
  HT: 'chipVerification',
  AA: 'chipCloneDetection',
  EACCA: 'chipCloneDetection',
};

function ChecksTable<Code extends string>({
  caption,
  checks,
  backs,
}: {
  caption: string;
  checks: NfcCheck<Code>[];
  backs?: boolean;
}) {
  return (
    // Focusable so that a table wider than the column can be scrolled from the keyboard.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="fr-table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table fr-checks-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Result</th>
            <th scope="col">Status and reason</th>
            {backs && <th scope="col">Backs</th>}
          </tr>
        </thead>
        <tbody>
          {checks.map((check) => (
            <tr key={check.code}>
              <th scope="row">
                <span className="mono fr-check-code">{check.code}</span>{' '}
                <span className="fr-meaning">{check.meaning}</span>
              </th>
              <td>
                <Result result={check.result} />
              </td>
              <td className="mono fr-status">
                <span>
                  {check.status ?? <span className="muted">absent</span>}
                  {check.status !== undefined && !check.recognised && (
                    <span className="tag tag-muted">not recognised</span>
                  )}
                </span>{' '}
                {check.reason !== undefined && <span className="muted">{check.reason}</span>}
              </td>
              {backs && <td className="mono">{BACKS[check.code] ?? '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const SECTION_TEXT: Record<Exclude<SectionState, 'present'>, string> = {
  absent: 'is not in this session.json',
  unrecognised: 'has a shape this desk does not read (see the raw session.json below)',
};

/**
 * ReadID's chip checks from session.json (contract §5.1): access control and verification statuses with what each
 * means, how they back chipVerification and chipCloneDetection, and where session.json and the process disagree.
 * nfcSession and iProovSession are internal to ReadID and may change without notice (contract §9): what they
 * suggest is shown as advisory, and their absence or values we do not recognise are never an inconsistency.
 */
export function ChipChecksPanel({ session, process }: { session: unknown; process: unknown }) {
  const analysis = useMemo(() => analyseReadIdSession(session), [session]);
  const comparison = useMemo(() => compareSessionWithProcess(analysis, process), [analysis, process]);
  const disagreements = comparison.disagreements;
  const advisory = [...analysis.advisory, ...comparison.advisory];
  const missingSections = (['nfcSession', 'iProovSession'] as const).flatMap((name) => {
    const state = analysis.sections[name];
    return state === 'present' ? [] : [{ name, text: SECTION_TEXT[state] }];
  });
  const hasNfc = analysis.sections.nfcSession === 'present';
  const selfieSource = [
    analysis.reported.selfieVerificationStatusSource,
    analysis.reported.selfieVerificationStatusSourceName,
  ]
    .filter(Boolean)
    .join(', ');
  const processIdentity = asRecord(
    readIdElements(asRecord(asRecord(process)?.providerSpecific)).consolidatedIdentityData,
  );
  const processSays = (key: string) => asString(processIdentity?.[key]) ?? '—';

  const derived = [
    {
      key: 'chipVerification',
      rule: 'Passive authentication: SUCCEEDED when DS, CS and HT all succeeded, otherwise FAILED.',
      implied: analysis.impliedChipVerification,
      reported: analysis.reported.chipVerification,
    },
    {
      key: 'chipCloneDetection',
      rule: 'SUCCEEDED when AA or EACCA succeeded, FAILED when a present one failed, NOT_SUPPORTED when both are NOT_PRESENT.',
      implied: analysis.impliedChipCloneDetection,
      reported: analysis.reported.chipCloneDetection,
    },
  ];

  return (
    <section className="fr-panel" aria-labelledby="fr-chip-heading">
      <h3 id="fr-chip-heading">Chip checks from session.json</h3>
      {disagreements.length > 0 && (
        <div className="banner banner-warning" role="status">
          <strong>session.json and the process disagree</strong>
          <ul>
            {disagreements.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </div>
      )}
      {analysis.notices.length > 0 && (
        <div className="banner banner-warning">
          <strong>About this session.json</strong>
          <ul>
            {analysis.notices.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </div>
      )}
      {advisory.length > 0 && (
        <div className="banner banner-info" role="note" aria-label="Advisory">
          <strong>Advisory: from ReadID&apos;s internal sections</strong>{' '}
          <span className="muted">
            (nfcSession and iProovSession may change without notice; the process and consolidatedIdentityData
            are what count)
          </span>
          <ul>
            {advisory.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </div>
      )}
      {missingSections.length > 0 && (
        <ul className="muted fr-sections">
          {missingSections.map(({ name, text }) => (
            <li key={name}>
              <span className="mono">{name}</span> {text}. ReadID marks it internal, so nothing is missing for
              the verdict.
            </li>
          ))}
        </ul>
      )}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- scrollable from the keyboard */}
      <div className="fr-table-scroll" tabIndex={0} role="region" aria-label="What the checks add up to">
        <table className="data-table fr-derived-table">
          <caption>What the checks add up to</caption>
          <thead>
            <tr>
              <th scope="col">Value and rule</th>
              <th scope="col">Implied by nfcSession (advisory)</th>
              <th scope="col">session.json says</th>
              <th scope="col">Process says</th>
            </tr>
          </thead>
          <tbody>
            {derived.map((row) => (
              <tr key={row.key}>
                <th scope="row">
                  <span className="mono fr-check-code">{row.key}</span>{' '}
                  <span className="fr-meaning">{row.rule}</span>
                </th>
                <td className="mono">{hasNfc ? row.implied : '—'}</td>
                <td className="mono">{row.reported ?? '—'}</td>
                <td className="mono">{processSays(row.key)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hasNfc && (
        <div className="fr-checks-grid">
          <ChecksTable
            caption="Access control (nfcSession.accessControlStatus, advisory)"
            checks={analysis.accessControl}
          />
          <ChecksTable
            caption="Verification (nfcSession.verificationStatus, advisory)"
            checks={analysis.verification}
            backs
          />
        </div>
      )}
      <dl className="fr-facts">
        {analysis.iProov && (
          <div>
            <dt>iProov</dt>
            <dd>
              <Result result={analysis.iProov.result} />
              {' · '}passed {String(analysis.iProov.passed ?? '—')} · finished{' '}
              {String(analysis.iProov.finished ?? '—')} · error {String(analysis.iProov.hasError ?? '—')} ·
              attempts {analysis.iProov.attempts ?? '—'}
              {analysis.iProov.assuranceType && ` · ${analysis.iProov.assuranceType}`}
              {analysis.iProov.enrolmentImageSource && ` · enrolment ${analysis.iProov.enrolmentImageSource}`}
              {analysis.iProov.verifyTokens.length > 0 &&
                ` · verify tokens ${analysis.iProov.verifyTokens
                  .map((passed) => (passed === undefined ? '?' : passed ? 'passed' : 'not passed'))
                  .join(', ')}`}
            </dd>
          </div>
        )}
        {analysis.reported.selfieVerificationStatus && (
          <div>
            <dt>Selfie verification</dt>
            <dd>
              <span className="mono">{analysis.reported.selfieVerificationStatus}</span>
              {selfieSource && ` (${selfieSource})`}
            </dd>
          </div>
        )}
        {analysis.chip && (
          <div>
            <dt>Chip</dt>
            <dd>
              {analysis.chip.chipRead === undefined
                ? 'read: unknown'
                : analysis.chip.chipRead
                  ? 'read'
                  : 'not read'}
              {analysis.chip.chipTypes.length > 0 && ` · ${analysis.chip.chipTypes.join(', ')}`}
              {analysis.mrzType && ` · MRZ ${analysis.mrzType}`}
            </dd>
          </div>
        )}
        {!analysis.chip && analysis.mrzType && (
          <div>
            <dt>MRZ</dt>
            <dd>{analysis.mrzType}</dd>
          </div>
        )}
        {analysis.deviceInfo && (
          <div>
            <dt>Device</dt>
            <dd>
              {[
                analysis.deviceInfo.manufacturer ?? analysis.deviceInfo.brand,
                analysis.deviceInfo.model,
                analysis.deviceInfo.platform,
                analysis.deviceInfo.OSVersion,
              ]
                .filter(Boolean)
                .join(' · ') || '—'}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
