/**
 * Data state: the send data each campaign is reviewed with. By default a campaign's saved request
 * (requests/<stem>.json); the data panel (import, paste, edit) sets an override per campaign file.
 */
import { create } from 'zustand';
import type { Profiles, SendData } from '../../shared/campaign/send-data';
import { useWorkspace } from './workspace';

interface DataState {
  /** Data set in the app for a campaign file, replacing its saved request for review and send. */
  overrides: Record<string, SendData>;
  /** Profiles set in the app (import), used instead of the workspace's profiles/ files. */
  profiles?: Profiles;
  setData(file: string, data: SendData | undefined): void;
  setProfiles(profiles: Profiles | undefined): void;
}

export const useData = create<DataState>((set, get) => ({
  overrides: {},
  setData(file, data) {
    const overrides = { ...get().overrides };
    if (data) overrides[file] = data;
    else delete overrides[file];
    set({ overrides });
  },
  setProfiles(profiles) {
    set({ profiles });
  },
}));

/** The send data of a campaign file: the override, else its saved request. */
export function useCampaignData(file: string | undefined): SendData | undefined {
  const override = useData((s) => (file ? s.overrides[file] : undefined));
  const saved = useWorkspace((s) => s.model?.campaigns.find((c) => c.file === file)?.request?.data);
  return override ?? saved;
}

const NO_PROFILES: Profiles = {};

/** Profiles for preview: imported ones over the workspace's files. */
export function useProfiles(): Profiles {
  const imported = useData((s) => s.profiles);
  const files = useWorkspace((s) => s.model?.profiles);
  return imported ?? files ?? NO_PROFILES;
}

/** The send data of a campaign file, read outside React (editor providers). */
export function getCampaignData(file: string | undefined): SendData | undefined {
  if (!file) return undefined;
  return useData.getState().overrides[file] ?? useWorkspace.getState().model?.campaigns.find((c) => c.file === file)?.request?.data;
}

/** Profiles for preview, read outside React. */
export function getProfiles(): Profiles {
  return useData.getState().profiles ?? useWorkspace.getState().model?.profiles ?? NO_PROFILES;
}
