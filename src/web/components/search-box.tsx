import { useEffect, useRef, useState } from 'react';
import { useDebouncedCallback } from '@web/hooks/use-debounced-callback';

interface Props {
  id: string;
  label: string;
  placeholder: string;
  /** The search as the URL has it; back/forward or a "clear" can change it from outside. */
  value: string | undefined;
  /** Called 300 ms after typing stops, with the trimmed text or undefined. */
  onSearch: (q: string | undefined) => void;
}

/** A list's search field: debounced into the URL, and `/` focuses it from anywhere that is not a text field. */
export function SearchBox({ id, label, placeholder, value, onSearch }: Props) {
  const [q, setQ] = useState(value ?? '');
  const box = useRef<HTMLInputElement>(null);
  const push = useDebouncedCallback((text: string) => onSearch(text.trim() || undefined), 300);
  useEffect(() => setQ(value ?? ''), [value]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key !== '/' || t?.closest('input, textarea, select, [contenteditable="true"]')) return;
      e.preventDefault();
      box.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="search-box">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        ref={box}
        type="search"
        placeholder={placeholder}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          push(e.target.value);
        }}
      />
    </div>
  );
}
