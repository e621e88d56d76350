import { Link } from 'react-router-dom';
import { paths } from '@web/lib/paths';

export function NotFoundRoute() {
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to={paths.processes.href()}>Go to the processes</Link>.
      </p>
    </div>
  );
}
