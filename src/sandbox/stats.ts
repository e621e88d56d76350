/**
 * Per-route request counters (brief §4): integration tests use them to prove the BFF does not multiply upstream
 * load. Every request to /auth and /assure is counted once on arrival, whatever its outcome (faults included).
 */

export const ROUTE_NAMES = [
  'token',
  'createDossier',
  'listDossiers',
  'getDossier',
  'deleteDossier',
  'createProcess',
  'listProcesses',
  'getProcess',
  'deleteProcess',
  'startCapture',
  'fullresult',
  'getImage',
  'other',
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

const ID = '[^/]+';
const PATTERNS: [string, RegExp, RouteName][] = [
  ['POST', /^\/auth\/open\/connect\/token\/?$/, 'token'],
  ['POST', /^\/assure\/dossiers\/?$/, 'createDossier'],
  ['GET', /^\/assure\/dossiers\/?$/, 'listDossiers'],
  ['GET', new RegExp(`^/assure/dossiers/${ID}/?$`), 'getDossier'],
  ['DELETE', new RegExp(`^/assure/dossiers/${ID}/?$`), 'deleteDossier'],
  ['POST', new RegExp(`^/assure/dossiers/${ID}/processes/?$`), 'createProcess'],
  ['GET', new RegExp(`^/assure/dossiers/${ID}/processes/?$`), 'listProcesses'],
  ['GET', new RegExp(`^/assure/dossiers/${ID}/processes/${ID}/?$`), 'getProcess'],
  ['DELETE', new RegExp(`^/assure/dossiers/${ID}/processes/${ID}/?$`), 'deleteProcess'],
  ['POST', new RegExp(`^/assure/dossiers/${ID}/capture/?$`), 'startCapture'],
  ['GET', new RegExp(`^/assure/dossiers/${ID}/processes/${ID}/(?:fullresult|download)/?$`), 'fullresult'],
  ['GET', new RegExp(`^/assure/dossiers/${ID}/processes/${ID}/images/${ID}/?$`), 'getImage'],
];

export function routeName(method: string, path: string): RouteName {
  for (const [m, re, name] of PATTERNS) if (m === method && re.test(path)) return name;
  return 'other';
}

export interface WebhookCounters {
  attempts: number;
  delivered: number;
  failedAttempts: number;
  dropped: number;
  gaveUp: number;
}

export interface Stats {
  since: string;
  total: number;
  requests: Record<RouteName, number>;
  /** Responses by HTTP status for /auth and /assure. */
  responses: Record<string, number>;
  webhooks: WebhookCounters;
}

const zeroRequests = (): Record<RouteName, number> =>
  Object.fromEntries(ROUTE_NAMES.map((n) => [n, 0])) as Record<RouteName, number>;
const zeroWebhooks = (): WebhookCounters => ({
  attempts: 0,
  delivered: 0,
  failedAttempts: 0,
  dropped: 0,
  gaveUp: 0,
});

export class StatsCounter {
  private since = new Date().toISOString();
  private requests = zeroRequests();
  private responses: Record<string, number> = {};
  readonly webhooks: WebhookCounters = zeroWebhooks();

  count(name: RouteName): void {
    this.requests[name] += 1;
  }

  response(status: number): void {
    this.responses[String(status)] = (this.responses[String(status)] ?? 0) + 1;
  }

  snapshot(): Stats {
    const total = Object.values(this.requests).reduce((a, b) => a + b, 0);
    return {
      since: this.since,
      total,
      requests: { ...this.requests },
      responses: { ...this.responses },
      webhooks: { ...this.webhooks },
    };
  }

  reset(): void {
    this.since = new Date().toISOString();
    this.requests = zeroRequests();
    this.responses = {};
    Object.assign(this.webhooks, zeroWebhooks());
  }
}
