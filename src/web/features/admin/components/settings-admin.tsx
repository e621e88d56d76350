import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '@web/components/error-state';
import { reviewQueries } from '@web/features/review/api/review-queries';
import { adminQueries } from '../api/admin-queries';
import { useAddReasonCode, useUpdateSettings } from '../hooks/use-admin-mutations';

export function SettingsAdmin() {
  const settings = useQuery(adminQueries.settings());
  const reasons = useQuery(reviewQueries.reasonCodes());
  const save = useUpdateSettings();
  const add = useAddReasonCode();
  const [limit, setLimit] = useState<number | null>(null);
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const value = limit ?? settings.data?.retryLimit ?? 2;

  return (
    <section className="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <form className="inline-form" onSubmit={(e) => (e.preventDefault(), save.mutate({ retryLimit: value }))}>
        <div className="field">
          <label htmlFor="retry-limit">Retry limit per dossier</label>
          <input id="retry-limit" type="number" min={0} max={10} value={value} onChange={(e) => setLimit(Number(e.target.value))} />
        </div>
        <button type="submit" className="btn" disabled={save.isPending}>
          Save
        </button>
        {save.isSuccess && <span role="status">Saved.</span>}
        {save.error && <span className="form-error">{errorMessage(save.error)}</span>}
      </form>
      <h3 className="subheading">Reason codes</h3>
      <ul className="reason-list">
        {reasons.data?.items.map((r) => (
          <li key={r.code}>
            <code>{r.code}</code> — {r.label}
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => (e.preventDefault(), add.mutate({ code, label }, { onSuccess: () => (setCode(''), setLabel('')) }))}>
        <div className="field">
          <label htmlFor="reason-code-new">Code</label>
          <input id="reason-code-new" value={code} onChange={(e) => setCode(e.target.value)} placeholder="e.g. address_mismatch" required />
        </div>
        <div className="field">
          <label htmlFor="reason-label-new">Label</label>
          <input id="reason-label-new" value={label} onChange={(e) => setLabel(e.target.value)} required />
        </div>
        <button type="submit" className="btn" disabled={add.isPending}>
          Add reason code
        </button>
        {add.error && <span className="form-error">{errorMessage(add.error)}</span>}
      </form>
    </section>
  );
}
