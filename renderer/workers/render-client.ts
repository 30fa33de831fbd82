/**
 * The UI side of the render worker: one worker for the app, a typed `post`, and one listener (the
 * renders store). Replies carry the generation they belong to; the store drops stale ones.
 */
import type { WorkerReply, WorkerRequest } from './render-protocol';

let worker: Worker | undefined;
let listener: ((r: WorkerReply) => void) | undefined;

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./render-worker.ts', import.meta.url), { type: 'module', name: 'render-worker' });
    worker.onmessage = (e: MessageEvent<WorkerReply>) => listener?.(e.data);
    worker.onerror = (e) => listener?.({ type: 'error', gen: -1, message: e.message || 'the render worker failed' });
  }
  return worker;
}

/** Sends a request to the render worker. */
export function postToWorker(m: WorkerRequest): void {
  getWorker().postMessage(m);
}

/** Sets the one listener for worker replies. */
export function onWorkerReply(fn: (r: WorkerReply) => void): void {
  listener = fn;
}
