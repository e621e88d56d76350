import { useQuery } from '@tanstack/react-query';
import { formatP, type HealthState } from '@domain/provider-health';
import { providerLabel } from '@domain/providers';
import { ErrorState } from '@web/components/error-state';
import { providerHealthQueries } from '../api/provider-health-queries';
import { intervalText, pct, rowName, windowText } from './provider-health-text';
import '../provider-health.css';

const STATE_LABELS: Record<HealthState, string> = { ok: 'OK', watch: 'Watch', alert: 'Alert' };

/** Provider health for a team lead: each provider and process type against its own baseline, and how it was judged. */
export function ProviderHealthPanel() {
  const health = useQuery(providerHealthQueries.current());
  if (health.isPending)
    return <section className="oc-card ph-panel" aria-busy="true" aria-label="Provider health" />;
  if (health.isError)
    return (
      <ErrorState
        error={health.error}
        onRetry={() => void health.refetch()}
        title="Provider health could not be loaded"
      />
    );
  const { providers, settings, computedAt } = health.data;
  const unhealthy = providers.filter((p) => p.state !== 'ok');
  return (
    <section className="oc-card ph-panel" id="provider-health" aria-labelledby="ph-title">
      <header className="ph-head">
        <h2 id="ph-title">Provider health</h2>
        <p className="muted">
          Inconclusive and failed shares of the processes that ended {windowText(settings.windowMinutes)},
          against each provider’s own previous {settings.baselineDays} days.{' '}
          {computedAt ? `Checked ${new Date(computedAt).toLocaleTimeString()}.` : 'Not checked yet.'}
        </p>
      </header>
      {providers.length === 0 ? (
        <p className="muted">No final processes in the last {settings.baselineDays} days.</p>
      ) : (
        <div className="oc-table-wrap">
          <table className="data-table ph-table">
            <caption className="visually-hidden">Provider health per provider and process type</caption>
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">State</th>
                <th scope="col" className="oc-num">
                  Window
                </th>
                <th scope="col" className="oc-num">
                  Inconclusive + failed
                </th>
                <th scope="col" className="oc-num">
                  Upstream errors
                </th>
                <th scope="col" className="oc-num">
                  Baseline
                </th>
                <th scope="col" className="oc-num">
                  p
                </th>
                <th scope="col">Grown fail reasons</th>
              </tr>
            </thead>
            <tbody>
              {providers.map((p) => (
                <tr key={`${p.provider}|${p.processType ?? ''}`} className={`ph-row ph-${p.state}`}>
                  <th scope="row">
                    {providerLabel(p.provider)}
                    {p.processType && (
                      <>
                        {' '}
                        <span className="ph-type">({p.processType})</span>
                      </>
                    )}
                  </th>
                  <td>
                    <span className={`ph-state ph-state-${p.state}`} title={p.test.note}>
                      {STATE_LABELS[p.state]}
                    </span>
                  </td>
                  <td className="oc-num">{p.window.total}</td>
                  <td className="oc-num">
                    {pct(p.test.windowRate)}
                    <span className="ph-ci" title="95 % Wilson interval">
                      {' '}
                      {intervalText(p.test.windowInterval)}
                    </span>
                  </td>
                  <td className="oc-num">{p.window.upstreamErrors}</td>
                  <td className="oc-num">
                    {pct(p.test.baselineRate)} <span className="muted">of {p.baseline.total}</span>
                    <span className="ph-ci" title="95 % Wilson interval">
                      {' '}
                      {intervalText(p.test.baselineInterval)}
                    </span>
                  </td>
                  <td className="oc-num">{p.test.pValue == null ? '—' : formatP(p.test.pValue)}</td>
                  <td className="ph-wrap">
                    {p.reasons.length
                      ? p.reasons
                          .map(
                            (r) =>
                              `${r.failReason ?? '(none given)'} ${pct(r.windowShare)} (was ${pct(r.baselineShare)})`,
                          )
                          .join(', ')
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {unhealthy.length > 0 && (
        <ul className="ph-suggestions" aria-label="Suggestions for operators">
          {unhealthy.map((p) => (
            <li key={`${p.provider}|${p.processType ?? ''}`}>
              <strong>{rowName(p)}</strong>:{' '}
              {p.alternatives.length
                ? `retry with ${p.alternatives.map(providerLabel).join(', ')}, healthy now.`
                : 'no other provider has recent traffic to compare with.'}
            </li>
          ))}
        </ul>
      )}
      <p className="oc-note ph-method">
        <strong>How this is judged.</strong> {settings.test} Fewer than {settings.minWindow} final processes
        in the window are not judged. The small range under a share is its 95 % Wilson interval. Upstream
        errors are processes that failed with a technical error at the provider.
      </p>
    </section>
  );
}
