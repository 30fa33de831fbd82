/**
 * Workspace state: the files the host read, their interpretation, unsaved edits (drafts) of campaign
 * files, the team's guardrail settings, and changes made on disk by someone else while there are
 * unsaved edits. Which campaign is shown is not kept here: the person's choice lives in the view
 * store (stores/ui.ts, remembered per workspace) and the campaign shown is derived from it and the
 * files (`shownCampaignFile`).
 */
import { create } from 'zustand';
import type { WorkspaceSnapshot } from '../../shared/ipc/contract';
import type { WorkspaceModel } from '../../shared/workspace/model';
import { SAMPLE_FIRST_CAMPAIGN, isSampleWorkspace } from '../components/start/sample';
import { interpretInWorker } from '../workers/workspace-client';
import { SETTINGS_FILE, settingsOfText, type GuardrailSettings } from '../../shared/guardrails/types';
import { call } from '../api/client';
import { settleKeptData, useData } from './data';
import { useUi } from './ui';
import { requester } from './request';

export { SETTINGS_FILE };

interface WorkspaceState {
  status: 'loading' | 'loaded' | 'error';
  error?: string;
  snapshot?: WorkspaceSnapshot;
  model?: WorkspaceModel;
  /** Unsaved editor text per campaign file. */
  drafts: Record<string, string>;
  settings: GuardrailSettings;
  /** A campaign file changed on disk while it had unsaved edits: the person chooses. */
  conflict?: { file: string; text: string | null };
  saving: boolean;
  open(dir?: string): Promise<void>;
  /** Shows this campaign file, if the workspace has it (the choice is the view store's). */
  select(file: string): void;
  setDraft(file: string, text: string): void;
  discardDraft(file: string): void;
  save(file: string): Promise<void>;
  /** Re-reads the workspace after files changed on disk; asks before replacing unsaved edits. */
  externalChange(paths: string[]): Promise<void>;
  resolveConflict(keep: 'mine' | 'theirs'): Promise<void>;
  saveSettings(settings: GuardrailSettings): Promise<void>;
}

/** The saved text of a campaign file in the current snapshot. */
export function savedText(s: Pick<WorkspaceState, 'snapshot'>, file: string): string | undefined {
  return s.snapshot?.campaigns.find((c) => c.path === file)?.text;
}

async function readSettings(): Promise<GuardrailSettings> {
  const { text } = await call('workspace.readFile', { path: SETTINGS_FILE });
  return settingsOfText(text);
}

/**
 * The campaign file shown: the one the person chose when the workspace has it, else the default —
 * on the sample workspace its promo journey (real users, not the gate update's placeholder
 * USER_ID), else the first file that is a campaign, else the first file.
 */
export function shownCampaignFile(model: WorkspaceModel | undefined, chosen: string | undefined): string | undefined {
  if (!model) return undefined;
  if (chosen !== undefined && model.campaigns.some((c) => c.file === chosen)) return chosen;
  if (isSampleWorkspace(model)) return SAMPLE_FIRST_CAMPAIGN;
  return model.campaigns.find((c) => c.campaign)?.file ?? model.campaigns[0]?.file;
}

/** The campaign file shown now, outside React (editor hover, menu commands). */
export const currentCampaignFile = (): string | undefined => shownCampaignFile(useWorkspace.getState().model, useUi.getState().campaign);

export const useWorkspace = create<WorkspaceState>((set, get) => {
  const request = requester<WorkspaceState>(set);
  const reload = async () => {
    const snapshot = await call('workspace.current', {});
    set({ snapshot, model: await interpretInWorker(snapshot) });
  };
  return {
    status: 'loading',
    drafts: {},
    settings: {},
    saving: false,
    async open(dir) {
      set({ status: 'loading' });
      const opened = await request(async () => {
        // Data changes not written yet belong to the workspace open now.
        await settleKeptData();
        const snapshot = await call('workspace.open', dir ? { dir } : {});
        // Parsed off the UI thread: a large or hostile campaign file never freezes the window.
        const model = await interpretInWorker(snapshot);
        // The data kept in this workspace is in place before anything renders with it.
        const [settings] = await Promise.all([readSettings(), useData.getState().restoreKept()]);
        // This workspace's remembered view (its campaign, panes, filter…) is in place before the campaign view renders.
        if (useUi.getState().workspace !== snapshot.dir) useUi.getState().hydrate(snapshot.dir);
        set({ status: 'loaded', snapshot, model, settings, drafts: {}, conflict: undefined });
        return true;
      });
      // A refused or failed open (e.g. a folder the main side was not given) keeps what is open.
      if (!opened) set({ status: get().snapshot ? 'loaded' : 'error' });
    },
    select(file) {
      const model = get().model;
      if (!model?.campaigns.some((c) => c.file === file)) return;
      const ui = useUi.getState();
      // Choosing the campaign already shown keeps its view; another one starts afresh.
      if (file === shownCampaignFile(model, ui.campaign)) ui.set({ campaign: file });
      else ui.switchCampaign(file);
    },
    setDraft(file, text) {
      const drafts = { ...get().drafts };
      if (text === savedText(get(), file)) delete drafts[file];
      else drafts[file] = text;
      set({ drafts });
    },
    discardDraft(file) {
      const { [file]: _gone, ...drafts } = get().drafts;
      set({ drafts });
    },
    async save(file) {
      const text = get().drafts[file];
      if (text === undefined) return;
      await request(
        async () => {
          const r = await call('workspace.writeFile', { path: file, text, expected: savedText(get(), file) ?? null });
          if (!r.written) return set({ conflict: { file, text: r.current ?? null } });
          await reload();
          get().discardDraft(file);
        },
        { busy: 'saving' },
      );
    },
    async externalChange(paths) {
      if (paths.includes(SETTINGS_FILE)) set({ settings: await readSettings() });
      if (!paths.some((p) => /^(campaigns|requests|profiles|targets)\//.test(p))) return;
      const before = get().snapshot;
      await reload();
      const s = get();
      for (const [file, draft] of Object.entries(s.drafts)) {
        const was = before?.campaigns.find((c) => c.path === file)?.text;
        const now = savedText(s, file) ?? null;
        if (now !== was && now !== draft) {
          // The file on disk moved under unsaved edits: keep the edits visible and ask.
          set({ conflict: { file, text: now } });
          return;
        }
      }
    },
    async resolveConflict(keep) {
      const c = get().conflict;
      if (!c) return;
      set({ conflict: undefined });
      if (keep === 'theirs') {
        await reload();
        get().discardDraft(c.file);
      } else {
        // Keep my edits and write them over the file on disk.
        const text = get().drafts[c.file];
        if (text !== undefined) await call('workspace.writeFile', { path: c.file, text });
        await reload();
        get().discardDraft(c.file);
      }
    },
    async saveSettings(settings) {
      const { text } = await call('workspace.readFile', { path: SETTINGS_FILE });
      let base: Record<string, unknown>;
      try {
        base = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        base = {};
      }
      await call('workspace.writeFile', { path: SETTINGS_FILE, text: JSON.stringify({ ...base, guardrails: settings }, null, 2) + '\n' });
      set({ settings });
    },
  };
});

/** The campaign file shown, derived from the person's choice and the workspace's files. */
export function useSelectedFile(): string | undefined {
  const model = useWorkspace((s) => s.model);
  const chosen = useUi((s) => s.campaign);
  return shownCampaignFile(model, chosen);
}

/** The campaign entry shown, if any. */
export function useSelectedCampaign() {
  const file = useSelectedFile();
  return useWorkspace((s) => s.model?.campaigns.find((c) => c.file === file));
}
