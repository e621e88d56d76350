import { describe, expect, it } from 'vitest';
import { explainProcess } from './explain';
import { describeFailReason } from './fail-reasons';
import { processSchema } from './process';
import { providerErrors } from './provider-errors';

// Contract §9: what the real service may send, read liberally.
describe('reading a Get process answer liberally', () => {
  it('reads explicit nulls as absent, at the top and inside elements', () => {
    const parsed = processSchema.parse({
      processId: 'p1',
      provider: 'signicatpaper',
      status: 'pending',
      processType: null,
      providerSpecific: null,
      finalResult: null,
      failReason: null,
    });
    expect(parsed).toEqual({ processId: 'p1', provider: 'signicatpaper', status: 'pending' });
    const inner = processSchema.parse({
      processId: 'p1',
      provider: 'signicatpaper',
      status: 'accepted',
      providerSpecific: { mrz: null, features: { firstName: 'Kari', middleName: null } },
    });
    expect(inner.providerSpecific).toEqual({ features: { firstName: 'Kari' } });
  });

  it('never keeps the SDK authorization token of a Create process answer', () => {
    const parsed = processSchema.parse({
      processId: 'p1',
      provider: 'onfido',
      status: 'pending',
      authorization: 'sdk-secret',
    });
    expect(parsed).not.toHaveProperty('authorization');
    expect(JSON.stringify(parsed)).not.toContain('sdk-secret');
  });

  it('keeps unknown fields and elements', () => {
    const parsed = processSchema.parse({
      processId: 'p1',
      provider: 'onfido',
      status: 'accepted',
      riskLevel: 'low',
      providerSpecific: { deviceIntel: { score: 1 } },
    });
    expect(parsed).toMatchObject({ riskLevel: 'low', providerSpecific: { deviceIntel: { score: 1 } } });
  });

  it('accepts failReason as a string, an object or an array', () => {
    for (const failReason of ['timeout', { code: 'timeout' }, [{ code: 'timeout' }], ['timeout', 'x']]) {
      expect(
        processSchema.safeParse({ processId: 'p', provider: 'onfido', status: 'failed', failReason }).success,
      ).toBe(true);
    }
  });
});

describe('failReason in any shape', () => {
  it('shows a string verbatim and explains a known one', () => {
    expect(describeFailReason('timeout')).toMatchObject({ code: 'timeout', known: true, label: 'Timed out' });
    expect(describeFailReason('SESSION_GONE')).toMatchObject({ code: 'SESSION_GONE', known: false });
    expect(describeFailReason('timeout')?.lines).toBeUndefined();
  });

  it('shows an object as key/value lines and explains its known code', () => {
    expect(
      describeFailReason({
        code: 'cameraAccessDenied',
        message: 'User said no',
        details: { retryable: true },
      }),
    ).toMatchObject({
      code: 'cameraAccessDenied',
      known: true,
      label: 'Camera access denied',
      lines: ['code: cameraAccessDenied', 'message: User said no', 'details.retryable: true'],
    });
  });

  it('shows an array item by item, explaining the first known code', () => {
    const explained = describeFailReason([{ code: 'VENDOR_X', message: 'first' }, 'chipReadFailed']);
    expect(explained).toMatchObject({
      code: 'chipReadFailed',
      known: true,
      lines: ['1.code: VENDOR_X', '1.message: first', '2: chipReadFailed'],
    });
  });

  it('shows an unknown structure as received, with its first code as the code', () => {
    expect(describeFailReason({ reason: 'VENDOR_Y' })).toMatchObject({
      code: 'VENDOR_Y',
      known: false,
      lines: ['reason: VENDOR_Y'],
    });
    expect(describeFailReason({ text: 'no code here' })).toMatchObject({
      code: '{"text":"no code here"}',
      known: false,
    });
  });

  it('explains a failed process whose failReason is an object', () => {
    const explanation = explainProcess({
      processId: 'p',
      provider: 'onfido',
      processType: 'document',
      status: 'failed',
      failReason: { code: 'timeout', message: 'idle' },
    });
    expect(explanation.failReason).toMatchObject({
      code: 'timeout',
      known: true,
      lines: ['code: timeout', 'message: idle'],
    });
    expect(explanation.summary).toContain('Timed out');
    expect(explanation.notices.join(' ')).not.toContain('[object Object]');
  });
});

describe('providerSpecific.errors', () => {
  it("is the provider's error list, each error readable whatever its shape", () => {
    const process = {
      providerSpecific: {
        errors: [{ code: 'MRZ_INVALID', field: 'documentNumber' }, 'Blurry image', { code: 'timeout' }],
      },
    };
    expect(providerErrors(process)).toEqual([
      { lines: ['code: MRZ_INVALID', 'field: documentNumber'], code: 'MRZ_INVALID' },
      { lines: ['Blurry image'], code: 'Blurry image' },
      { lines: ['code: timeout'], code: 'timeout', explanation: expect.stringContaining('inactive') },
    ]);
    expect(providerErrors({ providerSpecific: {} })).toEqual([]);
    expect(providerErrors({ providerSpecific: { errors: null } })).toEqual([]);
  });

  it('is announced in the explanation', () => {
    const explanation = explainProcess({
      processId: 'p',
      provider: 'signicatpaper',
      status: 'rejected',
      providerSpecific: { verification: { type: 'MRZ_FEATURE_COMPARISON', status: 'false' }, errors: ['e1'] },
    });
    expect(explanation.notices).toContain(
      "The provider reported an error (providerSpecific.errors), shown in the provider's error list.",
    );
  });
});

describe('an unrecognised status', () => {
  it('is shown as received, not final, and explained without a crash', () => {
    const explanation = explainProcess({
      processId: 'p',
      provider: 'onfido',
      processType: 'document',
      status: 'not_matched',
    });
    expect(explanation.upstreamStatus).toBe('not_matched');
    expect(explanation.notices).toContain("Status 'not_matched' is not recognised; it is shown as received.");
    expect(explanation.notices.join(' ')).toContain('not counted as final');
  });
});
