/**
 * The renderer's one way to the main process: the preload's contract in Electron, the HTTP transport
 * under the browser host. Both have the same type, derived from shared/ipc/contract.ts.
 */
import type { ChannelArgs, ChannelName, ChannelResult, IpcError, PreflightApi } from '../../shared/ipc/contract';
import { createHttpTransport } from './http-transport';

declare global {
  interface Window {
    preflight?: PreflightApi;
  }
}

// `typeof window`: stores that import this module are unit-tested in Node, where there is no window (the transport is then never used).
export const api: PreflightApi = (typeof window !== 'undefined' ? window.preflight : undefined) ?? createHttpTransport();

/** An IPC error as an exception the UI can show (message and the first issue's place). */
export class IpcCallError extends Error {
  constructor(readonly error: IpcError) {
    super(error.issues?.length ? `${error.message}: ${error.issues.map((i) => `${i.path} ${i.message}`).join('; ')}` : error.message);
  }
}

/** Invokes a channel and unwraps the reply, throwing IpcCallError on a typed error. */
export async function call<C extends ChannelName>(channel: C, args: ChannelArgs<C>): Promise<ChannelResult<C>> {
  const reply = await api.invoke(channel, args);
  if (!reply.ok) throw new IpcCallError(reply.error);
  return reply.value;
}
