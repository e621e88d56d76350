import { useEffect, useState } from 'react';

type Theme = 'light' | 'dark' | 'system';
const KEY = 'assure-desk-theme';

export function storedTheme(): Theme {
  const v = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

const systemQuery = () =>
  typeof matchMedia === 'undefined' ? undefined : matchMedia('(prefers-color-scheme: dark)');

/** Sets data-theme on <html> to the effective theme; CSS holds one palette per value. */
export function applyTheme(theme: Theme) {
  const effective = theme === 'system' ? (systemQuery()?.matches ? 'dark' : 'light') : theme;
  document.documentElement.setAttribute('data-theme', effective);
}

/** Dark mode follows the system until the user picks one; the choice is remembered on this device. */
export function useTheme() {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const [systemDark, setSystemDark] = useState(() => systemQuery()?.matches ?? false);
  useEffect(() => {
    applyTheme(theme);
    if (theme === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, theme);
  }, [theme, systemDark]);
  // Follow the system while the user has not chosen.
  useEffect(() => {
    const q = systemQuery();
    const onChange = () => setSystemDark(q?.matches ?? false);
    q?.addEventListener('change', onChange);
    return () => q?.removeEventListener('change', onChange);
  }, []);
  const effective = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
  return { theme, effective, toggle: () => setTheme(effective === 'dark' ? 'light' : 'dark') };
}
