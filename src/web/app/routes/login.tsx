import { useEffect } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { LoginForm } from '@web/features/auth/components/login-form';
import { SingleSignOn } from '@web/features/auth/components/single-sign-on';
import { useSession } from '@web/features/auth/hooks/use-session';
import { paths } from '@web/lib/paths';
import { prefetchWhenIdle } from '../route-modules';

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null) {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : paths.processes.href();
}

export function LoginRoute() {
  const session = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  // While the user types: the list's chunk, so signing in goes straight to it. Nothing heavier.
  useEffect(() => prefetchWhenIdle(['processes']), []);
  if (session.user) return <Navigate to={next} replace />;
  return (
    <main className="login-page">
      <div className="login-card">
        <div className="brand brand-large">
          <img src="/favicon.svg" alt="" width={36} height={36} />
          <span>Assure Desk</span>
        </div>
        <h1>Sign in</h1>
        <p className="muted">Review identity verifications from Signicat Assure.</p>
        <SingleSignOn next={next} reason={params.get('sso')} />
        <LoginForm demo={session.demo} onSuccess={() => navigate(next, { replace: true })} />
      </div>
    </main>
  );
}
