import { describe, expect, it } from 'vitest';
import { checkPostgres } from './databases';

// Nothing listens on port 1 of the loopback: the connection is refused at once.
const CLOSED = 'postgres://postgres@127.0.0.1:1/test';

describe('the PostgreSQL variants when the database is unreachable', () => {
  it('fail under CI instead of being skipped', async () => {
    await expect(checkPostgres(CLOSED, true)).rejects.toThrow(/unreachable under CI=true/);
  });

  it('are skipped (with a warning) on a developer machine', async () => {
    await expect(checkPostgres(CLOSED, false)).resolves.toBe(false);
  });
});
