import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '@web/components/error-state';
import { reviewQueries } from '@web/features/review/api/review-queries';
import { adminQueries } from '../api/admin-queries';
import { MAX_RETENTION_DAYS } from '@domain/review';
import { useAddReasonCode, useUpdateRetention, useUpdateSettings } from '../hooks/use-admin-mutations';

/** What the saved retention setting does, in words. */
function retentionNow(days: number | undefined): string {
  if (days === undefined) return '';
  if (days === 0) return 'Now: personal data is kept indefinitely.';
  return `Now: erased ${days} ${days === 1 ? 'day' : 'days'} after a process is final.`;
}

export function SettingsAdmin() {
  const settings = useQuery(adminQueries.settings());
  const retention = useQuery(adminQueries.retention());
  const reasons = useQuery(reviewQueries.reasonCodes());
  const save = useUpdateSettings();
  const saveRetention = useUpdateRetention();
  const add = useAddReasonCode();
  const [limit, setLimit] = useState<number | null>(null);
  const [daysText, setDaysText] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const value = limit ?? settings.data?.retryLimit ?? 2;
  const savedDays = retention.data?.personalDataRetentionDays;
  const daysValue = daysText ?? (savedDays === undefined ? '' : String(savedDays));

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
      <form
        className="settings-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (daysValue.trim() === '') return;
          saveRetention.mutate({ personalDataRetentionDays: Number(daysValue) }, { onSuccess: () => setDaysText(null) });
        }}
      >
        <div className="field">
          <label htmlFor="retention-days">Erase personal data N days after a process is final (0 = keep)</label>
          <div className="inline-form">
            <input
              id="retention-days"
              type="number"
              min={0}
              max={MAX_RETENTION_DAYS}
              step={1}
              required
              value={daysValue}
              aria-describedby="retention-hint"
              onChange={(e) => setDaysText(e.target.value)}
            />
            <button type="submit" className="btn" disabled={saveRetention.isPending || savedDays === undefined}>
              Save
            </button>
            {saveRetention.isSuccess && <span role="status">Saved.</span>}
            {saveRetention.error && <span className="form-error">{errorMessage(saveRetention.error)}</span>}
            {retention.error && <span className="form-error">{errorMessage(retention.error)}</span>}
          </div>
          <p id="retention-hint" className="hint settings-hint">
            {retentionNow(savedDays)} Names, document numbers and dates of birth are erased from the stored processes
            once an hour; inconclusive cases wait until they are decided. Statuses, checks, decisions and the audit log
            stay (notes as written); the full result still comes from Assure while Assure keeps it. Erasure cannot be
            undone.
          </p>
        </div>
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
