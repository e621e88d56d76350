// Every screen is its own chunk, loaded by the router on first use (React Router `lazy`). The same
// import functions serve prefetching: on hover or focus of a link, and when the browser is idle, so the chunk is
// usually there before the click. A navigation waits for its chunk with the current page still shown (never a blank
// page), and the layout shows a progress bar meanwhile.

export const routeModules = {
  login: () => import('./routes/login'),
  processes: () => import('./routes/processes'),
  process: () => import('./routes/process-detail'),
  dossier: () => import('./routes/dossier'),
  reviewQueue: () => import('./routes/review-queue'),
  outcomes: () => import('./routes/outcomes'),
  audit: () => import('./routes/audit'),
  admin: () => import('./routes/admin'),
};

export type RouteKey = keyof typeof routeModules;

const started = new Set<RouteKey>();

/** Starts loading a screen's chunk once; a failed load may be tried again. */
export function prefetchRoute(key: RouteKey) {
  if (started.has(key)) return;
  started.add(key);
  routeModules[key]().catch(() => started.delete(key));
}

/** Props for a link whose target screen is fetched on hover or keyboard focus. */
export const prefetchOnIntent = (key: RouteKey) => ({
  onMouseEnter: () => prefetchRoute(key),
  onFocus: () => prefetchRoute(key),
});

/** Prefetches screens once the browser has nothing else to do; returns a cancel function for effects. */
export function prefetchWhenIdle(keys: RouteKey[]): () => void {
  const run = () => keys.forEach(prefetchRoute);
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(run, { timeout: 4000 });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(run, 2000);
  return () => window.clearTimeout(handle);
}
