// Route paths: one pattern and one href builder each, never string literals elsewhere.
export const paths = {
  login: {
    pattern: '/login',
    href: (next?: string) => (next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login'),
  },
  processes: {
    pattern: '/processes',
    href: (search = '') => `/processes${search && !search.startsWith('?') ? `?${search}` : search}`,
  },
  process: {
    pattern: '/processes/:processId',
    href: (processId: string) => `/processes/${encodeURIComponent(processId)}`,
  },
  dossier: {
    pattern: '/dossiers/:dossierId',
    href: (dossierId: string) => `/dossiers/${encodeURIComponent(dossierId)}`,
  },
  reviewQueue: { pattern: '/review', href: () => '/review' },
  outcomes: {
    pattern: '/outcomes',
    href: (search = '') => `/outcomes${search && !search.startsWith('?') ? `?${search}` : search}`,
  },
  audit: {
    pattern: '/audit',
    href: (search = '') => `/audit${search && !search.startsWith('?') ? `?${search}` : search}`,
  },
  admin: { pattern: '/admin', href: () => '/admin' },
} as const;
