import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '@domain/policy';
import { errorMessage } from '@web/components/error-state';
import { adminQueries } from '../api/admin-queries';
import { useResetSecondFactor, useUpdateMfaSettings } from '../hooks/use-second-factor-admin';

/** Which roles' local accounts must use a second factor (TOTP), and the reset of one user's. */
export function SecondFactorAdmin() {
  const mfa = useQuery(adminQueries.mfa());
  const users = useQuery(adminQueries.users());
  const save = useUpdateMfaSettings();
  const [minutesText, setMinutesText] = useState<string | null>(null);
  const minutes = minutesText ?? (mfa.data ? String(mfa.data.stepUpMinutes) : '');
  const reset = useResetSecondFactor();
  const required = new Set<Role>(mfa.data?.requiredRoles ?? []);
  const toggle = (role: Role) => {
    const next = new Set(required);
    if (next.has(role)) next.delete(role);
    else next.add(role);
    save.mutate({ requiredRoles: ROLES.filter((r) => next.has(r)) });
  };
  return (
    <section className="card" aria-labelledby="mfa-heading">
      <h2 id="mfa-heading">Second factor</h2>
      <p className="muted">
        Local accounts of these roles set up an authenticator app at their next sign-in. Demo accounts are
        exempt; with single sign-on the identity provider asks for the second factor.
      </p>
      <fieldset disabled={!mfa.data || save.isPending}>
        <legend>Required for</legend>
        {ROLES.map((role) => (
          <label key={role} className="checkbox-row">
            <input type="checkbox" checked={required.has(role)} onChange={() => toggle(role)} />{' '}
            {ROLE_LABELS[role]}
          </label>
        ))}
      </fieldset>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ stepUpMinutes: Number(minutes) }, { onSuccess: () => setMinutesText(null) });
        }}
      >
        <div className="field">
          <label htmlFor="step-up-minutes">
            Revealing identifiers and full results needs a sign-in of the last N minutes (0 = no limit)
          </label>
          <input
            id="step-up-minutes"
            type="number"
            min={0}
            max={1440}
            value={minutes}
            onChange={(e) => setMinutesText(e.target.value)}
          />
        </div>
        <button type="submit" className="btn" disabled={save.isPending || minutes === ''}>
          Save
        </button>
      </form>
      {save.error && (
        <p className="form-error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const id = Number(new FormData(e.currentTarget).get('user'));
          const name = users.data?.items.find((u) => u.id === id)?.username;
          if (
            name &&
            window.confirm(
              `Remove the second factor of ${name}? They will be signed out and set it up again.`,
            )
          )
            reset.mutate(id);
        }}
      >
        <div className="field">
          <label htmlFor="mfa-reset-user">Reset the second factor of</label>
          <select id="mfa-reset-user" name="user">
            {users.data?.items.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn" disabled={reset.isPending || !users.data}>
          Reset
        </button>
        {reset.isSuccess && <span role="status">Reset: they set it up again at their next sign-in.</span>}
        {reset.error && <span className="form-error">{errorMessage(reset.error)}</span>}
      </form>
    </section>
  );
}
