import { useEffect, useRef } from 'react';

/** Controls that take typed characters: a shortcut pressed in one of them is text, not a command. */
const TEXT_ENTRY =
  'textarea, select, [contenteditable="true"], input:not([type=radio]):not([type=checkbox]):not([type=button]):not([type=submit])';
/** Controls that Enter activates by itself: a global Enter must not act twice. */
const ACTIVATES_ON_ENTER = 'button, a[href], summary, input[type=submit], input[type=button]';

/**
 * Calls `fn` when `key` is pressed without modifiers, unless the focus is in a control that takes text (radio
 * buttons and check boxes do not swallow shortcuts); Enter also leaves buttons and links to act by themselves.
 */
export function useShortcut(key: string | readonly string[], fn: (key: string) => void, enabled = true) {
  const keys = typeof key === 'string' ? key : key.join('\u0000');
  const latest = useRef(fn);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!keys.split('\u0000').includes(e.key) || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented)
        return;
      const t = e.target as HTMLElement | null;
      if (t?.closest?.(TEXT_ENTRY)) return;
      if (e.key === 'Enter' && t?.closest?.(ACTIVATES_ON_ENTER)) return;
      e.preventDefault();
      latest.current(e.key);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keys, enabled]);
}
