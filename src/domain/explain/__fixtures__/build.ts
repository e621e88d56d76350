// Small builders for test processes; values follow contract §4–§5.

let counter = 0;

/** A Get process response with the given provider, status and providerSpecific (omitted when undefined). */
export function buildProcess(
  provider: string,
  status: string,
  providerSpecific?: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  counter += 1;
  return {
    processId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    provider,
    status,
    createdAt: '2024-05-02T10:00:00Z',
    updatedAt: '2024-05-02T10:05:00Z',
    ...(providerSpecific === undefined ? {} : { providerSpecific }),
    ...extra,
  };
}

/** ReadID providerSpecific with the given chip values and optional iProov session (vendor example layout). */
export function readIdData(
  chipVerification: unknown,
  chipCloneDetection: unknown,
  iproovSession?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    consolidatedIdentityData: {
      chipVerification,
      chipCloneDetection,
      firstName: 'MARIA PAULA',
      lastName: 'SANTOS MENDES',
    },
    ...(iproovSession ? { iproovSession } : {}),
  };
}

export function iproov(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    attempts: 1,
    enrollmentImageSource: 'Chip',
    finished: true,
    hasError: false,
    passed: true,
    iProovAssuranceType: 'GENUINE_PRESENCE',
    ...overrides,
  };
}
