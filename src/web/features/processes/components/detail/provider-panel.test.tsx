import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderPanel } from './provider-panel';
import { buildProcess, detailFor } from './test-utils';
import { expectVisible } from '@web/testing/expect-visible';

afterEach(cleanup);

function renderPanel(process: Record<string, unknown>, shown?: Record<string, unknown>) {
  const detail = detailFor(process, { shown });
  return render(<ProviderPanel process={detail.process} checks={detail.explanation.checks} />);
}

const rowValue = (table: HTMLElement, header: string) =>
  within(table)
    .getAllByRole('row')
    .find((row) => within(row).queryByRole('rowheader')?.textContent?.includes(header));

describe('ProviderPanel', () => {
  it('shows ReadID chip checks and the iProov session in the vendor-example layout', () => {
    renderPanel(
      buildProcess('readid', 'inconclusive', {
        consolidatedIdentityData: { chipVerification: 'SUCCEEDED', chipCloneDetection: 'SUCCEEDED' },
        iproovSession: {
          attempts: 3,
          passed: false,
          finished: true,
          hasError: false,
          iProovAssuranceType: 'GENUINE_PRESENCE',
          enrollmentImageSource: 'Chip',
        },
      }),
    );
    // The iProov table sits in the card its h2 names.
    const panel = screen.getByRole('region', { name: 'ReadID details' });
    expect(within(panel).getByRole('heading', { level: 2 }).textContent).toBe('ReadID details');
    const iproov = within(panel).getByRole('table', { name: /iProov liveness/ });
    expect(rowValue(iproov, 'Attempts')?.textContent).toContain('3');
    expect(rowValue(iproov, 'Passed')?.textContent).toContain('Failed: false');
    expect(rowValue(iproov, 'Assurance type')?.textContent).toContain('GENUINE_PRESENCE');
  });

  it('reads ReadID elements inside one session element, with the iProovSession spelling', () => {
    renderPanel(
      buildProcess('readid', 'accepted', {
        session: {
          consolidatedIdentityData: { chipVerification: 'SUCCEEDED', chipCloneDetection: 'NOT_SUPPORTED' },
          iProovSession: {
            attempts: 1,
            passed: true,
            finished: true,
            hasError: false,
            assuranceType: 'LIVENESS',
            enrolmentImageSource: 'Chip',
          },
        },
      }),
    );
    expectVisible(screen.getByText(/arrived inside one/));
    const chip = screen.getByRole('table', { name: 'Chip (NFC)' });
    expect(rowValue(chip, 'Chip clone detection')?.textContent).toContain('Not available: NOT_SUPPORTED');
    const iproov = screen.getByRole('table', { name: /iProov liveness/ });
    expectVisible(within(iproov).getByText('assuranceType'));
    expect(rowValue(iproov, 'Assurance type')?.textContent).toContain('LIVENESS');
    expectVisible(screen.getByText('iProovSession'));
  });

  it('shows the Onfido breakdowns as labelled tables', () => {
    renderPanel(
      buildProcess(
        'onfido',
        'inconclusive',
        {
          documentVerification: {
            result: 'consider',
            subResult: 'caution',
            dataComparison: 'consider',
            imageIntegrity: 'clear',
          },
          facialSimilarity: { result: 'clear', similarityScore: 'high' },
        },
        { processType: 'documentSelfie' },
      ),
    );
    const documentTable = screen.getByRole('table', { name: /Document check/ });
    expect(rowValue(documentTable, 'Sub-result')?.textContent).toContain('Consider: caution');
    const faceTable = screen.getByRole('table', { name: /Face check/ });
    expect(rowValue(faceTable, 'Similarity score')?.textContent).toContain('Passed: high');
  });

  it('shows eID OCR features with found and side, and the manual approval', () => {
    renderPanel(
      buildProcess(
        'eid',
        'rejected',
        {
          ocr: {
            similarityScore: 'medium',
            livenessDetected: 'true',
            features: [{ name: 'Hologram', found: false, side: 'front' }],
          },
          manualApproval: { status: 'rejected', reason: 'documentTampered', agent: 'agent-110' },
        },
        { processType: 'attended' },
      ),
    );
    const features = screen.getByRole('table', { name: /Document features/ });
    expect(rowValue(features, 'Hologram')?.textContent).toContain('Not found');
    expect(rowValue(features, 'Hologram')?.textContent).toContain('front');
    const approval = screen.getByRole('table', { name: /Manual approval/ });
    expect(rowValue(approval, 'Reason')?.textContent).toContain('documentTampered');
  });

  it('takes Paper per-field results from the explanation when the server masked them', () => {
    const fields = { firstName: 'Ana', dateOfBirth: '1990-01-01' };
    const process = buildProcess('signicatpaper', 'rejected', {
      verification: { type: 'MRZ_FEATURE_COMPARISON', status: 'false' },
      features: fields,
      mrz: { ...fields, dateOfBirth: '1990-01-02' },
      mrzChecksum: { dateOfBirth: 'VALID' },
      mrzFeatureMatching: { firstName: 'MATCH', dateOfBirth: 'MISMATCH' },
    });
    const shown = structuredClone(process) as { providerSpecific: Record<string, Record<string, string>> };
    for (const element of ['features', 'mrz', 'mrzChecksum', 'mrzFeatureMatching'])
      shown.providerSpecific[element].dateOfBirth = '•••';
    renderPanel(process, shown);
    const table = screen.getByRole('table', { name: /printed text, MRZ/ });
    const row = rowValue(table, 'Date of birth');
    expect(row?.textContent).toContain('masked');
    expect(row?.textContent).toContain('Passed: VALID');
    expect(row?.textContent).toContain('Failed: MISMATCH');
  });

  it('shows Connect claims, and WebID payment responses as opaque JSON', () => {
    renderPanel(
      buildProcess('connect', 'accepted', {
        idtoken: { idp: 'nbid', acr: 'substantial' },
        userInfo: { given_name: 'Kari' },
      }),
    );
    const connect = screen.getByRole('region', { name: 'Connect details' });
    expect(
      rowValue(within(connect).getByRole('table', { name: /eID login/ }), 'eID method')?.textContent,
    ).toContain('nbid');
    cleanup();
    renderPanel(
      buildProcess('webid', 'inconclusive', {
        identResponse: { result: 'mismatch', reason: 'Name differs', identMethod: 'videoid' },
        payMoneyTransferResponse: { status: 'done', transactionId: 'T-1' },
      }),
    );
    expectVisible(
      within(screen.getByRole('region', { name: 'WebID details' })).getByText(/"transactionId": "T-1"/),
    );
  });

  it('says an unknown provider is not recognised and shows its raw data', () => {
    renderPanel(buildProcess('newvendor', 'accepted', { verdict: { ok: 'yes' } }));
    expectVisible(screen.getByText('Not recognised'));
    expectVisible(screen.getByText(/"ok": "yes"/));
  });

  it('keeps an unknown element of a known provider visible', () => {
    renderPanel(
      buildProcess('onfido', 'accepted', {
        documentVerification: { result: 'clear' },
        watchlist: { hits: 0 },
      }),
    );
    expectVisible(screen.getByText('watchlist'));
    expectVisible(screen.getByText(/"hits": 0/));
  });
});
