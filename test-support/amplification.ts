import { startTestStack } from './stack';

/**
 * `clients` browsers poll the detail of the same `processes` non-final processes for `seconds`; returns how many
 * reads they made and how many Get process calls reached the sandbox (naive pass-through would be one per read).
 */
export async function measureAmplification(opts: {
  clients: number;
  processes: number;
  seconds: number;
  windowMs: number;
  db?: 'pglite' | 'postgres';
}) {
  const stack = await startTestStack({
    db: opts.db ?? 'pglite',
    sandbox: { dossiers: 5 },
    env: { FRESHNESS_WINDOW_MS: String(opts.windowMs) },
  });
  try {
    const created = Array.from({ length: opts.processes }, () =>
      stack.sandbox.control.createProcess({
        provider: 'readid',
        scenario: 'readid.accepted',
        stayPending: true,
      }),
    );
    for (const c of created) await stack.server.deps.sync.refresh(c.dossierId, c.processId);
    const clients = await Promise.all(
      Array.from({ length: opts.clients }, () => stack.server.login('reviewer')),
    );
    stack.sandbox.control.resetStats();
    const end = Date.now() + opts.seconds * 1000;
    let reads = 0;
    let failures = 0;
    await Promise.all(
      clients.map(async (client, i) => {
        while (Date.now() < end) {
          const c = created[(i + reads) % created.length]!;
          const res = await client.get(`/api/processes/${c.processId}`);
          if (res.status !== 200) failures++;
          await res.arrayBuffer();
          reads++;
        }
      }),
    );
    const upstream = stack.sandbox.control.stats().requests.getProcess;
    const bound = opts.processes * ((opts.seconds * 1000) / opts.windowMs) + opts.processes;
    return { reads, failures, upstream, bound };
  } finally {
    await stack.close();
  }
}
