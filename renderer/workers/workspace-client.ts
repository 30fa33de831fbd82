/**
 * The UI side of the workspace worker: one worker for the app, requests matched by sequence number.
 * Where workers cannot start (a test environment without them), the snapshot is interpreted here.
 */
import type { WorkspaceSnapshot } from '../../shared/ipc/contract';
import { interpretWorkspace, type WorkspaceModel } from '../../shared/workspace/model';
import type { WorkspaceReply, WorkspaceRequest } from './workspace-protocol';

let worker: Worker | undefined;
let seq = 0;
const pending = new Map<number, { ok(m: WorkspaceModel): void; fail(e: Error): void }>();

function getWorker(): Worker | undefined {
  if (worker || typeof Worker === 'undefined') return worker;
  worker = new Worker(new URL('./workspace-worker.ts', import.meta.url), { type: 'module', name: 'workspace-worker' });
  worker.onmessage = (e: MessageEvent<WorkspaceReply>) => {
    const p = pending.get(e.data.seq);
    if (!p) return;
    pending.delete(e.data.seq);
    if ('error' in e.data) p.fail(new Error(e.data.error));
    else p.ok(e.data.model);
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

/** The workspace model of a snapshot, interpreted in the workspace worker. */
export function interpretInWorker(snapshot: WorkspaceSnapshot): Promise<WorkspaceModel> {
  const w = getWorker();
  if (!w) return Promise.resolve(interpretWorkspace(snapshot));
  const n = ++seq;
  return new Promise((ok, fail) => {
    pending.set(n, { ok, fail });
    w.postMessage({ seq: n, snapshot } satisfies WorkspaceRequest);
  });
}
