import { createBrowserRouter, Navigate } from 'react-router-dom';
import { paths } from '@web/lib/paths';
import { AppLayout } from './layouts/app-layout';
import { RouteError } from './route-error';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { DossierRoute } from './routes/dossier';
import { ProcessDetailRoute, processDetailLoader } from './routes/process-detail';
import { ProcessesRoute, processesLoader } from './routes/processes';
import { OutcomesRoute, outcomesLoader } from './routes/outcomes';
import { ReviewQueueRoute } from './routes/review-queue';
import { AuditRoute } from './routes/audit';
import { AdminRoute } from './routes/admin';

export function createRouter() {
  return createBrowserRouter([
    { path: paths.login.pattern, element: <LoginRoute />, errorElement: <RouteError /> },
    {
      element: <AppLayout />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <Navigate to={paths.processes.href()} replace /> },
        { path: paths.processes.pattern, element: <ProcessesRoute />, loader: processesLoader, errorElement: <RouteError /> },
        { path: paths.process.pattern, element: <ProcessDetailRoute />, loader: processDetailLoader, errorElement: <RouteError /> },
        { path: paths.dossier.pattern, element: <DossierRoute />, errorElement: <RouteError /> },
        { path: paths.reviewQueue.pattern, element: <ReviewQueueRoute />, errorElement: <RouteError /> },
        { path: paths.outcomes.pattern, element: <OutcomesRoute />, loader: outcomesLoader, errorElement: <RouteError /> },
        { path: paths.audit.pattern, element: <AuditRoute />, errorElement: <RouteError /> },
        { path: paths.admin.pattern, element: <AdminRoute />, errorElement: <RouteError /> },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ]);
}
