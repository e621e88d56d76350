import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '@domain/policy';
import { ErrorState, errorMessage } from '@web/components/error-state';
import { formatDate } from '@web/lib/format';
import { adminQueries } from '../api/admin-queries';
import { useCreateUser, useSignOutUserEverywhere, useUpdateUser } from '../hooks/use-admin-mutations';

export function UsersAdmin() {
  const users = useQuery(adminQueries.users());
  const update = useUpdateUser();
  const signOut = useSignOutUserEverywhere();
  const [signedOut, setSignedOut] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="users-heading">
      <h2 id="users-heading">Users</h2>
      {users.isError && <ErrorState error={users.error} onRetry={() => void users.refetch()} />}
      {update.error && (
        <p className="form-error" role="alert">
          {errorMessage(update.error)}
        </p>
      )}
      {signOut.error && (
        <p className="form-error" role="alert">
          {errorMessage(signOut.error)}
        </p>
      )}
      {signedOut && <p role="status">{signedOut}</p>}
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.data?.items.map((u) => (
              <tr key={u.id}>
                <td>{u.username}</td>
                <td>
                  <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                    Role of {u.username}
                  </label>
                  <select
                    id={`role-${u.id}`}
                    value={u.role}
                    disabled={update.isPending}
                    onChange={(e) => update.mutate({ id: u.id, role: e.target.value as Role })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{u.active ? 'Active' : <span className="muted">Deactivated</span>}</td>
                <td>{formatDate(u.createdAt)}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-ghost"
                    disabled={update.isPending}
                    onClick={() => update.mutate({ id: u.id, active: !u.active })}
                  >
                    {u.active ? 'Deactivate' : 'Reactivate'}
                  </button>
                  <button
                    type="button"
                    className="btn btn-ghost"
                    disabled={signOut.isPending}
                    aria-label={`Sign ${u.username} out everywhere`}
                    onClick={() =>
                      signOut.mutate(u.id, {
                        onSuccess: (r) =>
                          setSignedOut(
                            `${u.username}: ${r.sessions} session${r.sessions === 1 ? '' : 's'} ended.`,
                          ),
                      })
                    }
                  >
                    Sign out everywhere
                  </button>
                  <ResetPassword id={u.id} username={u.username} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <AddUser />
    </section>
  );
}

function ResetPassword({ id, username }: { id: number; username: string }) {
  const update = useUpdateUser();
  const [password, setPassword] = useState('');
  return (
    <details className="inline-details">
      <summary className="btn btn-ghost">Reset password</summary>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ id, password }, { onSuccess: () => setPassword('') });
        }}
      >
        <label className="visually-hidden" htmlFor={`pw-${id}`}>
          New password for {username}
        </label>
        <input
          id={`pw-${id}`}
          type="password"
          autoComplete="new-password"
          minLength={12}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          placeholder="New password (12+)"
        />
        <button type="submit" className="btn" disabled={password.length < 12 || update.isPending}>
          Set
        </button>
        {update.isSuccess && (
          <span role="status">Password changed; {username} is signed out everywhere.</span>
        )}
        {update.error && <span className="form-error">{errorMessage(update.error)}</span>}
      </form>
    </details>
  );
}

function AddUser() {
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('reviewer');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ username, role, password }, { onSuccess: () => (setUsername(''), setPassword('')) });
  };
  return (
    <form className="inline-form add-user" onSubmit={submit}>
      <div className="field">
        <label htmlFor="new-username">New username</label>
        <input id="new-username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="new-role">Role</label>
        <select id="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="new-password">Initial password</label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          minLength={12}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
      </div>
      <button type="submit" className="btn btn-primary" disabled={create.isPending}>
        Add user
      </button>
      {create.error && (
        <p className="form-error" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
    </form>
  );
}
