/**
 * The main-process services behind the IPC contract, with no Electron import: the same handlers
 * run inside Electron (electron/ipc.ts) and under the browser host (host/browser-host.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { EnvironmentInfo, EventName, EventPayload } from '../shared/ipc/contract';
import { buildExecuteBodies } from '../shared/send/request';
import type { Handlers } from './ipc/dispatch';
import { readWorkspace } from './workspace';
import { startSandbox, type Sandbox } from './sandbox/server';
import type { SecretStore } from './secrets';
import { executeSend } from './send/execute';

export interface ServiceOptions {
  host: 'electron' | 'browser';
  version: string;
  workspaceDir: string;
  dataDir: string;
  secrets: SecretStore;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Fixed sandbox port (tests); a free port otherwise. */
  sandboxPort?: number;
}

export interface Services {
  handlers: Handlers;
  sandbox: Sandbox;
  close(): Promise<void>;
}

export const SANDBOX_ENVIRONMENT_ID = 'sandbox';

/** Starts the sandbox and returns the handlers for every channel of the contract. */
export async function createServices(o: ServiceOptions): Promise<Services> {
  mkdirSync(o.dataDir, { recursive: true });
  const sandboxToken = randomBytes(24).toString('hex');
  await o.secrets.set(SANDBOX_ENVIRONMENT_ID, sandboxToken);
  const sandbox = await startSandbox({ port: o.sandboxPort, tokens: [sandboxToken], onCall: (call) => o.emit('sandbox.call', call) });
  let workspaceDir = o.workspaceDir;

  const environments = async (): Promise<EnvironmentInfo[]> => [
    { id: SANDBOX_ENVIRONMENT_ID, name: 'Sandbox', baseUrl: sandbox.url, production: false, hasToken: await o.secrets.has(SANDBOX_ENVIRONMENT_ID), builtin: true },
  ];

  const handlers: Handlers = {
    'app.info': async () => ({ version: o.version, host: o.host, dataDir: o.dataDir }),
    'workspace.open': async ({ dir }) => {
      const snapshot = await readWorkspace(dir ?? workspaceDir);
      if (!snapshot.diagnostics.some((d) => d.code === 'workspace-missing')) workspaceDir = snapshot.dir;
      return snapshot;
    },
    'workspace.current': async () => readWorkspace(workspaceDir),
    'environments.list': environments,
    'send.execute': async ({ environmentId, campaignId, data, batchSize, confirmation }) => {
      const env = (await environments()).find((e) => e.id === environmentId);
      if (!env) throw new Error(`unknown environment "${environmentId}"`);
      if (confirmation.environmentId !== environmentId || confirmation.campaignId !== campaignId || confirmation.recipients !== data.target.length)
        throw new Error('the confirmation does not match this send (environment, campaign id or recipient count differ); nothing was sent');
      const token = await o.secrets.get(environmentId);
      if (!token) throw new Error(`no app token is stored for environment "${env.name}"; nothing was sent`);
      const bodies = buildExecuteBodies(campaignId, data, batchSize);
      return executeSend({
        baseUrl: env.baseUrl,
        token,
        environment: env.id,
        campaignId,
        bodies,
        onProgress: (done, total) => o.emit('send.progress', { sendId: '', done, total }),
      });
    },
    'sandbox.calls': async ({ since }) => sandbox.calls().filter((c) => c.seq > (since ?? 0)),
    'sandbox.reset': async () => ({ cleared: sandbox.reset() }),
  };

  return { handlers, sandbox, close: () => sandbox.close() };
}
