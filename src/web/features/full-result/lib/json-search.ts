// Paths into a parsed JSON value and a search over its keys and values, for the JSON tree viewer.

export type PathSegment = string | number;
export type JsonPath = readonly PathSegment[];

/** A stable key for a path (used for expanded state and match lookup). */
export const pathKey = (path: JsonPath): string => JSON.stringify(path);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `nfcSession.verificationStatus.DS`, `documentContent.datagroupNumbers[0]`, `["odd key"]`: how a path is shown and copied. */
export function formatPath(path: JsonPath): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

export const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] =>
  typeof value === 'object' && value !== null;

/** The children of an object or array, in order. */
export function childrenOf(value: unknown): Array<[PathSegment, unknown]> {
  if (Array.isArray(value)) return value.map((child, i) => [i, child]);
  if (isContainer(value)) return Object.entries(value);
  return [];
}

export interface JsonMatch {
  path: PathSegment[];
  key: string;
  inKey: boolean;
  inValue: boolean;
}

export interface JsonSearchResult {
  matches: JsonMatch[];
  /** True when the search stopped at `limit` matches. */
  truncated: boolean;
}

/** Case-insensitive search of object keys and primitive values (as shown: strings, numbers, true/false/null). */
export function searchJson(root: unknown, query: string, limit = 1000): JsonSearchResult {
  const needle = query.trim().toLowerCase();
  const matches: JsonMatch[] = [];
  if (!needle) return { matches, truncated: false };
  // Depth-first in display order, without recursion (deep documents must not overflow the stack); paths are built
  // only for matches, so a large document costs one small record per node.
  interface Frame {
    value: unknown;
    segment: PathSegment | undefined;
    parent: Frame | undefined;
  }
  const toPath = (frame: Frame): PathSegment[] => {
    const path: PathSegment[] = [];
    for (let f: Frame | undefined = frame; f?.parent; f = f.parent) path.push(f.segment!);
    return path.reverse();
  };
  const stack: Frame[] = [{ value: root, segment: undefined, parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { value, segment } = frame;
    const inKey = typeof segment === 'string' && segment.toLowerCase().includes(needle);
    const inValue = !isContainer(value) && primitiveText(value).toLowerCase().includes(needle);
    if (inKey || inValue) {
      const path = toPath(frame);
      matches.push({ path, key: pathKey(path), inKey, inValue });
      if (matches.length >= limit) return { matches, truncated: true };
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], segment: i, parent: frame });
    } else if (isContainer(value)) {
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      for (let i = keys.length - 1; i >= 0; i--)
        stack.push({ value: record[keys[i]!], segment: keys[i]!, parent: frame });
    }
  }
  return { matches, truncated: false };
}

/** A primitive as the tree shows it (strings without quotes, for searching). */
export function primitiveText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  return String(value);
}

/** Keys of every container that must be open for these paths to be visible (their proper prefixes). */
export function ancestorKeys(paths: readonly JsonPath[]): Set<string> {
  const keys = new Set<string>();
  for (const path of paths) for (let i = 0; i < path.length; i++) keys.add(pathKey(path.slice(0, i)));
  return keys;
}

/** For each container, which children lead to one of these paths (so paged lists still show them). */
export function revealedChildren(paths: readonly JsonPath[]): Map<string, Set<PathSegment>> {
  const map = new Map<string, Set<PathSegment>>();
  for (const path of paths) {
    for (let i = 0; i < path.length; i++) {
      const parent = pathKey(path.slice(0, i));
      let set = map.get(parent);
      if (!set) map.set(parent, (set = new Set()));
      set.add(path[i]!);
    }
  }
  return map;
}

/** How many nodes, stopping at `cap` (to decide whether "Expand all" is safe). */
export function countNodes(root: unknown, cap: number): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0 && count < cap) {
    const value = stack.pop();
    count++;
    if (isContainer(value)) for (const [, child] of childrenOf(value)) stack.push(child);
  }
  return count;
}

/** Keys of all containers (for "Expand all" on small documents). */
export function allContainerKeys(root: unknown): Set<string> {
  const keys = new Set<string>();
  const stack: Array<{ value: unknown; path: PathSegment[] }> = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (!isContainer(value)) continue;
    keys.add(pathKey(path));
    for (const [segment, child] of childrenOf(value)) stack.push({ value: child, path: [...path, segment] });
  }
  return keys;
}

/** What "Copy value" puts on the clipboard: strings as they are, anything else as JSON. */
export function copyText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
