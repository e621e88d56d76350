import { MASK, maskedKeysFor, VERDICT_ELEMENTS } from './pii';
import { can } from './policy';
import { projectProcess } from './process-projection';

const isValue = (v: unknown) => (typeof v === 'string' && v !== '') || typeof v === 'number';
/** A personal value in any shape: a string or number, or a list or object holding one. */
const holdsValue = (v: unknown): boolean =>
  isValue(v) ||
  (Array.isArray(v)
    ? v.some(holdsValue)
    : v !== null && typeof v === 'object' && Object.values(v).some(holdsValue));
const scalarsOf = (v: unknown): string[] =>
  isValue(v)
    ? [String(v)]
    : Array.isArray(v)
      ? v.flatMap(scalarsOf)
      : v !== null && typeof v === 'object'
        ? Object.values(v).flatMap(scalarsOf)
        : [];

/**
 * What a role sees of a process. Roles without personal-data rights (managers) get the allow-list projection
 * (`@domain/process-projection`): statuses, verdicts and dates only. The others see names; identifiers are masked
 * ("•••", whatever their shape) unless `identifiers` is set — the reviewer who holds the claim on the case or to
 * whom it is assigned. Returns the masked keys and the hidden values (to scrub them from derived text).
 */
export function maskProcess(
  raw: unknown,
  role: string,
  opts: { identifiers?: boolean } = {},
): { process: Record<string, unknown>; masked: string[]; hidden: string[] } {
  if (!can(role, 'processes:pii')) return projectProcess(raw);
  if (opts.identifiers) return { process: raw as Record<string, unknown>, masked: [], hidden: [] };
  const keys = maskedKeysFor(role);
  const masked = new Set<string>();
  const hidden = new Set<string>();
  const walk = (value: unknown, parent?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, parent));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => {
          if (keys.has(k) && !VERDICT_ELEMENTS.has(parent ?? '') && holdsValue(v)) {
            masked.add(k);
            for (const s of scalarsOf(v)) hidden.add(s);
            return [k, MASK];
          }
          return [k, walk(v, k)];
        }),
      );
    }
    return value;
  };
  return { process: walk(raw) as Record<string, unknown>, masked: [...masked], hidden: [...hidden] };
}

/**
 * Masks what was derived from the unmasked process (the explanation): personal keys in raw values, and any
 * hidden value quoted in a text.
 */
export function scrubDerived<T>(derived: T, role: string, hidden: string[]): T {
  const values = hidden.filter((v) => v.length >= 2).sort((a, b) => b.length - a.length);
  const keys = maskedKeysFor(role);
  const walk = (value: unknown, parent?: string): unknown => {
    if (typeof value === 'string') return values.reduce((text, v) => text.split(v).join(MASK), value);
    if (Array.isArray(value)) return value.map((v) => walk(v, parent));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) =>
          // A check's `name` is the vendor's name of the check, not a person's.
          keys.has(k) &&
          !VERDICT_ELEMENTS.has(parent ?? '') &&
          !(k === 'name' && parent === 'checks') &&
          holdsValue(v)
            ? [k, MASK]
            : [k, walk(v, k)],
        ),
      );
    }
    return value;
  };
  return walk(derived) as T;
}

/** Every value stored under `field` anywhere in the process, with its path: what a reveal shows. */
export function findField(raw: unknown, field: string): Array<{ path: string; value: string }> {
  const out: Array<{ path: string; value: string }> = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const p = path ? `${path}.${k}` : k;
        if (k === field && isValue(v)) out.push({ path: p, value: String(v) });
        // A list or object under the field (several numbers, `{ value, type }`) is revealed value by value.
        else if (k === field && holdsValue(v)) out.push({ path: p, value: scalarsOf(v).join(', ') });
        else walk(v, p);
      }
    }
  };
  walk(raw, '');
  return out;
}
