import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDate } from '@web/lib/format';
import { ProcessHeader } from './process-header';
import { buildProcess, detailFor, renderInRouter } from './test-utils';
import { expectVisible } from '@web/testing/expect-visible';

afterEach(cleanup);

describe('ProcessHeader', () => {
  it('shows provider, process type, dossier link and how long a final process took', () => {
    const detail = detailFor(
      buildProcess(
        'onfido',
        'accepted',
        { documentVerification: { result: 'clear' } },
        { processType: 'document' },
      ),
    );
    renderInRouter(<ProcessHeader detail={detail} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Onfido process');
    expectVisible(screen.getByText('document'));
    expect(screen.getByRole('link', { name: /d0551e70/ }).getAttribute('href')).toBe(
      '/dossiers/d0551e70-0000-4000-8000-000000000001',
    );
    expectVisible(screen.getByText('Took 5 min'));
    expect(screen.queryByText(/^Live/)).toBeNull();
  });

  it('marks a running process as live and says how long it has been running', () => {
    const detail = detailFor(
      buildProcess('readid', 'processing', undefined, {
        createdAt: new Date(Date.now() - 90_000).toISOString(),
      }),
    );
    renderInRouter(<ProcessHeader detail={detail} />);
    expectVisible(screen.getByText(/^Live/));
    expectVisible(screen.getByText(/^Running for 1 min/));
  });

  it('says when the data is stale or deleted upstream', () => {
    const process = buildProcess('readid', 'accepted');
    renderInRouter(<ProcessHeader detail={detailFor(process, { stale: true })} />);
    expectVisible(screen.getByText('Possibly out of date.'));
    cleanup();
    renderInRouter(<ProcessHeader detail={detailFor(process, { deletedUpstream: true })} />);
    expectVisible(screen.getByText('Deleted upstream.'));
  });

  it('says when and why the personal data was erased, and nothing about it otherwise', () => {
    const process = buildProcess('readid', 'accepted');
    const erasedAt = '2026-03-01T12:00:00Z';
    renderInRouter(<ProcessHeader detail={detailFor(process, { personalDataErasedAt: erasedAt })} />);
    const notice = screen.getByText(/^Personal data erased on .+ under the retention setting\.$/);
    expect(notice.textContent).toContain(formatDate(erasedAt));
    cleanup();
    renderInRouter(<ProcessHeader detail={detailFor(process)} />);
    expect(screen.queryByText(/Personal data erased/)).toBeNull();
  });
});
