// `providerSpecific.errors` (contract §9): a list whose shape is not documented ("rejected Paper processes return a
// list of errors"). Shown verbatim as the provider's error list, each error as readable lines.
import { codesIn, explainFailReason, isKnownFailReason, readableLines } from './fail-reasons';
import { isRecord } from './raw-json';

export interface ProviderError {
  /** The error as readable lines (`code: MRZ_CHECKSUM`, `message: …`), or its text verbatim. */
  lines: string[];
  /** The first code found in it, if any. */
  code?: string;
  /** A friendly explanation when the code is one Assure Desk knows. */
  explanation?: string;
}

/** The provider's error list of a process (raw Get process answer), in order; empty when there is none. */
export function providerErrors(process: unknown): ProviderError[] {
  const ps = isRecord(process) && isRecord(process.providerSpecific) ? process.providerSpecific : undefined;
  const errors = ps?.errors;
  if (errors === undefined || errors === null) return [];
  const items = Array.isArray(errors) ? errors : [errors];
  return items
    .filter((item) => item !== null && item !== undefined)
    .map((item) => {
      const code = codesIn(item)[0];
      const error: ProviderError = { lines: readableLines(item, 20) };
      if (code !== undefined) error.code = code;
      if (code !== undefined && isKnownFailReason(code))
        error.explanation = explainFailReason(code).explanation;
      return error;
    });
}
