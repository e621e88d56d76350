import { ALL_PROCESS_TYPES } from '@domain/providers';

/** A process-type filter: every provider's process types, plus an option for none in particular. */
export function ProcessTypeSelect({
  value,
  onChange,
  anyLabel,
}: {
  value: string | undefined;
  onChange: (processType: string | undefined) => void;
  anyLabel: string;
}) {
  return (
    <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
      <option value="">{anyLabel}</option>
      {ALL_PROCESS_TYPES.map((t) => (
        <option key={t} value={t}>
          {t}
        </option>
      ))}
    </select>
  );
}
