import type { ReactNode } from 'react';

/** A row of quick-view buttons, the chosen one pressed. */
export function ToggleGroup<T extends string>({
  label,
  className,
  options,
  value,
  optionLabel,
  onSelect,
}: {
  /** The group's accessible name. */
  label: string;
  className?: string;
  options: readonly T[];
  value: T | undefined;
  optionLabel: (option: T) => ReactNode;
  onSelect: (option: T) => void;
}) {
  return (
    <div className={className ? `quick-views ${className}` : 'quick-views'} role="group" aria-label={label}>
      {options.map((o) => (
        <button
          key={o}
          type="button"
          className="quick-view"
          aria-pressed={value === o}
          onClick={() => onSelect(o)}
        >
          {optionLabel(o)}
        </button>
      ))}
    </div>
  );
}
