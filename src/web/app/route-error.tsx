import { isRouteErrorResponse, Link, useRouteError } from 'react-router-dom';
import { errorMessage } from '@web/components/error-state';
import { paths } from '@web/lib/paths';

/** Error element for every layout and data route: says what went wrong and what to do. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return (
    <div className="page">
      <div className="error-state" role="alert">
        <strong>This page could not be shown</strong>
        <p>{message}</p>
        <p>
          <button type="button" className="btn" onClick={() => window.location.reload()}>
            Reload
          </button>{' '}
          <Link to={paths.processes.href()}>Back to the processes</Link>
        </p>
      </div>
    </div>
  );
}
