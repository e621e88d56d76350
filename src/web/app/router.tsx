import { createBrowserRouter, Navigate } from 'react-router-dom';
import { paths } from '@web/lib/paths';
import { AppLayout } from './layouts/app-layout';
import { RouteError } from './route-error';
import { routeModules } from './route-modules';
import { NotFoundRoute } from './routes/not-found';

// The layout and "not found" are in the first chunk; every screen, sign-in included, is loaded on first use
// (route-modules.ts), its loader with it. The server preloads the chunks of sign-in and of the list with the page.
const boot = <div className="boot">Loading Assure Desk…</div>;

export function createRouter() {
  return createBrowserRouter([
    {
      path: paths.login.pattern,
      lazy: async () => ({ Component: (await routeModules.login()).LoginRoute }),
      errorElement: <RouteError />,
      hydrateFallbackElement: boot,
    },
    {
      element: <AppLayout />,
      errorElement: <RouteError />,
      hydrateFallbackElement: boot,
      children: [
        { index: true, element: <Navigate to={paths.processes.href()} replace /> },
        {
          path: paths.processes.pattern,
          lazy: async () => {
            const m = await routeModules.processes();
            return { Component: m.ProcessesRoute, loader: m.processesLoader };
          },
          errorElement: <RouteError />,
        },
        {
          path: paths.process.pattern,
          lazy: async () => {
            const m = await routeModules.process();
            return { Component: m.ProcessDetailRoute, loader: m.processDetailLoader };
          },
          errorElement: <RouteError />,
        },
        {
          path: paths.dossier.pattern,
          lazy: async () => ({ Component: (await routeModules.dossier()).DossierRoute }),
          errorElement: <RouteError />,
        },
        {
          path: paths.reviewQueue.pattern,
          lazy: async () => ({ Component: (await routeModules.reviewQueue()).ReviewQueueRoute }),
          errorElement: <RouteError />,
        },
        {
          path: paths.outcomes.pattern,
          lazy: async () => {
            const m = await routeModules.outcomes();
            return { Component: m.OutcomesRoute, loader: m.outcomesLoader };
          },
          errorElement: <RouteError />,
        },
        {
          path: paths.audit.pattern,
          lazy: async () => ({ Component: (await routeModules.audit()).AuditRoute }),
          errorElement: <RouteError />,
        },
        {
          path: paths.admin.pattern,
          lazy: async () => ({ Component: (await routeModules.admin()).AdminRoute }),
          errorElement: <RouteError />,
        },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}
