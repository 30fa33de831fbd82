/**
 * The main-process services behind the IPC contract, with no Electron import: the same handlers
 * run inside Electron (electron/main.ts) and under the browser host (host/browser-host.ts).
 * Each domain contributes its handlers; this file starts the shared parts and joins them.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Handlers } from './ipc/dispatch';
import type { ServiceContext, ServiceOptions } from './context';
import { startSandbox, type Sandbox } from './sandbox/server';
import { sandboxHandlers } from './sandbox/service';
import { sendHandlers, SANDBOX_ENVIRONMENT_ID } from './send/service';
import { workspaceHandlers } from './workspace-service';

export type { ServiceOptions } from './context';
export { SANDBOX_ENVIRONMENT_ID } from './send/service';

export interface Services {
  handlers: Handlers;
  sandbox: Sandbox;
  close(): Promise<void>;
}

/** Starts the sandbox and returns the handlers for every channel of the contract. */
export async function createServices(o: ServiceOptions): Promise<Services> {
  mkdirSync(o.dataDir, { recursive: true });
  const sandboxToken = randomBytes(24).toString('hex');
  await o.secrets.set(SANDBOX_ENVIRONMENT_ID, sandboxToken);
  const sandbox = await startSandbox({ port: o.sandboxPort, tokens: [sandboxToken], onCall: (call) => o.emit('sandbox.call', call) });
  const ctx: ServiceContext = { ...o, sandbox };
  const handlers: Handlers = {
    'app.info': async () => ({ version: o.version, host: o.host, dataDir: o.dataDir }),
    ...workspaceHandlers(ctx),
    ...sendHandlers(ctx),
    ...sandboxHandlers(ctx),
  };
  return { handlers, sandbox, close: () => sandbox.close() };
}
