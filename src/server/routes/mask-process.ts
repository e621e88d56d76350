import { MASK, maskedKeysFor, VERDICT_ELEMENTS } from '@domain/pii';

/**
 * Replaces personal fields with "•••" as the role requires. Returns the masked copy, the keys that were masked,
 * and the values that were hidden (to scrub them from derived text such as the explanation).
 */
export function maskProcess(raw: unknown, role: string): { process: Record<string, unknown>; masked: string[]; hidden: string[] } {
  const keys = maskedKeysFor(role);
  const masked = new Set<string>();
  const hidden = new Set<string>();
  const walk = (value: unknown, parent?: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, parent));
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => {
          if (keys.has(k) && !VERDICT_ELEMENTS.has(parent ?? '') && (typeof v === 'string' || typeof v === 'number') && v !== '') {
            masked.add(k);
            hidden.add(String(v));
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
          keys.has(k) && !VERDICT_ELEMENTS.has(parent ?? '') && (typeof v === 'string' || typeof v === 'number') ? [k, MASK] : [k, walk(v, k)],
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
        if (k === field && (typeof v === 'string' || typeof v === 'number') && v !== '') out.push({ path: p, value: String(v) });
        else walk(v, p);
      }
    }
  };
  walk(raw, '');
  return out;
}
