import { Suspense, useEffect } from 'react';
import { NavLink, Navigate, Outlet, useLocation, useNavigate, useNavigation } from 'react-router-dom';
import { can, ROLE_LABELS } from '@domain/policy';
import { useSession } from '@web/features/auth/hooks/use-session';
import { useLogout } from '@web/features/auth/hooks/use-logout';
import { useSignOutEverywhere } from '@web/features/auth/hooks/use-sign-out-everywhere';
import { useTheme } from '@web/hooks/use-theme';
import { paths } from '@web/lib/paths';
import { prefetchOnIntent, prefetchWhenIdle } from '../route-modules';
import { ProviderHealthBanner } from '@web/features/provider-health/components/provider-health-banner';
import { HealthBanner } from './health-banner';

export function AppLayout() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const signOutEverywhere = useSignOutEverywhere();
  const { effective, toggle } = useTheme();
  const navigation = useNavigation();
  const signedIn = Boolean(session.user);
  // The screens a reviewer opens next from the list; the heavier ones (outcomes, audit, admin) on hover or focus.
  useEffect(
    () => (signedIn ? prefetchWhenIdle(['processes', 'process', 'dossier', 'reviewQueue']) : undefined),
    [signedIn],
  );

  if (!session.user) return <Navigate to={paths.login.href(location.pathname + location.search)} replace />;

  return (
    <div className="app-shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="app-header">
        <div className="topbar">
          <div className="brand">
            <img src="/favicon.svg" alt="" width={24} height={24} />
            <span>Assure Desk</span>
          </div>
          <nav className="main-nav" aria-label="Main">
            <NavLink to={paths.processes.href()} {...prefetchOnIntent('processes')}>
              Processes
            </NavLink>
            {can(session.user.role, 'cases:read') && (
              <NavLink to={paths.reviewQueue.href()} {...prefetchOnIntent('reviewQueue')}>
                Review queue
              </NavLink>
            )}
            {can(session.user.role, 'outcomes:read') && (
              <NavLink to={paths.outcomes.href()} {...prefetchOnIntent('outcomes')}>
                Outcomes
              </NavLink>
            )}
            {can(session.user.role, 'audit:read') && (
              <NavLink to={paths.audit.href()} {...prefetchOnIntent('audit')}>
                Audit
              </NavLink>
            )}
            {can(session.user.role, 'users:manage') && (
              <NavLink to={paths.admin.href()} {...prefetchOnIntent('admin')}>
                Admin
              </NavLink>
            )}
          </nav>
          <div className="topbar-right">
            <button
              type="button"
              className="btn btn-ghost btn-icon"
              onClick={toggle}
              aria-label={`Switch to ${effective === 'dark' ? 'light' : 'dark'} mode`}
            >
              {effective === 'dark' ? '☀' : '☾'}
            </button>
            <span className="user-chip" title={ROLE_LABELS[session.user.role]}>
              <span className="user-name">{session.user.username}</span>
              <span className="user-role">{ROLE_LABELS[session.user.role]}</span>
            </span>
            <button
              type="button"
              className="btn btn-ghost"
              disabled={logout.isPending}
              onClick={() =>
                logout.mutate(undefined, { onSuccess: () => navigate(paths.login.href(), { replace: true }) })
              }
            >
              Log out
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              disabled={signOutEverywhere.isPending}
              title="Ends your sessions in every browser and device, this one included"
              onClick={() =>
                signOutEverywhere.mutate(undefined, {
                  onSuccess: () => navigate(paths.login.href(), { replace: true }),
                })
              }
            >
              Sign out everywhere
            </button>
          </div>
        </div>
        {session.demo && (
          <div className="demo-banner" role="note">
            Demo mode — data comes from the built-in Assure sandbox and is synthetic.
          </div>
        )}
        <HealthBanner />
        <ProviderHealthBanner
          detailsHref={
            can(session.user.role, 'outcomes:read') ? `${paths.outcomes.href()}#provider-health` : undefined
          }
        />
      </header>
      {navigation.state === 'loading' && (
        <div className="route-progress" role="progressbar" aria-label="Loading the page" />
      )}
      <main id="main" className="main">
        <Suspense fallback={<div className="page muted">Loading…</div>}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
