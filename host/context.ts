/** What every service module gets: options of the running host and the shared parts (sandbox, secrets). */
import type { EventName, EventPayload } from '../shared/ipc/contract';
import type { Sandbox } from './sandbox/server';
import type { SecretStore } from './secrets';
import type { NativeShell } from './app-service';
import type { Confirm } from './confirm';
import type { WorkspaceAccess } from './workspace-access';

export interface ServiceOptions {
  host: 'electron' | 'browser';
  version: string;
  workspaceDir: string;
  dataDir: string;
  secrets: SecretStore;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Fixed sandbox port (tests); a free port otherwise. */
  sandboxPort?: number;
  /** The send check's worker-thread bundle (dist/…/verdict-worker.mjs); without it big checks run sliced on the main thread. */
  verdictWorker?: string;
  /** The desktop shell's dialogs and data folder (Electron only; absent in the browser host). */
  native?: NativeShell;
  /** Asks the person to confirm a change of destination or a new secret, where the renderer cannot answer for them. */
  confirm?: Confirm;
  /**
   * Which folders `workspace.open` accepts, and the recent list (host/workspace-access.ts). The
   * desktop app passes its own so drops and "open with" can grant folders before the services run;
   * otherwise one is made, keeping the list in `<dataDir>/recent-workspaces.json`.
   */
  workspaceAccess?: WorkspaceAccess;
}

export interface ServiceContext extends ServiceOptions {
  sandbox: Sandbox;
  workspaceAccess: WorkspaceAccess;
}
