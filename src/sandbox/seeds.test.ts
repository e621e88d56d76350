/**
 * The vendor's own ReadID Get process examples (seeds/000_6e9dd386338099b0.txt, copied into
 * fixtures/readid-get-process-examples.json): a sandbox process with the same checks must yield the same status
 * and the same field names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import examples from './fixtures/readid-get-process-examples.json';
import type { RunningSandbox } from './index';
import {
  chipCloneDetectionOf,
  chipVerificationOf,
  readIdStatus,
  type ChipResult,
  type IproovChecks,
} from './providers/readid';
import { AssureClient, asRecord, startTestSandbox, type JsonRecord } from './test-helpers';

let sandbox: RunningSandbox;
let api: AssureClient;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  api = new AssureClient(sandbox.url);
});
afterAll(async () => {
  await sandbox.close();
});

/** The scenario whose checks are the example's (chip results and iProov verdict). */
const SCENARIO_FOR: Record<string, string> = {
  accepted: 'readid.accepted',
  inconclusive: 'readid.cloneFailed',
  rejected: 'readid.chipFailed',
  acceptedIproov: 'readid.acceptedIproov',
  inconclusiveIproov: 'readid.iproovFailed',
};

const keys = (o: unknown): string[] => Object.keys(asRecord(o)).sort();

describe.each(examples.examples)('vendor example "$name"', ({ name, response }) => {
  const example = response as JsonRecord;
  const exampleElements = asRecord(example.providerSpecific);
  const cid = asRecord(exampleElements.consolidatedIdentityData);

  it('the sandbox rule gives the vendor status for the example checks', () => {
    const iproov = exampleElements.iproovSession
      ? (asRecord(exampleElements.iproovSession) as unknown as IproovChecks)
      : undefined;
    expect(
      readIdStatus(cid.chipVerification as ChipResult, cid.chipCloneDetection as ChipResult, iproov).status,
    ).toBe(example.status);
  });

  it('a sandbox process with the same checks has the same status and field names', async () => {
    const { dossierId, processId } = sandbox.control.createProcess({ scenario: SCENARIO_FOR[name] });
    sandbox.control.advance(processId, 'processing');
    sandbox.control.advance(processId, 'final');
    const view = await api.getProcess(dossierId, processId);

    expect(view.status).toBe(example.status);
    expect(keys(view)).toEqual(keys(example)); // finalResult only where the vendor has one
    const elements = asRecord(view.providerSpecific);
    for (const [element, value] of Object.entries(exampleElements)) {
      expect(keys(elements[element]), element).toEqual(keys(value));
    }
    // Same checks: chip results and iProov verdict as in the example.
    const ours = asRecord(elements.consolidatedIdentityData);
    expect(ours.chipVerification).toBe(cid.chipVerification);
    expect(ours.chipCloneDetection).toBe(cid.chipCloneDetection);
    if (exampleElements.iproovSession) {
      expect(asRecord(elements.iproovSession)).toMatchObject({
        passed: asRecord(exampleElements.iproovSession).passed,
        finished: true,
        hasError: false,
        enrollmentImageSource: 'Chip',
        iProovAssuranceType: 'GENUINE_PRESENCE',
      });
    } else {
      expect(elements).not.toHaveProperty('iproovSession');
    }
    if (example.finalResult) expect(keys(view.finalResult)).toEqual(keys(example.finalResult));
    // Value formats as in the example.
    expect(ours.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(ours.issuingCountry).toMatch(/^[A-Z]{3}$/);
    expect(['F', 'M', 'X']).toContain(ours.gender);
    expect(view.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});

describe('ReadID relationship (contract §5.1): chip results from the NFC statuses', () => {
  const base = {
    DS: 'PRESENT_SUCCEEDED',
    DSReason: 'SIGNATURE_CHECKED',
    CS: 'PRESENT_SUCCEEDED',
    CSReason: 'FOUND_A_CHAIN_SUCCEEDED',
    HT: 'PRESENT_SUCCEEDED',
    HTReason: 'ALL_HASHES_MATCH',
    AA: 'NOT_PRESENT',
    AAReason: 'NOT_SUPPORTED',
    EACCA: 'NOT_PRESENT',
    EACCAReason: 'NOT_SUPPORTED',
  } as const;
  it.each([
    [{}, 'SUCCEEDED', 'NOT_SUPPORTED'],
    [{ AA: 'PRESENT_SUCCEEDED' }, 'SUCCEEDED', 'SUCCEEDED'],
    [{ EACCA: 'PRESENT_SUCCEEDED' }, 'SUCCEEDED', 'SUCCEEDED'],
    [{ AA: 'PRESENT_FAILED' }, 'SUCCEEDED', 'FAILED'],
    [{ AA: 'PRESENT_SUCCEEDED', EACCA: 'PRESENT_FAILED' }, 'SUCCEEDED', 'SUCCEEDED'],
    [{ AA: 'UNKNOWN' }, 'SUCCEEDED', 'NOT_CHECKED'],
    [{ DS: 'PRESENT_FAILED' }, 'FAILED', 'NOT_SUPPORTED'],
    [{ CS: 'PRESENT_NOT_PERFORMED' }, 'FAILED', 'NOT_SUPPORTED'],
    [{ HT: 'PRESENT_FAILED', EACCA: 'PRESENT_SUCCEEDED' }, 'FAILED', 'SUCCEEDED'],
  ] as const)('%o → %s / %s', (override, verification, clone) => {
    const v = { ...base, ...override };
    expect(chipVerificationOf(v)).toBe(verification);
    expect(chipCloneDetectionOf(v)).toBe(clone);
  });
});
