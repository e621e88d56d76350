import { useState, type FormEvent } from 'react';
import type { MfaChallenge } from '@domain/mfa';
import { useLogin } from '../hooks/use-login';
import { SecondFactorStep } from './second-factor-step';

export function LoginForm({ onSuccess, demo }: { onSuccess: () => void; demo: boolean }) {
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (login.isPending) return;
    login.mutate(
      { username, password },
      { onSuccess: (answer) => ('mfaRequired' in answer ? setChallenge(answer) : onSuccess()) },
    );
  };

  if (challenge) {
    const startOver = () => {
      setChallenge(null);
      setPassword('');
      login.reset();
    };
    return <SecondFactorStep challenge={challenge} onSuccess={onSuccess} onCancel={startOver} />;
  }

  return (
    <form className="login-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="username">Username</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          autoFocus
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      {login.error && (
        <p className="form-error" role="alert">
          {login.error.message}
        </p>
      )}
      <button type="submit" className="btn btn-primary btn-block" disabled={login.isPending}>
        {login.isPending ? 'Signing in…' : 'Sign in'}
      </button>
      {demo && (
        <p className="hint">
          Demo mode: sign in as <code>reviewer</code>, <code>operator</code>, <code>manager</code> or{' '}
          <code>admin</code> with password <code>demo-password</code>.
        </p>
      )}
    </form>
  );
}
