import { useSyncExternalStore } from 'react';
import { STATUSES } from '@domain/status';

// Chart colours come from the stylesheet's custom properties (styles.css: --s-<status>-fg and the neutral tokens), read
// with getComputedStyle so the charts follow light and dark mode. SVG fill attributes cannot use var() reliably,
// and nothing here injects a <style> element, so a strict CSP (style-src 'self') holds.

const TOKENS = [
  '--text',
  '--text-muted',
  '--border',
  '--surface',
  '--accent',
  ...STATUSES.map((s) => `--s-${s}-fg`),
  '--s-unknown-fg',
] as const;

/** Fallbacks that match styles.css in light mode, for the first render and for tests without the stylesheet. */
const LIGHT: Record<string, string> = {
  '--text': '#1b2330',
  '--text-muted': '#5b6675',
  '--border': '#dfe3e8',
  '--surface': '#ffffff',
  '--accent': '#1f4fd1',
  '--s-pending-fg': '#44505f',
  '--s-processing-fg': '#0b4a8f',
  '--s-accepted-fg': '#0e6b3a',
  '--s-rejected-fg': '#a3231a',
  '--s-inconclusive-fg': '#7a4d00',
  '--s-canceled-fg': '#4a4a57',
  '--s-failed-fg': '#8e1b5c',
  '--s-unknown-fg': '#333333',
};

export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  accent: string;
  status: (status: string) => string;
}

let snapshot: Record<string, string> = LIGHT;
let key = '';

function read(): Record<string, string> {
  if (typeof document === 'undefined') return LIGHT;
  const style = getComputedStyle(document.documentElement);
  const next: Record<string, string> = {};
  for (const t of TOKENS) next[t] = style.getPropertyValue(t).trim() || LIGHT[t]!;
  const k = TOKENS.map((t) => next[t]).join('|');
  if (k !== key) {
    key = k;
    snapshot = next;
  }
  return snapshot;
}

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme', 'class', 'style'],
  });
  // matchMedia is missing in some embedded and test DOMs; the theme attribute still drives the colours there.
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;
  media?.addEventListener('change', onChange);
  return () => {
    observer.disconnect();
    media?.removeEventListener('change', onChange);
  };
}

export function useChartColors(): ChartColors {
  const v = useSyncExternalStore(subscribe, read, () => LIGHT);
  return {
    text: v['--text']!,
    muted: v['--text-muted']!,
    grid: v['--border']!,
    surface: v['--surface']!,
    accent: v['--accent']!,
    status: (s) => v[`--s-${s}-fg`] ?? v['--s-unknown-fg']!,
  };
}
