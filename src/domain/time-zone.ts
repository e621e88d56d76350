/**
 * The canonical IANA name of a time zone, or undefined when it is not one. Offsets ("+01:00") and POSIX strings are
 * refused on purpose: PostgreSQL reads "+01:00" with the opposite sign to ISO 8601.
 */
export function canonicalTimeZone(value: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(value) || value.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
