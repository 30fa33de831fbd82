/** Workspace state: the files the host read, their interpretation, and the selected campaign. */
import { create } from 'zustand';
import type { WorkspaceSnapshot } from '../../shared/ipc/contract';
import { interpretWorkspace, type WorkspaceModel } from '../../shared/workspace/model';
import { call } from '../api/client';

interface WorkspaceState {
  status: 'loading' | 'loaded' | 'error';
  error?: string;
  snapshot?: WorkspaceSnapshot;
  model?: WorkspaceModel;
  selected?: string;
  open(dir?: string): Promise<void>;
  select(file: string): void;
}

export const useWorkspace = create<WorkspaceState>((set) => ({
  status: 'loading',
  async open(dir) {
    set({ status: 'loading', error: undefined });
    try {
      const snapshot = await call('workspace.open', dir ? { dir } : {});
      const model = interpretWorkspace(snapshot);
      set({ status: 'loaded', snapshot, model, selected: model.campaigns.find((c) => c.campaign)?.file });
    } catch (e) {
      set({ status: 'error', error: (e as Error).message });
    }
  },
  select(file) {
    set({ selected: file });
  },
}));

/** The selected campaign entry, if any. */
export const useSelectedCampaign = () => useWorkspace((s) => s.model?.campaigns.find((c) => c.file === s.selected));
