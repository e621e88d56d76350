import { describe, expect, it, vi } from 'vitest';
import { startTestStack } from '../../../test-support/stack';

describe('a retry whose answer from Assure is lost', () => {
  it('is reconciled on the repeat: the process Assure did create is adopted, no second one is made', async () => {
    // Reads and writes time out after 300 ms; the sandbox answers after 600 ms but has created the process by then.
    const stack = await startTestStack({
      db: 'pglite',
      sandbox: { dossiers: 3 },
      clientOptions: { timeoutMs: 300, backoffBaseMs: 5 },
    });
    try {
      const c = stack.sandbox.control.createProcess({
        provider: 'readid',
        scenario: 'readid.cloneFailed',
        stayPending: true,
      });
      stack.sandbox.control.advance(c.processId, 'final');
      await stack.server.deps.sync.refresh(c.dossierId, c.processId);
      const operator = await stack.server.login('operator');
      const post = () =>
        operator.request(
          'POST',
          `/api/dossiers/${c.dossierId}/retries`,
          {},
          { headers: { 'idempotency-key': 'lost-answer-1' } },
        );

      stack.sandbox.control.resetStats();
      stack.sandbox.control.setFaults({ latencyMs: 600 });
      const first = await post();
      expect(first.status).toBe(502);
      expect(((await first.json()) as { error: { code: string } }).error.code).toBe('retry_unconfirmed');
      // The sandbox finishes creating it: its late 201 answer, which the server no longer waits for, is counted.
      await vi.waitFor(() => expect(stack.sandbox.control.stats().responses['201']).toBe(1), {
        timeout: 5000,
      });
      stack.sandbox.control.resetFaults();

      const again = await post();
      expect(again.status).toBe(201);
      const body = (await again.json()) as { processId: string };
      const upstream = (stack.sandbox.control.process(body.processId) as { processId: string }).processId;
      expect(upstream).toBe(body.processId);
      expect(stack.sandbox.control.stats().requests.createProcess).toBe(1);
      // And the same key keeps answering the same process.
      expect(((await (await post()).json()) as { processId: string }).processId).toBe(body.processId);
    } finally {
      await stack.close();
    }
  }, 30_000);
});
