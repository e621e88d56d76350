// Roles and permissions as data: the server enforces them (the control), the SPA reads them to hide what a
// user cannot do. Each API route names the permission it needs in its contract (src/domain/contracts.ts).

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
