/**
 * The browser-host transport: POST /ipc/<channel> (http-post.ts) and the event stream over
 * Server-Sent Events. The parts of a big data set go through the IPC worker, off the UI thread.
 */
import type { EventName, EventPayload, IpcReply, PreflightApi } from '../../shared/ipc/contract';
import type { IpcWorkerReply, IpcWorkerRequest } from '../workers/ipc-protocol';
import { postToHost } from './http-post';

/** Channels whose requests the IPC worker makes: each carries up to 10,000 users of a data set. */
const OFF_THREAD_CHANNELS: ReadonlySet<string> = new Set(['data.part']);

export function createHttpTransport(): PreflightApi {
  let source: EventSource | undefined;
  const offThread = createIpcWorker();
  return {
    invoke(channel, args) {
      return (OFF_THREAD_CHANNELS.has(channel) && offThread ? offThread(channel, args) : postToHost(channel, args)) as Promise<IpcReply<never>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      source ??= new EventSource('/events');
      const handler = (e: MessageEvent) => listener(JSON.parse(e.data as string) as EventPayload<E>);
      source.addEventListener(event, handler);
      return () => source?.removeEventListener(event, handler);
    },
  };
}

/**
 * Requests through the IPC worker, matched by sequence number; undefined where workers cannot start.
 * A worker that fails answers what it holds with `failed`, and the next request starts a new one.
 */
function createIpcWorker(): ((channel: string, args: unknown) => Promise<IpcReply<never>>) | undefined {
  if (typeof Worker === 'undefined') return undefined;
  let worker: Worker | undefined;
  let seq = 0;
  const pending = new Map<number, (r: IpcReply<never>) => void>();
  const start = () => {
    const w = new Worker(new URL('../workers/ipc-worker.ts', import.meta.url), { type: 'module', name: 'ipc-worker' });
    w.onmessage = (e: MessageEvent<IpcWorkerReply>) => {
      const answer = pending.get(e.data.seq);
      pending.delete(e.data.seq);
      answer?.(e.data.reply);
    };
    w.onerror = (e) => {
      e.preventDefault();
      const reply: IpcReply<never> = { ok: false, error: { code: 'failed', message: `the app host cannot be reached: ${e.message || 'the IPC worker failed'}` } };
      for (const answer of pending.values()) answer(reply);
      pending.clear();
      w.terminate();
      worker = undefined;
    };
    return w;
  };
  return (channel, args) => {
    const w = (worker ??= start());
    const n = ++seq;
    return new Promise((answer) => {
      pending.set(n, answer);
      w.postMessage({ seq: n, channel, args } satisfies IpcWorkerRequest);
    });
  };
}
