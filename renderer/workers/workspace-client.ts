/**
 * The UI side of the workspace worker: one worker for the app, requests matched by sequence number.
 * Campaign files are loaded in the worker; the data files are read here (workspace-protocol.ts says
 * why). Where workers cannot start (a test environment without them), everything runs here.
 */
import type { WorkspaceSnapshot } from '../../shared/ipc/contract';
import type { LoadedCampaign } from '../../shared/campaign/load';
import { interpretWorkspace, loadCampaignFiles, type WorkspaceModel } from '../../shared/workspace/model';
import type { WorkspaceReply, WorkspaceRequest } from './workspace-protocol';

let worker: Worker | undefined;
let seq = 0;
const pending = new Map<number, { ok(m: LoadedCampaign[]): void; fail(e: Error): void }>();

function getWorker(): Worker | undefined {
  if (worker || typeof Worker === 'undefined') return worker;
  worker = new Worker(new URL('./workspace-worker.ts', import.meta.url), { type: 'module', name: 'workspace-worker' });
  worker.onmessage = (e: MessageEvent<WorkspaceReply>) => {
    const p = pending.get(e.data.seq);
    if (!p) return;
    pending.delete(e.data.seq);
    if ('error' in e.data) p.fail(new Error(e.data.error));
    else p.ok(e.data.loaded);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    const err = new Error(e.message || 'the workspace worker failed');
    for (const p of pending.values()) p.fail(err);
    pending.clear();
    // A new worker is started for the next request.
    worker?.terminate();
    worker = undefined;
  };
  return worker;
}

/** Loads campaign files in the workspace worker. */
function loadInWorker(files: { path: string; text: string }[]): Promise<LoadedCampaign[]> {
  const w = getWorker();
  if (!w) return Promise.resolve(loadCampaignFiles(files));
  const n = ++seq;
  return new Promise((ok, fail) => {
    pending.set(n, { ok, fail });
    w.postMessage({ seq: n, files } satisfies WorkspaceRequest);
  });
}

/** The workspace model of a snapshot: its campaign files loaded in the workspace worker. */
export async function interpretInWorker(snapshot: WorkspaceSnapshot): Promise<WorkspaceModel> {
  return interpretWorkspace(snapshot, await loadInWorker(snapshot.campaigns));
}
