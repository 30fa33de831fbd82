/**
 * The main-process services behind the IPC contract, with no Electron import: the same handlers
 * run inside Electron (electron/main.ts) and under the browser host (host/browser-host.ts).
 * Each domain contributes its handlers; this file starts the shared parts and joins them.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Handlers } from './ipc/dispatch';
import { ensurePrivateDir, tightenDataDir } from './data-dir';
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
import { linkHandlers } from './links/service';
import { setSandboxSecret } from './secrets';
import { WorkspaceAccess } from './workspace-access';
import { HeldData, heldDataHandlers } from './held-data';

export type { ServiceOptions } from './context';
export { SANDBOX_ENVIRONMENT_ID } from './send/service';

export interface Services {
  handlers: Handlers;
  sandbox: Sandbox;
  workspaceAccess: WorkspaceAccess;
  close(): Promise<void>;
}

/** Starts the sandbox, the webhook receiver and the send engine, and returns the handlers for every channel of the contract. */
export async function createServices(o: ServiceOptions): Promise<Services> {
  // Private before anything is written into it (customers' values land here).
  tightenDataDir(o.dataDir);
  const sandboxToken = randomBytes(24).toString('hex');
  // The built-in sandbox's token lives for this run only, bound to the running sandbox.
  await setSandboxSecret(o.secrets, SANDBOX_ENVIRONMENT_ID, 'apptoken', sandboxToken);
  ensurePrivateDir(join(o.dataDir, 'sandbox'));
  const sandbox = await startSandbox({
    port: o.sandboxPort,
    tokens: [sandboxToken],
    // The sandbox's durable record of every call it acted on (tokens masked).
    recordFile: join(o.dataDir, 'sandbox', 'calls.jsonl'),
    onCall: (call) => o.emit('sandbox.call', call),
  });
  const workspaceAccess = o.workspaceAccess ?? new WorkspaceAccess({ recentFile: join(o.dataDir, 'recent-workspaces.json') });
  // The folder the app was started with is the person's own choice (command line, sample, last used).
  workspaceAccess.grant(o.workspaceDir);
  const ctx: ServiceContext = { ...o, sandbox, workspaceAccess };
  const ref: WorkspaceRef = { dir: o.workspaceDir };
  const { close: closeWorkspace, ...workspace } = workspaceHandlers(ctx, ref);
  // The data sets sends name by revision (issue 13): one place for the whole host.
  const held = new HeldData();
  const sending = await createSending(ctx, ref, held);
  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...workspace,
    ...reviewHandlers(ref),
    ...sending.handlers,
    ...sandboxHandlers(ctx),
    ...platformHandlers(ctx),
    ...dataHandlers(ref),
    ...heldDataHandlers(held),
    ...preferencesHandlers(o.dataDir),
    ...keptDataHandlers(ref, held),
    ...linkHandlers(),
  };
  return {
    handlers,
    sandbox,
    workspaceAccess,
    close: async () => {
      closeWorkspace();
      await sending.close();
      await sandbox.close();
    },
  };
}
