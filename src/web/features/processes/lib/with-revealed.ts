/** A value shown after a reveal: where it sits in the process (`a.b[0].c`) and the value itself. */
export interface RevealedValue {
  path: string;
  value: string;
}

const TOKEN = /([^.[\]]+)|\[(\d+)\]/g;

function tokens(path: string): Array<string | number> {
  return [...path.matchAll(TOKEN)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

/**
 * The process with revealed values put back where the server masked them, so the identity table and the provider
 * panels show them in place, formatted like the rest. A path that does not lead into the process is skipped; the
 * process itself is not changed.
 */
export function withRevealed<T>(process: T, revealed: readonly RevealedValue[]): T {
  if (revealed.length === 0) return process;
  const copy = structuredClone(process);
  for (const { path, value } of revealed) {
    const keys = tokens(path);
    if (keys.length === 0) continue;
    let node: unknown = copy;
    for (const key of keys.slice(0, -1)) {
      node =
        node !== null && typeof node === 'object'
          ? (node as Record<string | number, unknown>)[key]
          : undefined;
    }
    const last = keys[keys.length - 1]!;
    if (node !== null && typeof node === 'object' && Object.hasOwn(node, last)) {
      (node as Record<string | number, unknown>)[last] = value;
    }
  }
  return copy;
}
