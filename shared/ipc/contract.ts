/**
 * The typed process boundary: every channel with a zod schema for its arguments and its result,
 * and every event the main side pushes. Channel groups live in ./channels (one file per domain);
 * this file joins them. The preload, the Electron registration, the browser-host transport and the
 * renderer's API type are all derived from the joined map. What each channel lets a caller do
 * (read, edit the workspace, secrets, send, sandbox control…) is in ./capabilities.ts.
 */
import { z } from 'zod';
import { appChannels, appEvents } from './channels/app';
import { workspaceChannels, workspaceEvents } from './channels/workspace';
import { reviewChannels } from './channels/review';
import { sendChannels, sendEvents } from './channels/send';
import { sandboxChannels, sandboxEvents } from './channels/sandbox';
import { platformChannels } from './channels/platform';
import { dataChannels } from './channels/data';
import { preferencesChannels } from './channels/preferences';
import { linksChannels } from './channels/links';

export * from './schemas';
export { CAPABILITIES, channelCapabilities, type Capability, type ChannelCapability } from './capabilities';
export { sandboxCallSchema, type SandboxCall } from './channels/sandbox';

/** Every request/response channel: name → { args, result }. */
export const channels = {
  ...appChannels,
  ...workspaceChannels,
  ...reviewChannels,
  ...sendChannels,
  ...sandboxChannels,
  ...platformChannels,
  ...dataChannels,
  ...preferencesChannels,
  ...linksChannels,
} as const;

/** Events the main side pushes to the renderer. */
export const events = {
  ...appEvents,
  ...workspaceEvents,
  ...sendEvents,
  ...sandboxEvents,
} as const;

export type ChannelMap = typeof channels;
export type ChannelName = keyof ChannelMap;
export type ChannelArgs<C extends ChannelName> = z.input<ChannelMap[C]['args']>;
export type ChannelResult<C extends ChannelName> = z.output<ChannelMap[C]['result']>;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/**
 * A typed error crossing the boundary (never a stack trace). `already-running`: another request is
 * changing the same send right now (started, resumed, cancelled, skipped or re-sent); nothing was done.
 * `stale-data`: the data revision named is not held by the host (any more): post the data set again
 * (`data.set`). `too-large`: more data than the host holds for a send.
 */
export const ipcErrorSchema = z.object({
  code: z.enum(['invalid-channel', 'invalid-arguments', 'forbidden', 'failed', 'already-running', 'stale-data', 'too-large']),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

/** Every reply is an envelope, so errors are values on both transports. */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** What the renderer gets: from the preload in Electron, from the HTTP transport in the browser host. */
export interface PreflightApi {
  invoke<C extends ChannelName>(channel: C, args: ChannelArgs<C>): Promise<IpcReply<ChannelResult<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** True for a channel name in the contract. */
export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
