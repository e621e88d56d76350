// Assure providers and their process types (contract §5, with the §5.7 extras that today's tenants start with:
// Signicat's current documentation lists VideoID, PictureID, Paper and Onfido as its web capture providers).
export const PROVIDERS = [
  'readid',
  'signicatvideoid',
  'signicatpictureid',
  'onfido',
  'eid',
  'signicatpaper',
  'connect',
  'webid',
] as const;
export type Provider = (typeof PROVIDERS)[number];

export const PROVIDER_LABELS: Record<Provider, string> = {
  readid: 'ReadID',
  signicatvideoid: 'Signicat VideoID',
  signicatpictureid: 'Signicat PictureID',
  onfido: 'Onfido',
  eid: 'Electronic IDentification',
  signicatpaper: 'Signicat Paper',
  connect: 'Connect',
  webid: 'WebID',
};

export const PROCESS_TYPES: Record<Provider, readonly string[]> = {
  readid: ['ready'],
  signicatvideoid: ['substantialFullyAuto', 'substantial', 'high', 'hybrid'],
  signicatpictureid: ['documentSelfie', 'document'],
  onfido: ['document', 'documentSelfie', 'documentVideo'],
  eid: ['unattended', 'attended'],
  signicatpaper: [],
  connect: [],
  webid: ['videoid', 'accountid'],
};

/**
 * The strongest process type of each provider: what a retry with another provider defaults to, since a retry
 * follows an attempt that did not convince (Onfido with a selfie rather than a document alone; attended EID, where
 * an agent watches; VideoID rather than an account check; Signicat VideoID `high`, where an agent approves; PictureID
 * with a selfie).
 */
export const STRONGEST_PROCESS_TYPE: Partial<Record<Provider, string>> = {
  readid: 'ready',
  signicatvideoid: 'high',
  signicatpictureid: 'documentSelfie',
  onfido: 'documentSelfie',
  eid: 'attended',
  webid: 'videoid',
};

export const ALL_PROCESS_TYPES: readonly string[] = [...new Set(Object.values(PROCESS_TYPES).flat())];

export function isProvider(value: unknown): value is Provider {
  return typeof value === 'string' && (PROVIDERS as readonly string[]).includes(value);
}

export function providerLabel(provider: string): string {
  return isProvider(provider) ? PROVIDER_LABELS[provider] : `Not recognised (${provider})`;
}

/** Providers whose end-user continues in a native app: a retry has no link to hand over (contract §3). */
export const APP_ONLY_PROVIDERS: ReadonlySet<string> = new Set<Provider>(['readid']);
/** Providers started through Create process with a `redirectUrl` instead of the capture flow (contract §3). */
export const REDIRECT_PROVIDERS: ReadonlySet<string> = new Set<Provider>(['connect', 'webid']);
