import { describe, expect, it } from 'vitest';
import { withRevealed } from './with-revealed';

describe('withRevealed', () => {
  const masked = {
    processId: 'p-1',
    providerSpecific: {
      consolidatedIdentityData: { documentNumber: '•••', firstName: 'OLA' },
      persons: [{ nin: '•••' }, { nin: '•••' }],
    },
  };

  it('puts revealed values back at their paths, in objects and lists, without changing the process it was given', () => {
    const shown = withRevealed(masked, [
      { path: 'providerSpecific.consolidatedIdentityData.documentNumber', value: 'NO1234567' },
      { path: 'providerSpecific.persons[1].nin', value: '01017012345' },
    ]);
    expect(shown.providerSpecific.consolidatedIdentityData).toEqual({
      documentNumber: 'NO1234567',
      firstName: 'OLA',
    });
    expect(shown.providerSpecific.persons).toEqual([{ nin: '•••' }, { nin: '01017012345' }]);
    expect(masked.providerSpecific.consolidatedIdentityData.documentNumber).toBe('•••');
    expect(masked.providerSpecific.persons[1]!.nin).toBe('•••');
  });

  it('skips a path that does not lead into the process rather than inventing one', () => {
    const shown = withRevealed(masked, [
      { path: 'providerSpecific.elsewhere.documentNumber', value: 'X' },
      { path: 'providerSpecific.persons[5].nin', value: 'Y' },
      { path: 'providerSpecific.consolidatedIdentityData.nin', value: 'Z' },
    ]);
    expect(shown).toEqual(masked);
  });
});
