/**
 * The built-in sandbox's faults as the host has them, per sandbox environment: what the fault form
 * edits and the main window's "faults are on" banner reads. Always the host's answer (get or the
 * result of a set), never the form's own idea of it.
 */
import { create } from 'zustand';
import type { FaultConfig, FaultPatch } from '../../shared/ipc/channels/sandbox';
import { api, call } from '../api/client';
import { requester } from './request';

interface FaultsState {
  /** Environment id → its faults, for the sandbox environments read so far. */
  byEnvironment: Record<string, FaultConfig>;
  error?: string;
  /** Reads the faults of these environments from the host. */
  refresh(environmentIds: readonly string[]): Promise<void>;
  /**
   * Reads these environments' faults and keeps them current while watched: a call the sandbox
   * injected a fault into says its state may have changed elsewhere. Returns the unwatch; the host's
   * events are listened to only while some screen watches.
   */
  watch(environmentIds: readonly string[]): () => void;
  /** Applies a patch and keeps what the host answers (the state in effect). */
  apply(environmentId: string, patch: FaultPatch): Promise<FaultConfig>;
}

export const useFaults = create<FaultsState>((set, get) => {
  const request = requester<FaultsState>(set);
  /** Environment id → how many screens watch it. */
  const watched = new Map<string, number>();
  let unlisten: (() => void) | undefined;
  return {
    byEnvironment: {},
    async refresh(ids) {
      const read = await request(() => Promise.all(ids.map(async (id) => [id, await call('sandbox.faults.get', { environmentId: id })] as const)), { prefix: "The sandbox's faults could not be read" });
      if (read) set({ byEnvironment: { ...get().byEnvironment, ...Object.fromEntries(read) } });
    },
    watch(ids) {
      for (const id of ids) watched.set(id, (watched.get(id) ?? 0) + 1);
      unlisten ??= api.on('sandbox.call', (c) => {
        if (c.fault && c.environmentId && watched.has(c.environmentId)) void get().refresh([c.environmentId]);
      });
      void get().refresh(ids);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        for (const id of ids) {
          const n = (watched.get(id) ?? 1) - 1;
          if (n > 0) watched.set(id, n);
          else watched.delete(id);
        }
        if (watched.size === 0) {
          unlisten?.();
          unlisten = undefined;
        }
      };
    },
    async apply(environmentId, patch) {
      const now = await call('sandbox.faults.set', { environmentId, faults: patch });
      set({ byEnvironment: { ...get().byEnvironment, [environmentId]: now } });
      return now;
    },
  };
});
