import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '@web/components/error-state';
import { adminQueries } from '../api/admin-queries';
import { DEFAULT_FOUR_EYES, MAX_RETENTION_DAYS, type FourEyes } from '@domain/review';
import { useUpdateRetention, useUpdateSettings } from '../hooks/use-admin-mutations';
import { ReasonCodesAdmin } from './reason-codes-admin';

/** What the saved retention setting does, in words. */
function retentionNow(days: number | undefined): string {
  if (days === undefined) return '';
  if (days === 0) return 'Now: personal data is kept indefinitely.';
  return `Now: erased ${days} ${days === 1 ? 'day' : 'days'} after a process is final.`;
}

export function SettingsAdmin() {
  const settings = useQuery(adminQueries.settings());
  const retention = useQuery(adminQueries.retention());
  const save = useUpdateSettings();
  const saveRetention = useUpdateRetention();
  const [limit, setLimit] = useState<number | null>(null);
  const [daysText, setDaysText] = useState<string | null>(null);
  const value = limit ?? settings.data?.retryLimit ?? 2;
  const savedDays = retention.data?.personalDataRetentionDays;
  const daysValue = daysText ?? (savedDays === undefined ? '' : String(savedDays));

  return (
    <section className="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <form
        className="inline-form"
        onSubmit={(e) => (e.preventDefault(), save.mutate({ retryLimit: value }))}
      >
        <div className="field">
          <label htmlFor="retry-limit">Retry limit per dossier</label>
          <input
            id="retry-limit"
            type="number"
            min={0}
            max={10}
            value={value}
            onChange={(e) => setLimit(Number(e.target.value))}
          />
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
          saveRetention.mutate(
            { personalDataRetentionDays: Number(daysValue) },
            { onSuccess: () => setDaysText(null) },
          );
        }}
      >
        <div className="field">
          <label htmlFor="retention-days">
            Erase personal data N days after a process is final (0 = keep)
          </label>
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
            <button
              type="submit"
              className="btn"
              disabled={saveRetention.isPending || savedDays === undefined}
            >
              Save
            </button>
            {saveRetention.isSuccess && <span role="status">Saved.</span>}
            {saveRetention.error && <span className="form-error">{errorMessage(saveRetention.error)}</span>}
            {retention.error && <span className="form-error">{errorMessage(retention.error)}</span>}
          </div>
          <p id="retention-hint" className="hint settings-hint">
            {retentionNow(savedDays)} Names, document numbers and dates of birth are erased from the stored
            processes once an hour; inconclusive cases wait until they are decided. Statuses, checks,
            decisions and the audit log stay (notes as written); the full result still comes from Assure while
            Assure keeps it. Erasure cannot be undone.
          </p>
        </div>
      </form>
      <FourEyesSettings />
      <ReasonCodesAdmin />
    </section>
  );
}

const FOUR_EYES_LABELS: Record<keyof FourEyes, string> = {
  approveFailedChecks: 'Approving a case whose liveness, face or chip check failed needs a second reviewer',
  reject: 'Every rejection needs a second reviewer',
};

/** Four-eyes: which decisions wait for a second reviewer before they count. */
function FourEyesSettings() {
  const settings = useQuery(adminQueries.settings());
  const save = useUpdateSettings();
  const current = settings.data?.fourEyes ?? DEFAULT_FOUR_EYES;
  return (
    <fieldset className="four-eyes" disabled={!settings.data || save.isPending}>
      <legend className="subheading">Four-eyes review</legend>
      {(Object.keys(FOUR_EYES_LABELS) as Array<keyof FourEyes>).map((key) => (
        <label key={key} className="checkbox-row">
          <input
            type="checkbox"
            checked={current[key]}
            onChange={(e) => save.mutate({ fourEyes: { [key]: e.target.checked } })}
          />{' '}
          {FOUR_EYES_LABELS[key]}
        </label>
      ))}
      <p className="hint settings-hint">
        Such a decision is stored as pending second review; the case stays in the queue until a different
        reviewer confirms it or sends it back with a note. The author can never confirm their own.
      </p>
      {save.error && <span className="form-error">{errorMessage(save.error)}</span>}
    </fieldset>
  );
}
