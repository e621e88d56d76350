import { describe, expect, it } from 'vitest';
import { disagreementAdvice, ruleForReader, withoutContractRefs } from './reader';

describe('ruleForReader', () => {
  it.each([
    [
      'chipVerification SUCCEEDED, chipCloneDetection FAILED → inconclusive (contract §5.1, documented)',
      'vendor',
    ],
    ['all Onfido breakdowns clear (a and b) → accepted (contract §5.2, assumed)', 'reading'],
    [
      'MRZ read → rejected (contract §5.4: a check failed → rejected, documented; any INVALID/MISMATCH, assumed)',
      'both',
    ],
    ['chip n/a → inconclusive (contract §5.1 [A])', 'reading'],
  ])('keeps the rule, drops the section number and names the basis: %s', (rule, basis) => {
    const readable = ruleForReader(rule);
    expect(readable.text).not.toMatch(/§|contract/);
    expect(readable.basis).toBe(basis);
    expect(readable.text).toContain('→');
  });

  it('keeps parentheses that are not contract references', () => {
    expect(
      ruleForReader('all Onfido breakdowns clear (a and b) → accepted (contract §5.2, assumed)').text,
    ).toBe('all Onfido breakdowns clear (a and b) → accepted');
    expect(withoutContractRefs('Assure sends it only for failed processes (contract §4).')).toBe(
      'Assure sends it only for failed processes.',
    );
  });
});

describe('disagreementAdvice', () => {
  it('tells what to do when nobody can review the case', () => {
    expect(disagreementAdvice('accepted')).toMatch(/cannot be decided here/);
    expect(disagreementAdvice('accepted')).toMatch(/operator/);
    expect(disagreementAdvice('inconclusive')).toMatch(/Review the case/);
  });
});
