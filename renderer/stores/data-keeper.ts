/**
 * Keeps the data panel's state in the workspace as it changes, through the main side
 * (`data.keep`, `data.keepProfiles` → `.preflight/data/`), so a reload or a crash loses nothing. The
 * data is named by the revision the host holds it under (stores/host-data.ts), so an edit crosses as an edit.
 */
import type { Profiles, SendData } from '../../shared/campaign/send-data';
import { call } from '../api/client';
import { hostData } from './host-data';

/** The part of the data store the keeper reads. */
export interface KeptState {
  overrides: Record<string, SendData>;
  entries: Record<string, { last?: string; history: readonly unknown[] }>;
  profiles?: Profiles;
  profilesSource?: string;
  setNotice(text: string | undefined, error?: boolean): void;
}

/**
 * Keeps the data state in the workspace (`.preflight/data/`, through the main side) as it changes:
 * an import, a paste or an undo at once, edits of params after a short pause.
 */
export function createKeeper(state: () => KeptState) {
  let on = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const campaigns = new Set<string>();
  let profiles = false;
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const files = [...campaigns];
    const withProfiles = profiles;
    campaigns.clear();
    profiles = false;
    const s = state();
    flushing = flushing.then(async () => {
      try {
        for (const f of files) {
          const data = s.overrides[f];
          const last = s.entries[f]?.last;
          // The host holds the data (posted once per data set, then edits): a params edit crosses as an edit.
          if (data) await hostData.withRevision(f, data, (dataRevision) => call('data.keep', { campaign: f, kept: { ...(last ? { source: last } : {}), dataRevision } }));
          else await call('data.keep', { campaign: f, kept: null });
        }
        if (withProfiles) await call('data.keepProfiles', { kept: s.profiles ? { ...(s.profilesSource ? { source: s.profilesSource } : {}), profiles: s.profiles } : null });
      } catch (e) {
        state().setNotice(`The data could not be kept for the next start (it is still loaded here): ${(e as Error).message}`, true);
      }
    });
    return flushing;
  };
  return {
    start() {
      on = true;
    },
    /** Stops keeping (while kept data is restored, or another workspace opens); pending changes are dropped. */
    stop() {
      on = false;
      clearTimeout(timer);
      timer = undefined;
      campaigns.clear();
      profiles = false;
    },
    changed(s: KeptState, prev: KeptState) {
      if (!on) return;
      let now = false;
      for (const f of new Set([...Object.keys(s.overrides), ...Object.keys(prev.overrides)])) {
        if (s.overrides[f] === prev.overrides[f] && s.entries[f]?.last === prev.entries[f]?.last) continue;
        // Only `setParams` changes data without touching the undo history: it is typed, so it waits for a pause.
        if (s.entries[f]?.history !== prev.entries[f]?.history || !s.overrides[f] !== !prev.overrides[f]) now = true;
        campaigns.add(f);
      }
      if (s.profiles !== prev.profiles) {
        profiles = true;
        now = true;
      }
      if (!campaigns.size && !profiles) return;
      clearTimeout(timer);
      if (now) void flush();
      else timer = setTimeout(() => void flush(), 400);
    },
    /** Writes what is pending and waits for every write (before another workspace opens). */
    async settle() {
      if (campaigns.size || profiles) await flush();
      await flushing;
    },
  };
}
