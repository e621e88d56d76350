// failReason values (contract §4). The known set is the emulator's [A]; real Signicat may send others, which are
// shown verbatim (contract §7: "failReason varies by provider" → verbatim, friendly label only for known values).

export const KNOWN_FAIL_REASONS = {
  timeout: {
    label: 'Timed out',
    explanation: 'The end-user was inactive for too long and the session timed out. A retry usually helps.',
  },
  cameraAccessDenied: {
    label: 'Camera access denied',
    explanation:
      'The end-user refused access to the camera or microphone, so nothing could be captured. Ask them to allow access and retry.',
  },
  userAborted: {
    label: 'End-user left',
    explanation: 'The end-user left the flow without pressing cancel.',
  },
  technicalError: {
    label: 'Technical error',
    explanation: 'A technical error at the provider stopped the verification. A retry may help.',
  },
  documentNotSupported: {
    label: 'Document not supported',
    explanation:
      'The document type or issuing country is not supported by this provider. A retry needs another document or provider.',
  },
  chipReadFailed: {
    label: 'Chip could not be read',
    explanation:
      'The document chip could not be read over NFC, so no chip check was possible. The end-user can retry, holding the document still against the phone.',
  },
} as const satisfies Record<string, { label: string; explanation: string }>;

export type KnownFailReason = keyof typeof KNOWN_FAIL_REASONS;

// A type, not an interface: it is sent as the loose `failReason` object of the process detail (src/domain/api.ts).
export type FailReasonExplanation = {
  /** The code exactly as received (for an object or array: the first code found in it, else its JSON). */
  code: string;
  known: boolean;
  /** Friendly label for known codes; the code itself otherwise. */
  label: string;
  explanation: string;
  /** For a failReason sent as an object or array (contract §9): its content as readable `key: value` lines. */
  lines?: string[];
};

export function isKnownFailReason(code: unknown): code is KnownFailReason {
  return typeof code === 'string' && Object.hasOwn(KNOWN_FAIL_REASONS, code);
}

export function explainFailReason(code: string): FailReasonExplanation {
  if (isKnownFailReason(code)) return { code, known: true, ...KNOWN_FAIL_REASONS[code] };
  return {
    code,
    known: false,
    label: code,
    explanation: `The provider gave the reason "${code}", which Assure Desk does not recognise; it is shown as received.`,
  };
}

/** Keys under which a structured failReason or provider error may carry its code. */
const CODE_KEYS = ['code', 'reason', 'errorCode', 'failReason', 'type', 'name'];

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * A structured value (object, array, scalar) as readable lines: `key: value` for objects, one line per array item
 * (nested keys joined with dots, array items numbered), scalars verbatim. At most `max` lines.
 */
export function readableLines(value: unknown, max = 40): string[] {
  const lines: string[] = [];
  const walk = (v: unknown, prefix: string) => {
    if (lines.length >= max) return;
    const text = scalarText(v);
    if (text !== undefined || v === null || v === undefined) {
      const shown = text ?? 'null';
      lines.push(prefix ? `${prefix}: ${shown}` : shown);
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) lines.push(prefix ? `${prefix}: (empty list)` : '(empty list)');
      v.forEach((item, i) => walk(item, prefix ? `${prefix}[${i + 1}]` : v.length === 1 ? '' : `${i + 1}`));
      return;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) lines.push(prefix ? `${prefix}: (empty)` : '(empty)');
    for (const [k, item] of entries) walk(item, prefix ? `${prefix}.${k}` : k);
  };
  walk(value, '');
  if (lines.length >= max) lines.push('…');
  return lines;
}

/** Every code-like string in a structured failReason or error: code keys of objects, and string items of arrays. */
export function codesIn(value: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth > 4) return;
    if (typeof v === 'string') return void out.push(v);
    if (Array.isArray(v)) return v.forEach((item) => walk(item, depth + 1));
    if (typeof v === 'object' && v !== null) {
      const record = v as Record<string, unknown>;
      for (const key of CODE_KEYS) if (typeof record[key] === 'string') out.push(record[key]);
      for (const [key, item] of Object.entries(record))
        if (!CODE_KEYS.includes(key) && typeof item === 'object') walk(item, depth + 1);
    }
  };
  walk(value, 0);
  return [...new Set(out)];
}

/**
 * Explains a failReason in any shape the vendor may send (contract §9): a string verbatim; an object or array as
 * readable lines, with the first known code explained (else the first code found, else the JSON, as the code).
 */
export function describeFailReason(value: unknown): FailReasonExplanation | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return explainFailReason(value);
  const codes = codesIn(value);
  const known = codes.find(isKnownFailReason);
  const lines = readableLines(value);
  if (known) return { ...explainFailReason(known), lines };
  const code = codes[0] ?? JSON.stringify(value);
  return {
    code,
    known: false,
    label: code,
    explanation: `The provider gave a structured reason that Assure Desk does not recognise; it is shown as received.`,
    lines,
  };
}

/** A failReason value as one short text (a string verbatim; a structure by its first code, else its JSON). */
export function failReasonText(value: unknown): string | undefined {
  return describeFailReason(value)?.code;
}
