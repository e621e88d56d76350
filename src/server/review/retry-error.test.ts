import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '../../../test-support/stack';
import { captureLog } from '../../../test-support/test-server';

// Issue #15: what reaches the browser is our own wording, never an upstream answer's or a database error's text.
describe('the retry after a decision, when Assure refuses it', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  const logged = captureLog();
  beforeAll(async () => {
    stack = await startTestStack({ db: 'pglite', sandbox: { dossiers: 2 }, log: logged.log });
  });
  afterAll(async () => stack?.close());

  it('tells the reviewer in our words, and logs the upstream kind for operators', async () => {
    const c = stack.sandbox.control.createProcess({
      provider: 'readid',
      scenario: 'readid.cloneFailed',
      stayPending: true,
    });
    stack.sandbox.control.advance(c.processId, 'final');
    await stack.server.deps.sync.refresh(c.dossierId, c.processId);
    // Assure deleted the dossier meanwhile (retention): its create-process call answers 404 with its own problem text.
    stack.sandbox.control.expireDossier(c.dossierId);
    const reviewer = await stack.server.login('reviewer');
    expect((await reviewer.request('POST', `/api/processes/${c.processId}/claim`, {})).status).toBe(200);
    const res = await reviewer.json<{ outcome: string; retryError?: string }>(
      'POST',
      `/api/processes/${c.processId}/decisions`,
      {
        outcome: 'retry',
        reasonCode: 'retry_requested',
      },
    );
    expect(res.status).toBe(201);
    expect(res.body.retryError).toBe('Assure no longer holds this dossier, so no retry was started.');
    expect(
      logged.lines.some((l) => l.includes('retry after a decision not started') && l.includes('not_found')),
    ).toBe(true);
  });
});
