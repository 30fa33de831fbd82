/** Messages between the UI and the IPC worker (ipc-worker.ts): one request each way, matched by `seq`. */
import type { IpcReply } from '../../shared/ipc/contract';

export interface IpcWorkerRequest {
  seq: number;
  channel: string;
  args: unknown;
}

export interface IpcWorkerReply {
  seq: number;
  reply: IpcReply<never>;
}
