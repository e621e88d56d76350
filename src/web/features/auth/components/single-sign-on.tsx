import { useQuery } from '@tanstack/react-query';
import { signInQueries } from '../api/sign-in-queries';

const REASONS: Record<string, string> = {
  failed: 'Single sign-on did not complete. Try again.',
  no_role:
    'Your account at the identity provider has no role in Assure Desk. Ask your administrator for access.',
  inactive: 'Your Assure Desk account is deactivated. Ask your administrator.',
  username_taken: 'A local account already uses your name. Ask your administrator to sort it out.',
  unavailable: 'The identity provider cannot be reached right now. Try again in a moment.',
};

/** "Sign in with <provider>" when single sign-on is configured, and why the last attempt failed (`?sso=`). */
export function SingleSignOn({ next, reason }: { next: string; reason: string | null }) {
  const options = useQuery(signInQueries.signInOptions());
  const oidc = options.data?.oidc;
  const message = reason ? (REASONS[reason] ?? REASONS.failed) : null;
  return (
    <>
      {message && (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
      {oidc && (
        <>
          <a className="btn btn-primary btn-block" href={`${oidc.loginUrl}?next=${encodeURIComponent(next)}`}>
            Sign in with {oidc.name}
          </a>
          <p className="login-divider">
            {options.data?.oidcOnly ? 'Break-glass account only:' : 'or with a local account'}
          </p>
        </>
      )}
    </>
  );
}
