/**
 * The UI side of the render worker: one worker for the app, a typed `post`, and one listener (the
 * renders store). Replies carry the generation they belong to; the store drops stale ones.
 */
import { crossesInParts, headOf, partOf } from '../../shared/data/parts';
import { nextTask } from '../lib/next-task';
import type { WorkerReply, WorkerRequest } from './render-protocol';

let worker: Worker | undefined;
let listener: ((r: WorkerReply) => void) | undefined;
/** Requests made while a data set goes over in parts: posted after its load, in order. */
let queued: WorkerRequest[] | undefined;

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./render-worker.ts', import.meta.url), { type: 'module', name: 'render-worker' });
    worker.onmessage = (e: MessageEvent<WorkerReply>) => listener?.(e.data);
    worker.onerror = (e) => listener?.({ type: 'error', gen: -1, message: e.message || 'the render worker failed' });
  }
  return worker;
}

/**
 * Sends a request to the render worker. A load with a big data set posts the set in parts, one per
 * task (posting a million users at once held the window for 3 s); what is asked meanwhile follows
 * the load, in order.
 */
export function postToWorker(m: WorkerRequest): void {
  if (queued) queued.push(m);
  else if (m.type === 'load' && m.data && crossesInParts(m.data)) void postInParts(m, m.data);
  else getWorker().postMessage(m);
}

async function postInParts(load: Extract<WorkerRequest, { type: 'load' }>, data: NonNullable<typeof load.data>): Promise<void> {
  queued = [];
  const w = getWorker();
  try {
    const head = headOf(data);
    w.postMessage({ type: 'data-head', gen: load.gen, head } satisfies WorkerRequest);
    for (let i = 0; i < head.parts; i++) {
      await nextTask();
      w.postMessage({ type: 'data-part', gen: load.gen, part: partOf(data, i) } satisfies WorkerRequest);
    }
    const { data: _whole, ...rest } = load;
    w.postMessage({ ...rest, dataInParts: true } satisfies WorkerRequest);
  } finally {
    const after = queued;
    queued = undefined;
    for (const m of after) postToWorker(m);
  }
}

/** Sets the one listener for worker replies. */
export function onWorkerReply(fn: (r: WorkerReply) => void): void {
  listener = fn;
}
