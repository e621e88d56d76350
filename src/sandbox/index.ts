/**
 * The Assure sandbox: a faithful, living emulator of the Signicat Assure API (issue #3).
 * Shares no code with src/server or src/domain by design (contract preamble, STYLE.md).
 *
 *   const sandbox = await startSandbox({ port: 0, live: false });
 *   // token: `${sandbox.url}/auth/open/connect/token`, API: `${sandbox.url}/assure`, control: sandbox.control
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createSandboxApp } from './app';
import type { SandboxControl } from './control';
import type { SandboxOptions } from './options';

export { createSandboxApp, type SandboxApp } from './app';
export type { ControlProcessInput, ControlProcessResult, SandboxControl } from './control';
export type { Faults, FaultsPatch } from './faults';
export type { SandboxOptions } from './options';
export { SCENARIOS, type ScenarioSpec } from './scenarios';
export type { Stats } from './stats';
export { SIGNATURE_HEADER, type EventEnvelope } from './events';

export interface RunningSandbox {
  /** Origin, e.g. http://127.0.0.1:4010 (token URL `${url}/auth/open/connect/token`, API base `${url}/assure`). */
  url: string;
  port: number;
  control: SandboxControl;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = createSandboxApp(options);
  const { host, port } = sandbox.options;
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: sandbox.app.fetch, port, hostname: host }, () => resolve(s));
    s.once('error', (err: Error) => {
      sandbox.dispose();
      reject(err);
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    control: sandbox.control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        sandbox.dispose();
        server.close((err) => (err ? reject(err) : resolve()));
        // Do not wait for idle keep-alive connections of clients.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
