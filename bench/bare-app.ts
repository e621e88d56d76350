// The bare stack the SPA is measured against: React + React Query + React Router, nothing else, built with the
// app's own Vite configuration. It has a sign-in form and a processes page with a static 50-row table, so the
// initial-JavaScript and Lighthouse benchmarks compare like with like.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig } from 'vite';
import appConfig from '../vite.config';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CACHE_DIR = join(ROOT, 'node_modules', '.cache');

const BARE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Bare app</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/main.tsx"></script>
  </body>
</html>
`;

const BARE_MAIN = `import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createBrowserRouter, Link, RouterProvider, useNavigate } from 'react-router-dom';

const rows = Array.from({ length: 50 }, (_, i) => ({
  id: 'p-' + String(1000 + i),
  name: 'Person ' + i,
  provider: ['readid', 'idin', 'freja', 'itsme'][i % 4],
  status: ['accepted', 'rejected', 'inconclusive', 'pending'][i % 4],
  created: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
}));

function Login() {
  const [name, setName] = useState('');
  const navigate = useNavigate();
  return (
    <main>
      <h1>Sign in</h1>
      <form onSubmit={(e) => { e.preventDefault(); navigate('/processes'); }}>
        <label>Username <input value={name} onChange={(e) => setName(e.target.value)} /></label>
        <button type="submit">Sign in</button>
      </form>
    </main>
  );
}

function Processes() {
  const list = useQuery({ queryKey: ['processes'], queryFn: async () => rows, initialData: rows });
  return (
    <main>
      <h1>Processes</h1>
      <Link to="/login">Sign out</Link>
      <table>
        <thead><tr><th>Process</th><th>Name</th><th>Provider</th><th>Status</th><th>Created</th></tr></thead>
        <tbody>
          {list.data.map((r) => (
            <tr key={r.id}><td>{r.id}</td><td>{r.name}</td><td>{r.provider}</td><td>{r.status}</td><td>{r.created}</td></tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}

const router = createBrowserRouter([
  { path: '/login', element: <Login /> },
  { path: '*', element: <Processes /> },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={new QueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
`;

/** The app's Vite configuration, pointed at another root and output folder, with a manifest. */
export function sameViteConfig(root: string, outDir: string): InlineConfig {
  return {
    ...appConfig,
    root,
    configFile: false,
    logLevel: 'error',
    build: { ...appConfig.build, outDir, emptyOutDir: true, manifest: true },
  };
}

/** Builds the bare app into `<cache>/bench-bare-app/dist` and returns that folder. */
export async function buildBareApp(): Promise<string> {
  const dir = join(CACHE_DIR, 'bench-bare-app');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'index.html'), BARE_HTML);
  await writeFile(join(dir, 'main.tsx'), BARE_MAIN);
  const outDir = join(dir, 'dist');
  await build(sameViteConfig(dir, outDir));
  return outDir;
}

/** Builds the SPA itself the same way into `<cache>/bench-app/dist` and returns that folder. */
export async function buildApp(): Promise<string> {
  const outDir = join(CACHE_DIR, 'bench-app', 'dist');
  await build(sameViteConfig(ROOT, outDir));
  return outDir;
}
