import { queryOptions } from '@tanstack/react-query';
import { ADMIN_API } from '@domain/contracts/admin';
import { call } from '@web/lib/api-client';

export interface AuditFilters {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

export const auditQueryString = (f: AuditFilters) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  return p.toString();
};

export const adminQueries = {
  all: ['admin'] as const,
  users: () =>
    queryOptions({
      queryKey: [...adminQueries.all, 'users'] as const,
      queryFn: ({ signal }) => call(ADMIN_API.users, { signal }),
    }),
  settings: () =>
    queryOptions({
      queryKey: [...adminQueries.all, 'settings'] as const,
      queryFn: ({ signal }) => call(ADMIN_API.settings, { signal }),
    }),
  retention: () =>
    queryOptions({
      queryKey: [...adminQueries.all, 'settings', 'retention'] as const,
      queryFn: ({ signal }) => call(ADMIN_API.retention, { signal }),
    }),
  auditCheckpoint: () =>
    queryOptions({
      queryKey: [...adminQueries.all, 'audit', 'checkpoint'] as const,
      queryFn: ({ signal }) => call(ADMIN_API.auditCheckpoint, { signal }),
    }),
  /** Which roles' local accounts need a second factor (issue #20). */
  mfa: () =>
    queryOptions({
      queryKey: [...adminQueries.all, 'settings', 'mfa'] as const,
      queryFn: ({ signal }) => call(ADMIN_API.secondFactorSettings, { signal }),
    }),
  audit: (filters: AuditFilters, cursor?: string) =>
    queryOptions({
      queryKey: [...adminQueries.all, 'audit', filters, cursor ?? null] as const,
      queryFn: ({ signal }) => call(ADMIN_API.audit, { query: { ...filters, cursor }, signal }),
    }),
};
