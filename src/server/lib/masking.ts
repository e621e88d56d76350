/** Masks a personal value for roles that may not see it: the first letter stays so rows stay tellable apart. */
export function maskValue(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  return `${[...value][0]}•••`;
}
