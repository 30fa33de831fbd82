/**
 * The preload exposes exactly the typed contract (shared/ipc/contract.ts) through contextBridge:
 * `invoke(channel, args)` for known channels and `on(event, listener)` for known events — never
 * ipcRenderer itself. Arguments are validated again on the main side.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channels, events, type PreflightApi } from '../shared/ipc/contract';

const channelNames = new Set(Object.keys(channels));
const eventNames = new Set(Object.keys(events));

const api: PreflightApi = {
  invoke(channel, args) {
    if (!channelNames.has(channel)) return Promise.resolve({ ok: false, error: { code: 'invalid-channel', message: `unknown channel ${String(channel)}` } });
    return ipcRenderer.invoke(`preflight:${channel}`, args);
  },
  on(event, listener) {
    if (!eventNames.has(event)) throw new Error(`unknown event ${String(event)}`);
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(`preflight-event:${event}`, wrapped);
    return () => ipcRenderer.removeListener(`preflight-event:${event}`, wrapped);
  },
};

contextBridge.exposeInMainWorld('preflight', api);
