import { useState, type FormEvent } from 'react';
import { useLogin } from '../hooks/use-login';

export function LoginForm({ onSuccess, demo }: { onSuccess: () => void; demo: boolean }) {
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (login.isPending) return;
    login.mutate({ username, password }, { onSuccess });
  };

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
          Demo mode: sign in as <code>reviewer</code>, <code>operator</code>, <code>manager</code> or <code>admin</code>{' '}
          with password <code>demo-password</code>.
        </p>
      )}
    </form>
  );
}
