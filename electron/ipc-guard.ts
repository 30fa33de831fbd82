/**
 * The sender check every IPC handler goes through (electron/fiddle's `ipcMainManager` idea): a
 * message is handled only when it comes from the app's own top-level page. Email previews
 * (subframes), pages the window was somehow navigated to, and destroyed frames are refused with a
 * typed `forbidden` reply. Takes a minimal event shape, so it is tested without Electron.
 */
import type { IpcReply } from '../shared/ipc/contract';
import { isAppUrl } from './guards';

/** The part of Electron's `IpcMainInvokeEvent` the check reads. */
export interface SenderEvent {
  senderFrame?: { url: string; parent: unknown } | null;
}

/** Why a sender is refused, or undefined when it is the app's own top-level page. */
export function senderRefusal(event: SenderEvent, appUrl: string): string | undefined {
  const frame = event.senderFrame;
  if (!frame) return 'IPC from a frame that no longer exists';
  if (frame.parent) return 'IPC from a subframe (only the app page may call the main process)';
  if (!isAppUrl(frame.url, appUrl)) return 'IPC from a frame outside the app';
  return undefined;
}

/** Wraps a handler so that it runs only for the app's own page; others get a `forbidden` reply. */
export function guardSender<E extends SenderEvent, A extends unknown[]>(appUrl: string, handler: (event: E, ...args: A) => Promise<IpcReply<unknown>>, onRefused?: (reason: string, event: E) => void): (event: E, ...args: A) => Promise<IpcReply<unknown>> {
  return async (event, ...args) => {
    const reason = senderRefusal(event, appUrl);
    if (reason !== undefined) {
      onRefused?.(reason, event);
      return { ok: false, error: { code: 'forbidden', message: reason } };
    }
    return handler(event, ...args);
  };
}
