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

export interface FailReasonExplanation {
  /** The code exactly as received. */
  code: string;
  known: boolean;
  /** Friendly label for known codes; the code itself otherwise. */
  label: string;
  explanation: string;
}

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
