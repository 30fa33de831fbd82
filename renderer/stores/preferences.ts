/** The person's preferences (the reviewer name), as the main side keeps them in the app's data folder. */
import { create } from 'zustand';
import { call } from '../api/client';

interface PreferencesState {
  reviewer?: string;
  loaded: boolean;
  error?: string;
  load(): Promise<void>;
  /** Sets (or, with '', removes) the reviewer name; resolves once the main side has saved it. */
  setReviewer(name: string): Promise<void>;
}

export const usePreferences = create<PreferencesState>((set) => ({
  loaded: false,
  async load() {
    try {
      const p = await call('preferences.get', {});
      set({ reviewer: p.reviewer, loaded: true, error: undefined });
    } catch (e) {
      set({ loaded: true, error: (e as Error).message });
    }
  },
  async setReviewer(name) {
    const p = await call('preferences.set', { reviewer: name.trim() });
    set({ reviewer: p.reviewer, error: undefined });
  },
}));
