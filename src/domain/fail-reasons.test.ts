import { describe, expect, it } from 'vitest';
import { explainFailReason, isKnownFailReason } from './fail-reasons';

describe('failReason (contract §4, §7)', () => {
  it.each([
    ['timeout', 'Timed out'],
    ['cameraAccessDenied', 'Camera access denied'],
    ['userAborted', 'End-user left'],
    ['technicalError', 'Technical error'],
    ['documentNotSupported', 'Document not supported'],
    ['chipReadFailed', 'Chip could not be read'],
  ])('%s is known as "%s"', (code, label) => {
    const explanation = explainFailReason(code);
    expect(explanation).toMatchObject({ code, known: true, label });
    expect(explanation.explanation.length).toBeGreaterThan(20);
  });

  it.each(['TIMEOUT', 'server_error', 'toString', 'constructor', ''])(
    '%j is shown verbatim as unknown',
    (code) => {
      expect(isKnownFailReason(code)).toBe(false);
      expect(explainFailReason(code)).toMatchObject({ code, known: false, label: code });
      expect(explainFailReason(code).explanation).toContain(`"${code}"`);
    },
  );
});
