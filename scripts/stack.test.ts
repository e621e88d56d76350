import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sandboxStateFile } from './stack';

describe('demo mode', () => {
  it('keeps the sandbox state next to a real database, and none for a throwaway memory:// one', () => {
    expect(sandboxStateFile('/srv/assure-desk')).toBe(join('/srv/assure-desk', 'sandbox-state.json'));
    expect(sandboxStateFile('memory://')).toBeUndefined();
  });
});
