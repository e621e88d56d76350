// Roles and permissions as data: the server enforces them (the control), the SPA reads them to hide what a
// user cannot do. Every API route has an explicit entry in ROUTE_POLICIES; the server refuses to register one
// that has none.

export const ROLES = ['reviewer', 'operator', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'processes:read',
  'processes:pii', // see names unmasked
  'processes:reveal', // reveal masked identifiers with a reason
  'fullResult:read',
  'review:decide',
  'retries:start',
  'outcomes:read',
  'export:csv',
  'audit:read',
  'users:manage',
  'settings:manage',
  'cases:read', // the review queue of cases
  'cases:assign', // assign a case to a reviewer
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  reviewer: [
    'processes:read',
    'processes:pii',
    'processes:reveal',
    'fullResult:read',
    'review:decide',
    'export:csv',
    'cases:read',
  ],
  operator: ['processes:read', 'processes:pii', 'retries:start', 'export:csv'],
  manager: ['processes:read', 'outcomes:read', 'export:csv', 'cases:read', 'cases:assign'],
  admin: [
    'processes:read',
    'processes:pii',
    'processes:reveal',
    'fullResult:read',
    'outcomes:read',
    'export:csv',
    'audit:read',
    'users:manage',
    'settings:manage',
    'cases:read',
    'cases:assign',
  ],
};

export const ROLE_LABELS: Record<Role, string> = {
  reviewer: 'Compliance officer',
  operator: 'Operator',
  manager: 'Manager',
  admin: 'Administrator',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: string | undefined | null, permission: Permission): boolean {
  return isRole(role) && ROLE_PERMISSIONS[role].includes(permission);
}

/** `public`: no session needed; `session`: any signed-in user; otherwise the permission required. */
export type RoutePolicy = 'public' | 'session' | Permission;

export const ROUTE_POLICIES: Record<string, RoutePolicy> = {
  'GET /api/health': 'public',
  'GET /api/ready': 'public',
  'GET /api/session': 'public',
  'POST /api/session': 'public',
  'DELETE /api/session': 'session',
  // Ends every session of the signed-in user (other browsers and devices too).
  'POST /api/session/sign-out-everywhere': 'session',
  'POST /api/webhooks/assure': 'public', // authenticated by its HMAC signature instead
  'GET /api/processes': 'processes:read',
  'POST /api/processes/batch': 'processes:read',
  'GET /api/processes/:processId': 'processes:read',
  'GET /api/processes/:processId/full-result': 'fullResult:read',
  'GET /api/dossiers/:dossierId': 'processes:read',
  'GET /api/processes/:processId/timeline': 'processes:read',
  'POST /api/processes/:processId/reveal': 'processes:reveal',
  'POST /api/processes/:processId/claim': 'review:decide',
  'DELETE /api/processes/:processId/claim': 'review:decide',
  'POST /api/processes/:processId/decisions': 'review:decide',
  'POST /api/processes/:processId/decisions/:decisionId/confirm': 'review:decide',
  'POST /api/processes/:processId/decisions/:decisionId/return': 'review:decide',
  'GET /api/review-queue': 'review:decide',
  'GET /api/cases': 'cases:read',
  'POST /api/cases/:dossierId/assignee': 'cases:assign',
  'GET /api/cases/assignees': 'cases:assign',
  'GET /api/reason-codes': 'session',
  'POST /api/reason-codes': 'settings:manage',
  'PATCH /api/reason-codes/:code': 'settings:manage',
  'POST /api/dossiers/:dossierId/retries': 'retries:start',
  'GET /api/audit': 'audit:read',
  'GET /api/users': 'users:manage',
  'POST /api/users': 'users:manage',
  'PATCH /api/users/:userId': 'users:manage',
  'POST /api/users/:userId/sign-out-everywhere': 'users:manage',
  'GET /api/outcomes': 'outcomes:read',
  'GET /api/outcomes/export': 'outcomes:read',
  'GET /api/processes/export': 'export:csv',
  'GET /api/audit/export': 'audit:read',
  // The latest periodic verification of the audit chain ("verified up to").
  'GET /api/audit/checkpoint': 'audit:read',
  'GET /api/settings': 'session',
  'PUT /api/settings': 'settings:manage',
  // Only administrators set it, so only they need to read it.
  'GET /api/settings/retention': 'settings:manage',
  'PUT /api/settings/retention': 'settings:manage',
  // Linked identities: everyone who reads processes sees links (masked per role); the key and exclusions are admin's.
  'GET /api/processes/:processId/links': 'processes:read',
  'GET /api/admin/link-key': 'settings:manage',
  'POST /api/admin/link-key/rotate': 'settings:manage',
  'GET /api/admin/link-exclusions': 'settings:manage',
  'POST /api/admin/link-exclusions': 'settings:manage',
  'DELETE /api/admin/link-exclusions/:id': 'settings:manage',
  // Second factor and single sign-on (issue #20).
  'POST /api/session/mfa': 'public', // the pending challenge's token stands in for a session
  'GET /api/settings/mfa': 'settings:manage',
  'PUT /api/settings/mfa': 'settings:manage',
  'DELETE /api/users/:userId/mfa': 'users:manage',
  'GET /api/auth/options': 'public',
  'GET /api/auth/oidc/login': 'public',
  'GET /api/auth/oidc/callback': 'public', // authenticated by state, PKCE and the ID token
  // Aggregates per provider, no personal data: every role sees the banner (operators get the healthy alternatives).
  'GET /api/provider-health': 'session',
};

export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}
