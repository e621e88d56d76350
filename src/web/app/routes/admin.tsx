import { ApiReference } from '@web/features/admin/components/api-reference';
import { SecondFactorAdmin } from '@web/features/admin/components/second-factor-admin';
import { SettingsAdmin } from '@web/features/admin/components/settings-admin';
import { UsersAdmin } from '@web/features/admin/components/users-admin';
import { ErrorBoundary } from '@web/components/error-boundary';
import { LinkAdmin } from '@web/features/links/components/link-admin';

export function AdminRoute() {
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Administration</h1>
          <p className="page-subtitle">
            Users and roles, the retry limit, personal-data retention, the review reason codes and the API.
            Every change is audited.
          </p>
        </div>
      </header>
      <div className="admin-grid">
        <ErrorBoundary title="Users could not be shown">
          <UsersAdmin />
        </ErrorBoundary>
        <ErrorBoundary title="Settings could not be shown">
          <SettingsAdmin />
        </ErrorBoundary>
        <ErrorBoundary title="Second-factor settings could not be shown">
          <SecondFactorAdmin />
        </ErrorBoundary>
        <ErrorBoundary title="Linked identities could not be shown">
          <LinkAdmin />
        </ErrorBoundary>
        <ErrorBoundary title="The API reference could not be shown">
          <ApiReference />
        </ErrorBoundary>
      </div>
    </div>
  );
}
