import { sql, type Placeholder } from 'drizzle-orm';

/**
 * The search text of a process, folded by the database (`desk_search_text`, migration 0007): case- and
 * diacritic-insensitive, with the letters accent stripping leaves alone (ø, æ, ł, ß…) folded too. The same fold
 * turns a search into its needle (`searchNeedle`), so both sides always agree.
 */
export const searchTextOf = (parts: Array<string | null | undefined>) =>
  sql<string>`desk_search_text(${parts.filter(Boolean).join(' ')})`;

/** The search text of a process whose personal data is erased: its ids only. */
export const erasedSearchText = (processId: string, dossierId: string) =>
  searchTextOf([processId, dossierId]);

/** A `LIKE` pattern matching `q` anywhere in a search text, folded like the text. */
export const searchNeedle = (q: string | Placeholder) =>
  sql`'%' || replace(replace(replace(desk_fold(${q}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
