/**
 * The main-process services behind the IPC contract, with no Electron import: the same handlers
 * run inside Electron (electron/main.ts) and under the browser host (host/browser-host.ts).
 * Each domain contributes its handlers; this file starts the shared parts and joins them.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Handlers } from './ipc/dispatch';
import type { ServiceContext, ServiceOptions } from './context';
import { appHandlers } from './app-service';
import { platformHandlers } from './platform/service';
import { reviewHandlers } from './review-service';
import { startSandbox, type Sandbox } from './sandbox/server';
import { sandboxHandlers } from './sandbox/service';
import { createSending, SANDBOX_ENVIRONMENT_ID } from './send/service';
import { workspaceHandlers, type WorkspaceRef } from './workspace-service';
import { dataHandlers } from './data-service';
import { preferencesHandlers } from './preferences';
import { keptDataHandlers } from './kept-data';

export type { ServiceOptions } from './context';
export { SANDBOX_ENVIRONMENT_ID } from './send/service';

export interface Services {
  handlers: Handlers;
  sandbox: Sandbox;
  close(): Promise<void>;
}

/** Starts the sandbox, the webhook receiver and the send engine, and returns the handlers for every channel of the contract. */
export async function createServices(o: ServiceOptions): Promise<Services> {
  mkdirSync(o.dataDir, { recursive: true });
  const sandboxToken = randomBytes(24).toString('hex');
  await o.secrets.set(SANDBOX_ENVIRONMENT_ID, sandboxToken);
  mkdirSync(join(o.dataDir, 'sandbox'), { recursive: true });
  const sandbox = await startSandbox({
    port: o.sandboxPort,
    tokens: [sandboxToken],
    // The sandbox's durable record of every call it acted on (tokens masked).
    recordFile: join(o.dataDir, 'sandbox', 'calls.jsonl'),
    onCall: (call) => o.emit('sandbox.call', call),
  });
  const ctx: ServiceContext = { ...o, sandbox };
  const ref: WorkspaceRef = { dir: o.workspaceDir };
  const { close: closeWorkspace, ...workspace } = workspaceHandlers(ctx, ref);
  const sending = await createSending(ctx);
  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...workspace,
    ...reviewHandlers(ref),
    ...sending.handlers,
    ...sandboxHandlers(ctx),
    ...platformHandlers(ctx),
    ...dataHandlers(ref),
    ...preferencesHandlers(o.dataDir),
    ...keptDataHandlers(ref),
  };
  return {
    handlers,
    sandbox,
    close: async () => {
      closeWorkspace();
      await sending.close();
      await sandbox.close();
    },
  };
}
