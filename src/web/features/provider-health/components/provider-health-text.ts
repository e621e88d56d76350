import { providerLabel } from '@domain/providers';
import type { ProviderHealth } from '@domain/provider-health';

export const pct = (v: number | null | undefined) =>
  v == null ? '—' : `${(v * 100).toFixed(v < 0.1 && v > 0 ? 1 : 0)} %`;

export const rowName = (r: Pick<ProviderHealth, 'provider' | 'processType'>) =>
  `${providerLabel(r.provider)}${r.processType ? ` (${r.processType})` : ''}`;

export const windowText = (minutes: number) =>
  minutes % 60 === 0
    ? `in the last ${minutes / 60} hour${minutes === 60 ? '' : 's'}`
    : `in the last ${minutes} minutes`;

export const intervalText = (i: [number, number] | null) => (i ? `${pct(i[0])}–${pct(i[1])}` : '—');
