import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditDetails, ChainStatus, TargetCell } from './audit';

afterEach(cleanup);

describe('the audit log', () => {
  it('links a retry to its dossier, a review action to its process, and a user change to nothing', () => {
    render(
      <MemoryRouter>
        <TargetCell action="retry.start" target="d-123456789" />
        <TargetCell action="review.decision" target="p-987654321" />
        <TargetCell action="user.update" target="alice" />
      </MemoryRouter>,
    );
    const links = screen.getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/dossiers/d-123456789',
      '/processes/p-987654321',
    ]);
    expect(screen.getByText('alice').closest('a')).toBeNull();
  });

  it('shows details as key: value pairs, hostile strings as text', () => {
    const { container } = render(
      <AuditDetails
        details={{
          provider: 'readid',
          note: '<img src=x onerror=alert(1)>',
          count: 3,
          reason: '',
          extra: null,
        }}
      />,
    );
    expect([...container.querySelectorAll('dt')].map((d) => d.textContent)).toEqual([
      'provider',
      'note',
      'count',
    ]);
    expect([...container.querySelectorAll('dd')].map((d) => d.textContent)).toEqual([
      'readid',
      '<img src=x onerror=alert(1)>',
      '3',
    ]);
    expect(container.querySelector('img')).toBeNull();
  });

  it('says up to when the chain was verified, and a break found since as an alert', () => {
    const verified = { at: '2026-03-02T10:15:00.000Z', headId: 42, headHash: 'ab'.repeat(32), entries: 42 };
    render(<ChainStatus checkpoint={{ verified, broken: null }} />);
    expect(screen.getByRole('status').textContent).toMatch(/^Chain verified up to .*2026.*42 entries/);
    cleanup();
    render(
      <ChainStatus checkpoint={{ verified, broken: { at: '2026-03-02T11:15:00.000Z', brokenAt: 40 } }} />,
    );
    expect(screen.getByRole('alert').textContent).toMatch(/Chain broken at entry 40/);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
