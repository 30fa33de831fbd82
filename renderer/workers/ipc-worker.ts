/**
 * The IPC worker (browser host only): makes the requests that carry a part of a big data set
 * (`data.part`), so their JSON, bytes and fetch are not made on the UI thread. At a million users
 * these were ~6 s of the UI thread while the full scan ran (scripts/bench-frames.mjs). Its own
 * policy allows requests to the host only (host/csp.ts `IPC_WORKER_POLICY`).
 */
import { postToHost } from '../api/http-post';
import type { IpcWorkerReply, IpcWorkerRequest } from './ipc-protocol';

self.onmessage = async (e: MessageEvent<IpcWorkerRequest>) => {
  const { seq, channel, args } = e.data;
  (self as unknown as Worker).postMessage({ seq, reply: await postToHost(channel, args) } satisfies IpcWorkerReply);
};
