/** The render worker: templates never run on the UI thread (renderer/workers/render-session.ts does the work). */
import { createRenderSession } from './render-session';
import type { WorkerReply, WorkerRequest } from './render-protocol';

const handle = createRenderSession((m: WorkerReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer));
self.onmessage = (e: MessageEvent<WorkerRequest>) => handle(e.data);
