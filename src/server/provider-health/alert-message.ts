import { formatP } from '@domain/provider-health';
import { providerLabel } from '@domain/providers';
import type { NotificationMessage } from '../notifications/notifier';
import type { AlertEpisode } from './sentinel';

const pct = (v: number | null | undefined) => (v == null ? '—' : `${Math.round(v * 100)} %`);

/** The notification for a new alert episode: counts, providers and a link into the desk; no personal data. */
export function alertMessage(
  e: AlertEpisode,
  opts: { publicUrl?: string; windowMinutes: number },
): NotificationMessage {
  const h = e.health;
  const name = `${providerLabel(e.provider)}${e.processType ? ` (${e.processType})` : ''}`;
  const bad = h.window.inconclusive + h.window.failed;
  const hours = opts.windowMinutes % 60 === 0 ? `${opts.windowMinutes / 60} h` : `${opts.windowMinutes} min`;
  const link = `${opts.publicUrl ?? ''}/outcomes#provider-health`;
  const lines = [
    `${bad} of ${h.window.total} processes that ended in the last ${hours} were inconclusive or failed (${pct(h.test.windowRate)}), against ${pct(h.test.baselineRate)} in the baseline; p = ${h.test.pValue == null ? '—' : formatP(h.test.pValue)}.`,
    `Upstream errors (technical errors at the provider): ${h.window.upstreamErrors}.`,
    ...(h.reasons.length
      ? [
          `Fail reasons that grew: ${h.reasons.map((r) => `${r.failReason ?? '(none given)'} ${r.window} (${pct(r.windowShare)}, was ${pct(r.baselineShare)})`).join('; ')}.`,
        ]
      : []),
    h.alternatives.length
      ? `Healthy now, to retry with: ${h.alternatives.map(providerLabel).join(', ')}.`
      : 'No other provider has recent traffic to compare.',
    `Open Assure Desk: ${link}`,
  ];
  return {
    subject: `Provider alert: ${name} - ${bad} of ${h.window.total} inconclusive or failed in the last ${hours}`,
    text: lines.join('\n'),
    data: {
      provider: e.provider,
      processType: e.processType,
      state: h.state,
      alertSince: e.since.toISOString(),
      window: h.window,
      baseline: h.baseline,
      pValue: h.test.pValue,
      reasons: h.reasons,
      alternatives: h.alternatives,
      link,
    },
  };
}
