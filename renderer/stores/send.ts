/** Send state: the environments, the confirmation step and the last send's result. */
import { create } from 'zustand';
import type { EnvironmentInfo, SendResult } from '../../shared/ipc/contract';
import type { SendData } from '../../shared/campaign/send-data';
import { call } from '../api/client';

interface Pending {
  campaignId: string;
  campaignName: string;
  data: SendData;
  environmentId: string;
}

interface SendState {
  environments: EnvironmentInfo[];
  pending?: Pending;
  busy: boolean;
  result?: SendResult;
  error?: string;
  loadEnvironments(): Promise<void>;
  prepare(p: Pending): void;
  cancel(): void;
  confirm(): Promise<void>;
}

export const useSend = create<SendState>((set, get) => ({
  environments: [],
  busy: false,
  async loadEnvironments() {
    set({ environments: await call('environments.list', {}) });
  },
  prepare(p) {
    set({ pending: p, result: undefined, error: undefined });
  },
  cancel() {
    set({ pending: undefined });
  },
  async confirm() {
    const p = get().pending;
    if (!p) return;
    set({ busy: true, error: undefined });
    try {
      const result = await call('send.execute', {
        environmentId: p.environmentId,
        campaignId: p.campaignId,
        data: p.data,
        confirmation: { environmentId: p.environmentId, campaignId: p.campaignId, recipients: p.data.target.length },
      });
      set({ result, pending: undefined });
    } catch (e) {
      set({ error: (e as Error).message });
    } finally {
      set({ busy: false });
    }
  },
}));
