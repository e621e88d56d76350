import { useQuery } from '@tanstack/react-query';
import { ADMIN_API } from '@domain/contracts/admin';
import { errorMessage } from '@web/components/error-state';
import { call, href } from '@web/lib/api-client';

/** The API for integrators: every route with the permission it needs, from GET /api/openapi.json. */
export function ApiReference() {
  const doc = useQuery({
    queryKey: ['admin', 'openapi'],
    queryFn: ({ signal }) => call(ADMIN_API.openapi, { signal }),
    staleTime: Infinity,
  });
  const operations = Object.entries(doc.data?.paths ?? {}).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      permission: op['x-permission'],
      summary: op.summary,
    })),
  );
  return (
    <section className="card" aria-labelledby="api-heading">
      <h2 id="api-heading">API</h2>
      <p className="muted">
        {operations.length ? `${operations.length} routes. ` : ''}
        Integrators sign in like the desk does and send the CSRF token on writes. The OpenAPI 3.1 document has
        every parameter and schema:{' '}
        <a href={href(ADMIN_API.openapi, {})} download="assure-desk-openapi.json">
          openapi.json
        </a>
        .
      </p>
      {doc.error && (
        <p className="form-error" role="alert">
          {errorMessage(doc.error)}
        </p>
      )}
      {operations.length > 0 && (
        <details className="inline-details api-routes">
          <summary className="btn btn-ghost">Show the routes</summary>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Method</th>
                  <th scope="col">Path</th>
                  <th scope="col">Permission</th>
                  <th scope="col">What it does</th>
                </tr>
              </thead>
              <tbody>
                {operations.map((op) => (
                  <tr key={`${op.method} ${op.path}`}>
                    <td>
                      <code>{op.method}</code>
                    </td>
                    <td>
                      <code>{op.path}</code>
                    </td>
                    <td>{op.permission}</td>
                    <td>{op.summary}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}
