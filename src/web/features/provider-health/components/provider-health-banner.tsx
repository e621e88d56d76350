import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { providerLabel } from '@domain/providers';
import { providerHealthQueries } from '../api/provider-health-queries';
import '../provider-health.css';
import { pct, rowName, windowText } from './provider-health-text';

/**
 * A banner on every page while the sentinel has a provider on alert: which one, how bad against its own baseline,
 * and which providers are healthy to retry with. Watch states stay on the Outcomes panel, not in everyone's face.
 */
export function ProviderHealthBanner({ detailsHref }: { detailsHref?: string }) {
  const health = useQuery(providerHealthQueries.current());
  const alerts = health.data?.providers.filter((p) => p.state === 'alert') ?? [];
  if (!health.data || alerts.length === 0) return null;
  const windowMinutes = health.data.settings.windowMinutes;
  return (
    <div className="banner banner-alert banner-global ph-banner" role="alert" aria-label="Provider alert">
      {alerts.map((a) => (
        <p key={`${a.provider}|${a.processType ?? ''}`}>
          <strong>Provider alert: {rowName(a)}</strong> — {a.window.inconclusive + a.window.failed} of{' '}
          {a.window.total} processes inconclusive or failed {windowText(windowMinutes)} (
          {pct(a.test.windowRate)}; usually {pct(a.test.baselineRate)}).{' '}
          {a.alternatives.length > 0
            ? `Healthy now for a retry: ${a.alternatives.map(providerLabel).join(', ')}.`
            : 'No other provider has recent traffic to compare.'}
          {detailsHref && (
            <>
              {' '}
              <Link to={detailsHref}>Provider health →</Link>
            </>
          )}
        </p>
      ))}
    </div>
  );
}
