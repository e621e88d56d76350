import { isStatus, statusLabel, type Status } from '@domain/status';

// Colour plus icon plus text: the status is never told by colour alone.
const ICONS: Record<Status, string> = {
  pending: '◷',
  processing: '↻',
  accepted: '✓',
  rejected: '✕',
  inconclusive: '?',
  canceled: '⊘',
  failed: '!',
};

export function StatusBadge({ status }: { status: string }) {
  const known = isStatus(status);
  return (
    <span className={`status-badge status-${known ? status : 'unknown'}`}>
      <span className="status-icon" aria-hidden="true">
        {known ? ICONS[status] : '·'}
      </span>
      {statusLabel(status)}
    </span>
  );
}
