/**
 * The built-in sandbox's faults as the host has them, per sandbox environment: what the fault form
 * edits and the main window's "faults are on" banner reads. Always the host's answer (get or the
 * result of a set), never the form's own idea of it.
 */
import { create } from 'zustand';
import type { FaultConfig, FaultPatch } from '../../shared/ipc/channels/sandbox';
import { api, call } from '../api/client';

interface FaultsState {
  /** Environment id → its faults, for the sandbox environments read so far. */
  byEnvironment: Record<string, FaultConfig>;
  error?: string;
  /** Reads the faults of these environments from the host. */
  refresh(environmentIds: readonly string[]): Promise<void>;
  /** Applies a patch and keeps what the host answers (the state in effect). */
  apply(environmentId: string, patch: FaultPatch): Promise<FaultConfig>;
}

let listening = false;

export const useFaults = create<FaultsState>((set, get) => ({
  byEnvironment: {},
  async refresh(ids) {
    // A call the sandbox injected a fault into says the state may have changed elsewhere: read it again.
    if (!listening) {
      listening = true;
      api.on('sandbox.call', (c) => {
        if (c.fault && c.environmentId) void get().refresh([c.environmentId]);
      });
    }
    try {
      const read = await Promise.all(ids.map(async (id) => [id, await call('sandbox.faults.get', { environmentId: id })] as const));
      set({ byEnvironment: { ...get().byEnvironment, ...Object.fromEntries(read) }, error: undefined });
    } catch (e) {
      set({ error: `The sandbox's faults could not be read: ${(e as Error).message}` });
    }
  },
  async apply(environmentId, patch) {
    const now = await call('sandbox.faults.set', { environmentId, faults: patch });
    set({ byEnvironment: { ...get().byEnvironment, [environmentId]: now } });
    return now;
  },
}));
