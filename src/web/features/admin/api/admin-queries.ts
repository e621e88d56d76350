import { queryOptions } from '@tanstack/react-query';
import { auditCheckpointSchema, auditResponseSchema, retentionSettingsSchema, settingsSchema, usersResponseSchema } from '@domain/review';
import { mfaSettingsSchema } from '@domain/mfa';
import { api } from '@web/lib/api-client';

export interface AuditFilters {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
}

export const auditQueryString = (f: AuditFilters, cursor?: string) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  if (cursor) p.set('cursor', cursor);
  return p.toString();
};

export const adminQueries = {
  all: ['admin'] as const,
  users: () =>
    queryOptions({
      queryKey: [...adminQueries.all, 'users'] as const,
      queryFn: ({ signal }) => api('/api/users', usersResponseSchema, { signal }),
    }),
  settings: () =>
    queryOptions({
      queryKey: [...adminQueries.all, 'settings'] as const,
      queryFn: ({ signal }) => api('/api/settings', settingsSchema, { signal }),
    }),
  retention: () =>
    queryOptions({
      queryKey: [...adminQueries.all, 'settings', 'retention'] as const,
      queryFn: ({ signal }) => api('/api/settings/retention', retentionSettingsSchema, { signal }),
    }),
  auditCheckpoint: () =>
    queryOptions({
      queryKey: [...adminQueries.all, 'audit', 'checkpoint'] as const,
      queryFn: ({ signal }) => api('/api/audit/checkpoint', auditCheckpointSchema, { signal }),
    }),
  /** Which roles' local accounts need a second factor (issue #20). */
  mfa: () =>
    queryOptions({
      queryKey: [...adminQueries.all, 'settings', 'mfa'] as const,
      queryFn: ({ signal }) => api('/api/settings/mfa', mfaSettingsSchema, { signal }),
    }),
  audit: (filters: AuditFilters, cursor?: string) =>
    queryOptions({
      queryKey: [...adminQueries.all, 'audit', filters, cursor ?? null] as const,
      queryFn: ({ signal }) => api(`/api/audit?${auditQueryString(filters, cursor)}`, auditResponseSchema, { signal }),
    }),
};
