import { startTestStack } from './stack';

/** Signed-in browsers the clients are spread over (see below). */
const BROWSERS = 5;

/**
 * `clients` browser tabs poll the detail of the same `processes` non-final processes for `seconds`; returns how many
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
    // Each sign-in costs a scrypt hash (128 MiB, about half a second of CPU): fifty of them took most of the test's
    // minute on two cores. Sessions do not change what is measured (upstream calls per process), so the clients are
    // tabs of a few signed-in browsers: each browser's cookie shared by the tabs, as a browser's tabs share it.
    const browsers = await Promise.all(
      Array.from({ length: Math.min(BROWSERS, opts.clients) }, () => stack.server.login('reviewer')),
    );
    const clients = Array.from({ length: opts.clients }, (_, i) => {
      const tab = stack.server.client();
      tab.cookie = browsers[i % browsers.length]!.cookie;
      return tab;
    });
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
