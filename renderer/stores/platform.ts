/**
 * Platform panel state: the chosen environment, its connection test, the live campaign browser
 * (search, paging), the import preview and import, and "check against live" results per workspace
 * campaign file. Every platform answer arrives as a value (ok or failure) and is kept to show.
 */
import { create } from 'zustand';
import type { ChannelResult } from '../../shared/ipc/contract';
import type { PlatformEnvironment, PlatformFailure, LiveCampaign } from '../../shared/ipc/channels/platform';
import type { Campaign } from '../../shared/campaign/model';
import { compareWithLive, type LiveComparison } from '../../shared/platform/diff';
import { call } from '../api/client';
import { useWorkspace } from './workspace';

export type PlatformTab = 'browse' | 'live' | 'follow-up';
type Verdict = ChannelResult<'platform.testConnection'>;
type Row = Extract<ChannelResult<'platform.listCampaigns'>, { ok: true }>['rows'][number];
type Problem = { path: string; message: string };

/** The result of one "check against live" for a workspace campaign file. */
export interface LiveCheck {
  busy: boolean;
  environmentId: string;
  campaignId: string;
  comparison?: LiveComparison;
  live?: LiveCampaign;
  failure?: PlatformFailure;
  checkedAt?: string;
  /** The local campaign as it was compared (a later edit makes the result stale). */
  compared?: string;
}

interface Browse {
  search: string;
  offset: number;
  limit: number;
  rows: Row[];
  hasMore: boolean;
  busy: boolean;
  loaded: boolean;
  failure?: PlatformFailure;
  problems: Problem[];
}

interface Preview {
  campaignId: string;
  busy: boolean;
  live?: LiveCampaign;
  path?: string;
  text?: string;
  failure?: PlatformFailure;
  /** Set after an import attempt: written, or the file already exists and the person decides. */
  imported?: { path: string; state: 'written' | 'exists' };
}

interface PlatformState {
  open: boolean;
  tab: PlatformTab;
  environments: PlatformEnvironment[];
  environmentId: string;
  connection: { busy: boolean; verdict?: Verdict };
  browse: Browse;
  preview?: Preview;
  live: Record<string, LiveCheck>;
  followUpSendId?: string;
  error?: string;
  openPanel(tab?: PlatformTab): void;
  close(): void;
  setTab(tab: PlatformTab): void;
  loadEnvironments(): Promise<void>;
  setEnvironment(id: string): void;
  testConnection(): Promise<void>;
  loadCampaigns(patch?: { search?: string; offset?: number }): Promise<void>;
  previewCampaign(campaignId: string): Promise<void>;
  importPreviewed(replace?: boolean): Promise<void>;
  /** Compares a workspace campaign with the live one in `environmentId` (default: the panel's environment). */
  checkLive(file: string, campaign: Campaign, environmentId?: string): Promise<void>;
  showFollowUp(sendId: string | undefined): void;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const BROWSE: Browse = { search: '', offset: 0, limit: 10, rows: [], hasMore: false, busy: false, loaded: false, problems: [] };

export const usePlatform = create<PlatformState>((set, get) => ({
  open: false,
  tab: 'browse',
  environments: [],
  environmentId: 'sandbox',
  connection: { busy: false },
  browse: BROWSE,
  live: {},

  openPanel(tab) {
    set({ open: true, ...(tab ? { tab } : {}) });
    if (get().environments.length === 0) void get().loadEnvironments();
    if (!get().browse.loaded) void get().loadCampaigns();
  },
  close() {
    set({ open: false });
  },
  setTab(tab) {
    set({ tab });
  },
  async loadEnvironments() {
    try {
      const environments = await call('platform.environments', {});
      const current = get().environmentId;
      set({ environments, environmentId: environments.some((e) => e.id === current) ? current : (environments[0]?.id ?? current) });
    } catch (e) {
      set({ error: `Could not list the environments: ${message(e)}` });
    }
  },
  setEnvironment(id) {
    set({ environmentId: id, connection: { busy: false }, browse: BROWSE, preview: undefined });
    void get().loadCampaigns();
  },
  async testConnection() {
    set({ connection: { busy: true } });
    try {
      set({ connection: { busy: false, verdict: await call('platform.testConnection', { environmentId: get().environmentId }) } });
    } catch (e) {
      set({ connection: { busy: false, verdict: { outcome: 'failed', ok: false, title: 'The test could not run', explanation: message(e) } } });
    }
  },
  async loadCampaigns(patch = {}) {
    const b = { ...get().browse, ...patch, busy: true };
    if (patch.search !== undefined) b.offset = 0;
    set({ browse: b });
    try {
      const r = await call('platform.listCampaigns', { environmentId: get().environmentId, search: b.search || undefined, offset: b.offset, limit: b.limit });
      set({ browse: r.ok ? { ...b, busy: false, loaded: true, rows: r.rows, hasMore: r.hasMore, problems: r.problems, failure: undefined } : { ...b, busy: false, loaded: true, rows: [], hasMore: false, problems: [], failure: r.failure } });
    } catch (e) {
      set({ browse: { ...b, busy: false, loaded: true, rows: [], failure: { kind: 'http', message: message(e) } } });
    }
  },
  async previewCampaign(campaignId) {
    set({ preview: { campaignId, busy: true } });
    try {
      const r = await call('platform.importCampaign', { environmentId: get().environmentId, campaignId });
      set({ preview: r.ok ? { campaignId, busy: false, live: r.live, path: r.path, text: r.text } : { campaignId, busy: false, failure: r.failure } });
    } catch (e) {
      set({ preview: { campaignId, busy: false, failure: { kind: 'http', message: message(e) } } });
    }
  },
  async importPreviewed(replace = false) {
    const p = get().preview;
    if (!p?.path || p.text === undefined) return;
    set({ preview: { ...p, busy: true } });
    try {
      const r = await call('workspace.writeFile', { path: p.path, text: p.text, ...(replace ? {} : { expected: null }) });
      if (!r.written) {
        set({ preview: { ...p, busy: false, imported: { path: p.path, state: 'exists' } } });
        return;
      }
      set({ preview: { ...p, busy: false, imported: { path: p.path, state: 'written' } } });
      await useWorkspace.getState().open();
      useWorkspace.getState().select(p.path);
      const imported = useWorkspace.getState().model?.campaigns.find((c) => c.file === p.path)?.campaign;
      if (imported) void get().checkLive(p.path, imported);
    } catch (e) {
      set({ preview: { ...p, busy: false, failure: { kind: 'http', message: `The file could not be written: ${message(e)}` } } });
    }
  },
  async checkLive(file, campaign, environmentId = get().environmentId) {
    const compared = JSON.stringify(campaign);
    set({ live: { ...get().live, [file]: { busy: true, environmentId, campaignId: campaign.id, compared } } });
    let next: LiveCheck;
    try {
      const r = await call('platform.fetchCampaign', { environmentId, campaignId: campaign.id });
      next = r.ok
        ? { busy: false, environmentId, campaignId: campaign.id, compared, live: r.live, comparison: compareWithLive(campaign, r.live), checkedAt: new Date().toISOString() }
        : { busy: false, environmentId, campaignId: campaign.id, compared, failure: r.failure, checkedAt: new Date().toISOString() };
    } catch (e) {
      next = { busy: false, environmentId, campaignId: campaign.id, compared, failure: { kind: 'http', message: message(e) } };
    }
    set({ live: { ...get().live, [file]: next } });
  },
  showFollowUp(sendId) {
    set({ followUpSendId: sendId });
  },
}));
