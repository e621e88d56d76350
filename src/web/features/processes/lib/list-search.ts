import { z } from 'zod/mini';
import { SORTS } from '@domain/api';
import { CASE_STATES } from '@domain/case-states';
import { canonicalTimeZone } from '@domain/time-zone';
import { STATUSES } from '@domain/status';

// The processes list's view state lives in the URL. Parsed by a schema with defaults; invalid values are dropped
// (and fall back to their defaults) rather than breaking a shared link.

const csv = (value: string | null) =>
  value
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];
const date = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/),
  z.refine((v) => !Number.isNaN(Date.parse(v))),
);

export const listSearchSchema = z.object({
  status: z.catch(z.array(z.enum(STATUSES)), []),
  /** The desk's case state of the process's dossier, about this process (e.g. `needs_review`). */
  caseState: z.catch(z.array(z.enum(CASE_STATES)), []),
  provider: z.catch(z.array(z.string().check(z.regex(/^[a-z0-9_-]{1,40}$/i))), []),
  processType: z.catch(z.optional(z.string().check(z.regex(/^[a-z0-9_-]{1,40}$/i))), undefined),
  q: z.catch(z.optional(z.string().check(z.trim(), z.maxLength(200))), undefined),
  country: z.catch(z.optional(z.string().check(z.regex(/^[A-Z0-9<_-]{1,20}$/))), undefined),
  /** Time zone of the from/to days (set by drill-downs from the outcomes dashboard); UTC when absent. */
  tz: z.catch(z.optional(z.string().check(z.refine((v) => canonicalTimeZone(v) !== undefined))), undefined),
  from: z.catch(z.optional(date), undefined),
  to: z.catch(z.optional(date), undefined),
  sort: z.catch(z.enum(SORTS), '-created'),
  cursor: z.catch(z.optional(z.string().check(z.maxLength(500))), undefined),
});
export type ListSearch = z.infer<typeof listSearchSchema>;

export const DEFAULT_SEARCH: ListSearch = listSearchSchema.parse({});

export function parseListSearch(params: URLSearchParams): ListSearch {
  const statuses = csv(params.get('status')).filter((s) => (STATUSES as readonly string[]).includes(s));
  const providers = csv(params.get('provider')).filter((p) => /^[a-z0-9_-]{1,40}$/i.test(p));
  const caseStates = csv(params.get('caseState')).filter((s) =>
    (CASE_STATES as readonly string[]).includes(s),
  );
  return listSearchSchema.parse({
    status: [...new Set(statuses)],
    caseState: [...new Set(caseStates)],
    provider: [...new Set(providers)],
    processType: params.get('processType') || undefined,
    q: params.get('q')?.trim() || undefined,
    country: params.get('country') || undefined,
    tz: params.get('tz') || undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
    sort: params.get('sort') ?? undefined,
    cursor: params.get('cursor') || undefined,
  });
}

/** Only what differs from the defaults goes into the URL, in a stable order. */
export function toSearchParams(s: ListSearch): URLSearchParams {
  const p = new URLSearchParams();
  if (s.status.length) p.set('status', s.status.join(','));
  if (s.caseState.length) p.set('caseState', s.caseState.join(','));
  if (s.provider.length) p.set('provider', s.provider.join(','));
  if (s.processType) p.set('processType', s.processType);
  if (s.q) p.set('q', s.q);
  if (s.country) p.set('country', s.country);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.tz) p.set('tz', s.tz);
  if (s.sort !== DEFAULT_SEARCH.sort) p.set('sort', s.sort);
  if (s.cursor) p.set('cursor', s.cursor);
  return p;
}

/** The API query for a view: the same fields, with the page size. */
export function toApiQuery(s: ListSearch, limit = 50): URLSearchParams {
  const p = toSearchParams(s);
  p.set('limit', String(limit));
  if (s.sort === DEFAULT_SEARCH.sort) p.set('sort', s.sort);
  return p;
}

export interface QuickView {
  label: string;
  status: ListSearch['status'];
  caseState: ListSearch['caseState'];
}

/** "Needs review" is the desk's case state, not Assure's status: an inconclusive attempt already decided, or
 * verified by a later attempt, needs nothing. */
export const QUICK_VIEWS: QuickView[] = [
  { label: 'Needs review', status: [], caseState: ['needs_review'] },
  { label: 'in progress', status: ['pending', 'processing'], caseState: [] },
  { label: 'failed or canceled', status: ['failed', 'canceled'], caseState: [] },
  { label: 'all', status: [], caseState: [] },
];

export function sameStatuses(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}
