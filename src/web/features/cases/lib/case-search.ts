import { z } from 'zod/mini';
import { CASE_STATES, type CaseState } from '@domain/cases';

// The queue's view state lives in the URL (a shareable link, and what Outcomes' drill-downs open). Invalid values
// fall back to their defaults rather than breaking a shared link.

const csv = (value: string | null) =>
  value
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];

export const caseSearchSchema = z.object({
  state: z.catch(z.array(z.enum(CASE_STATES)).check(z.minLength(1)), ['needs_review']),
  provider: z.catch(z.array(z.string().check(z.regex(/^[a-z0-9_-]{1,40}$/i))), []),
  reason: z.catch(z.optional(z.string().check(z.minLength(1), z.maxLength(100))), undefined),
  country: z.catch(z.optional(z.string().check(z.regex(/^[A-Za-z0-9<_-]{1,20}$/))), undefined),
  /** `me`, `unassigned` or a username. */
  assignee: z.catch(z.optional(z.string().check(z.regex(/^[A-Za-z0-9._@-]{1,60}$/))), undefined),
  overdue: z.catch(z.boolean(), false),
  q: z.catch(z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))), undefined),
  /** Only cases sharing a document, person or national number with a case the desk rejected. */
  linked: z.catch(z.boolean(), false),
});
export type CaseSearch = z.infer<typeof caseSearchSchema>;

export const DEFAULT_CASE_SEARCH: CaseSearch = caseSearchSchema.parse({});

export function parseCaseSearch(params: URLSearchParams): CaseSearch {
  return caseSearchSchema.parse({
    state: [...new Set(csv(params.get('state')))],
    provider: [...new Set(csv(params.get('provider')))],
    reason: params.get('reason') || undefined,
    country: params.get('country') || undefined,
    assignee: params.get('assignee') || undefined,
    overdue: params.get('overdue') === '1' || params.get('overdue') === 'true',
    q: params.get('q')?.trim() || undefined,
    linked: params.get('linked') === 'rejected',
  });
}

/** Only what differs from the defaults goes into the URL, in a stable order. */
export function toCaseSearchParams(s: CaseSearch): URLSearchParams {
  const p = new URLSearchParams();
  if (!(s.state.length === 1 && s.state[0] === 'needs_review')) p.set('state', s.state.join(','));
  if (s.provider.length) p.set('provider', s.provider.join(','));
  if (s.reason) p.set('reason', s.reason);
  if (s.country) p.set('country', s.country);
  if (s.assignee) p.set('assignee', s.assignee);
  if (s.overdue) p.set('overdue', '1');
  if (s.q) p.set('q', s.q);
  if (s.linked) p.set('linked', 'rejected');
  return p;
}

/** The API query: `state` and `provider` repeated, as `GET /api/cases` reads them. */
export function toCaseApiQuery(s: CaseSearch, cursor?: string, limit = 50): URLSearchParams {
  const p = new URLSearchParams();
  for (const state of s.state) p.append('state', state);
  for (const provider of s.provider) p.append('provider', provider);
  if (s.reason) p.set('reason', s.reason);
  if (s.country) p.set('country', s.country.toUpperCase());
  if (s.assignee) p.set('assignee', s.assignee);
  if (s.overdue) p.set('overdue', '1');
  if (s.q) p.set('q', s.q);
  if (s.linked) p.set('linked', 'rejected');
  if (cursor) p.set('cursor', cursor);
  p.set('limit', String(limit));
  return p;
}

/** The tabs of the queue, in the order a team works them (the order of the states). */
export const CASE_TABS: readonly CaseState[] = CASE_STATES;
