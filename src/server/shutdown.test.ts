import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { eventually, startTestStack } from '../../test-support/stack';

describe('graceful shutdown', () => {
  it('finishes a request in flight, then stops accepting', async () => {
    const stack = await startTestStack({ db: 'pglite', sandbox: { dossiers: 3 } });
    const c = stack.sandbox.control.createProcess({
      provider: 'readid',
      scenario: 'readid.accepted',
      stayPending: true,
    });
    await stack.server.deps.sync.refresh(c.dossierId, c.processId);
    const reviewer = await stack.server.login('reviewer');
    // The snapshot made older than the freshness window (instead of waiting it out): the next read refreshes it.
    await stack.server.deps.database.db.execute(
      sql`UPDATE processes SET synced_at = synced_at - interval '1 hour' WHERE process_id = ${c.processId}`,
    );
    stack.sandbox.control.setFaults({ latencyMs: 800 }); // the detail read now waits on a slow upstream
    stack.sandbox.control.resetStats();
    const inFlight = reviewer.get(`/api/processes/${c.processId}`);
    await eventually(async () => stack.sandbox.control.stats().requests.getProcess > 0, 5000, 10); // it is in flight
    const closing = stack.server.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    await closing;
    await expect(reviewer.get('/api/health')).rejects.toThrow();
    await stack.sandbox.close();
  }, 30_000);
});
