import { documentFlags } from '@domain/identity';
import type { DetailProcess } from './provider-values';
import './detail.css';

/** Expired, expiring soon and under-18 flags from the identity data; nothing when there is nothing to flag. */
export function DocumentFlags({ process, today = new Date() }: { process: DetailProcess; today?: Date }) {
  const flags = documentFlags(process, today);
  if (flags.length === 0) return null;
  return (
    <section className="document-flags" aria-label="Document flags">
      <ul>
        {flags.map((flag) => (
          <li key={flag.code} className={`document-flag flag-${flag.code}`}>
            <span className="flag-icon" aria-hidden="true">
              ⚠
            </span>
            <strong>{flag.label}</strong> <span className="flag-detail">{flag.detail}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
