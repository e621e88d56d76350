import {
  createContext,
  useContext,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import {
  allContainerKeys,
  ancestorKeys,
  childrenOf,
  copyText,
  countNodes,
  formatPath,
  isContainer,
  pathKey,
  primitiveText,
  revealedChildren,
  searchJson,
  type JsonMatch,
  type JsonPath,
  type PathSegment,
} from '../lib/json-search';

/** Children shown at once in a long object or array; more on request. */
const PAGE = 200;
/** Matches expanded into view (all are counted, up to SEARCH_LIMIT). */
const REVEAL_LIMIT = 200;
const SEARCH_LIMIT = 1000;
/** "Expand all" only for documents up to this many nodes. */
const EXPAND_ALL_LIMIT = 3000;
const STRING_PREVIEW = 400;

interface TreeContext {
  expanded: ReadonlySet<string>;
  toggle: (key: string) => void;
  query: string;
  matches: ReadonlyMap<string, JsonMatch>;
  revealed: ReadonlyMap<string, ReadonlySet<PathSegment>>;
  currentKey: string | undefined;
  copy: (text: string, what: string) => void;
}

const Tree = createContext<TreeContext | null>(null);

function useTree(): TreeContext {
  const ctx = useContext(Tree);
  if (!ctx) throw new Error('JSON tree nodes render inside JsonViewer');
  return ctx;
}

/** `text` with every case-insensitive occurrence of `query` marked. */
function Highlighted({ text, query, on }: { text: string; query: string; on: boolean }) {
  if (!on || !query) return <>{text}</>;
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push(text.slice(from, at));
    parts.push(<mark key={at}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return <>{parts}</>;
}

function Primitive({ value, query, on }: { value: unknown; query: string; on: boolean }) {
  if (typeof value === 'string') {
    const shown = value.length > STRING_PREVIEW ? `${value.slice(0, STRING_PREVIEW)}…` : value;
    return (
      <span
        className="fr-json-string"
        title={
          value.length > STRING_PREVIEW
            ? `${value.length.toLocaleString('en')} characters; copy the value to get all of it`
            : undefined
        }
      >
        &quot;
        <Highlighted text={shown} query={query} on={on} />
        &quot;
      </span>
    );
  }
  const kind = value === null ? 'null' : typeof value === 'boolean' ? 'boolean' : 'number';
  return (
    <span className={`fr-json-${kind}`}>
      <Highlighted text={primitiveText(value)} query={query} on={on} />
    </span>
  );
}

function summary(value: unknown[] | Record<string, unknown>): string {
  if (Array.isArray(value)) return `[${value.length} ${value.length === 1 ? 'item' : 'items'}]`;
  const n = Object.keys(value).length;
  return `{${n} ${n === 1 ? 'key' : 'keys'}}`;
}

function JsonNode({
  segment,
  value,
  path,
}: {
  segment: PathSegment | undefined;
  value: unknown;
  path: JsonPath;
}) {
  const tree = useTree();
  const key = pathKey(path);
  const match = tree.matches.get(key);
  const open = isContainer(value) && tree.expanded.has(key);
  const current = tree.currentKey === key;
  const row = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (current) row.current?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);
  const label =
    segment === undefined ? null : typeof segment === 'number' ? (
      <span className="fr-json-index">{segment}</span>
    ) : (
      <span className="fr-json-key">
        <Highlighted text={segment} query={tree.query} on={!!match?.inKey} />
      </span>
    );
  const shownPath = formatPath(path);
  return (
    <li>
      <div
        ref={row}
        className="fr-json-row"
        data-match={match ? 'true' : undefined}
        data-current={current ? 'true' : undefined}
      >
        {isContainer(value) ? (
          <button
            type="button"
            className="fr-json-toggle"
            aria-expanded={open}
            onClick={() => tree.toggle(key)}
          >
            <span className="fr-json-caret" aria-hidden="true">
              {open ? '▾' : '▸'}
            </span>
            {label ?? <span className="fr-json-key">(root)</span>}
            <span className="fr-json-summary">{summary(value)}</span>
          </button>
        ) : (
          <span className="fr-json-leaf">
            {label}
            {label && <span className="fr-json-colon">:</span>}
            <Primitive value={value} query={tree.query} on={!!match?.inValue} />
          </span>
        )}
        <span className="fr-json-actions">
          <button
            type="button"
            className="fr-json-action"
            aria-label={`Copy value of ${shownPath}`}
            onClick={() => tree.copy(copyText(value), `value of ${shownPath}`)}
          >
            Copy value
          </button>
          {path.length > 0 && (
            <button
              type="button"
              className="fr-json-action"
              aria-label={`Copy path ${shownPath}`}
              onClick={() => tree.copy(shownPath, `path ${shownPath}`)}
            >
              Copy path
            </button>
          )}
        </span>
      </div>
      {open && <JsonChildren value={value} path={path} />}
    </li>
  );
}

/** The children of an open node: the first PAGE (more on request) plus any that lead to a search match. */
function JsonChildren({ value, path }: { value: unknown[] | Record<string, unknown>; path: JsonPath }) {
  const tree = useTree();
  const [shown, setShown] = useState(PAGE);
  const children = useMemo(() => childrenOf(value), [value]);
  const revealed = tree.revealed.get(pathKey(path));
  const visible: Array<{ index: number; segment: PathSegment; child: unknown }> = [];
  children.forEach(([segment, child], index) => {
    if (index < shown || revealed?.has(segment)) visible.push({ index, segment, child });
  });
  const items: ReactNode[] = [];
  let previous = -1;
  for (const { index, segment, child } of visible) {
    if (index > previous + 1) {
      items.push(
        <li key={`gap-${index}`} className="fr-json-gap muted">
          … {index - previous - 1} more …
        </li>,
      );
    }
    items.push(<JsonNode key={String(segment)} segment={segment} value={child} path={[...path, segment]} />);
    previous = index;
  }
  const rest = children.length - shown;
  return (
    <ul className="fr-json-children">
      {items}
      {rest > 0 && (
        <li>
          <button type="button" className="btn fr-json-more" onClick={() => setShown((n) => n + PAGE)}>
            Show {Math.min(PAGE, rest)} more of {rest.toLocaleString('en')} remaining in {formatPath(path)}
          </button>
        </li>
      )}
    </ul>
  );
}

/**
 * A JSON document as a tree: collapsed below the first level, children rendered only when their parent is open
 * (so large files stay fast), a search that opens the way to and highlights matches in keys and values, and
 * "Copy value" / "Copy path" on every row.
 */
export function JsonViewer({ name, value }: { name: string; value: unknown }) {
  const searchId = useId();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set([pathKey([])]));
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query.trim());
  const [current, setCurrent] = useState(0);
  const [status, setStatus] = useState('');
  const canExpandAll = useMemo(() => countNodes(value, EXPAND_ALL_LIMIT + 1) <= EXPAND_ALL_LIMIT, [value]);

  const search = useMemo(() => searchJson(value, deferredQuery, SEARCH_LIMIT), [value, deferredQuery]);
  const reveal = useMemo(() => search.matches.slice(0, REVEAL_LIMIT).map((m) => m.path), [search]);
  const revealed = useMemo(() => revealedChildren(reveal), [reveal]);
  const matches = useMemo(() => new Map(search.matches.map((m) => [m.key, m])), [search]);

  // A new search opens the way to its matches (the user can still fold them again).
  useEffect(() => {
    setCurrent(0);
    if (reveal.length === 0) return;
    const open = ancestorKeys(reveal);
    setExpanded((prev) => new Set([...prev, ...open]));
  }, [reveal]);

  const currentMatch = search.matches[Math.min(current, REVEAL_LIMIT - 1)];
  const goTo = (index: number) => {
    const n = Math.min(search.matches.length, REVEAL_LIMIT);
    if (n === 0) return;
    const next = (index + n) % n;
    setCurrent(next);
    const target = search.matches[next];
    if (target) setExpanded((prev) => new Set([...prev, ...ancestorKeys([target.path])]));
  };

  const ctx = useMemo<TreeContext>(
    () => ({
      expanded,
      toggle: (key) =>
        setExpanded((prev) => {
          const next = new Set(prev);
          if (next.has(key)) next.delete(key);
          else next.add(key);
          return next;
        }),
      query: deferredQuery,
      matches,
      revealed,
      currentKey: currentMatch?.key,
      copy: (text, what) => {
        if (!navigator.clipboard) {
          setStatus('Copying needs clipboard access, which this browser does not give here.');
          return;
        }
        navigator.clipboard.writeText(text).then(
          () => setStatus(`Copied the ${what}.`),
          () => setStatus('The browser refused to copy to the clipboard.'),
        );
      },
    }),
    [expanded, deferredQuery, matches, revealed, currentMatch?.key],
  );

  const count = search.matches.length;
  const countText = !deferredQuery
    ? ''
    : count === 0
      ? 'No matches'
      : `${count.toLocaleString('en')}${search.truncated ? '+' : ''} ${count === 1 ? 'match' : 'matches'}${count > REVEAL_LIMIT ? ` (the first ${REVEAL_LIMIT} are opened)` : ''}`;

  return (
    <div className="fr-json">
      <div className="fr-json-toolbar">
        <label htmlFor={searchId} className="visually-hidden">
          Search {name}
        </label>
        <input
          id={searchId}
          type="search"
          placeholder={`Search keys and values in ${name}`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              goTo(current + (e.shiftKey ? -1 : 1));
            }
          }}
        />
        <button
          type="button"
          className="btn"
          disabled={count === 0}
          onClick={() => goTo(current - 1)}
          aria-label="Previous match"
        >
          ↑
        </button>
        <button
          type="button"
          className="btn"
          disabled={count === 0}
          onClick={() => goTo(current + 1)}
          aria-label="Next match"
        >
          ↓
        </button>
        <span className="fr-json-count muted" aria-live="polite">
          {count > 0 ? `${Math.min(current, REVEAL_LIMIT - 1) + 1} of ` : ''}
          {countText}
        </span>
        <span className="fr-json-toolbar-end">
          {canExpandAll && (
            <button type="button" className="btn" onClick={() => setExpanded(allContainerKeys(value))}>
              Expand all
            </button>
          )}
          <button type="button" className="btn" onClick={() => setExpanded(new Set([pathKey([])]))}>
            Collapse all
          </button>
        </span>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {status}
      </p>
      {status && (
        <p className="fr-json-status muted" aria-hidden="true">
          {status}
        </p>
      )}
      <Tree.Provider value={ctx}>
        <ul className="fr-json-tree" aria-label={`${name} contents`}>
          <JsonNode segment={undefined} value={value} path={[]} />
        </ul>
      </Tree.Provider>
    </div>
  );
}
