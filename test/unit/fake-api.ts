/**
 * A stand-in for the renderer's one boundary to the host (renderer/api/client.ts's `api`), for
 * store tests in Node: channels answer as the host's typed replies do, events are pushed as the
 * host pushes them, and the client's own `call` and IpcCallError unwrap the replies. The real host,
 * sandbox and Chromium are the e2e suite's.
 */
import type { IpcReply } from '../../shared/ipc/contract';

export interface FakeHost {
  handlers: Record<string, (args: unknown) => IpcReply<unknown> | Promise<IpcReply<unknown>>>;
  listeners: Map<string, Set<(p: unknown) => void>>;
  calls: { channel: string; args: unknown }[];
}

export const fakeHost: FakeHost = { handlers: {}, listeners: new Map(), calls: [] };

/** The client module with its transport replaced by the fake host (use in a vi.mock factory). */
export async function fakeClient(original: () => Promise<typeof import('../../renderer/api/client')>) {
  const real = await original();
  const api = {
    invoke: async (channel: string, args: unknown): Promise<IpcReply<unknown>> => {
      fakeHost.calls.push({ channel, args });
      const h = fakeHost.handlers[channel];
      return h ? h(args) : { ok: false, error: { code: 'failed', message: `no handler for ${channel}` } };
    },
    on: (event: string, fn: (p: unknown) => void) => {
      const set = fakeHost.listeners.get(event) ?? new Set();
      fakeHost.listeners.set(event, set);
      set.add(fn);
      return () => void set.delete(fn);
    },
  };
  return {
    ...real,
    api,
    call: async (channel: string, args: unknown) => {
      const reply = await api.invoke(channel, args);
      if (!reply.ok) throw new real.IpcCallError(reply.error);
      return reply.value;
    },
  };
}

/** Pushes a host event to the renderer's listeners. */
export const push = (event: string, payload: unknown) => fakeHost.listeners.get(event)?.forEach((fn) => fn(payload));
/** How many listeners the renderer holds for an event. */
export const listening = (event: string) => fakeHost.listeners.get(event)?.size ?? 0;
/** A handler answering this value. */
export const ok = (value: unknown) => () => ({ ok: true as const, value });
/** A handler answering this typed error. */
export const fails = (code: 'failed' | 'forbidden' | 'invalid-arguments' | 'already-running' | 'stale-data', message: string, issues?: { path: string; message: string }[]) => () => ({ ok: false as const, error: { code, message, ...(issues ? { issues } : {}) } });
/** Lets queued promise callbacks and zero-delay timers run. */
export const flush = () => new Promise((r) => setTimeout(r, 0));
/** Forgets handlers and calls (listeners stay: they are the stores' to remove). */
export function resetFakeHost() {
  fakeHost.handlers = {};
  fakeHost.calls = [];
}
