/** The UI side of the render worker: one worker, promise-based requests, latest-wins by caller. */
import type { RenderReply, RenderRequest } from './render-protocol';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, (r: RenderReply) => void>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./render-worker.ts', import.meta.url), { type: 'module', name: 'render-worker' });
    worker.onmessage = (e: MessageEvent<RenderReply>) => {
      pending.get(e.data.id)?.(e.data);
      pending.delete(e.data.id);
    };
  }
  return worker;
}

/** Renders in the worker; resolves with the worker's reply (errors are values). */
export function renderInWorker(req: Omit<RenderRequest, 'id'>): Promise<RenderReply> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    getWorker().postMessage({ ...req, id });
  });
}
