import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/** A change to URL state: the new values, or a function of the current state that gives them. */
export type UrlSearchChange<T> = Partial<T> | ((current: T) => Partial<T>);

/**
 * A screen's state kept in the URL, parsed by `parse`. `update` merges into the URL as it is at the moment of the
 * call, not as it was at the last render: two quick changes (From, then To), or a debounced search landing after
 * another filter changed, must all stick.
 */
export function useUrlSearch<T>(
  parse: (params: URLSearchParams) => T,
  serialize: (search: T) => URLSearchParams,
) {
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => parse(params), [params, parse]);
  const update = (next: UrlSearchChange<T>) => {
    const current = parse(new URLSearchParams(window.location.search));
    setParams(serialize({ ...current, ...(typeof next === 'function' ? next(current) : next) }));
  };
  return { search, update, setParams };
}
