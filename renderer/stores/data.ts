/**
 * Data state: the send data each campaign is reviewed and sent with. By default a campaign's saved
 * request (requests/<stem>.json); an import, a paste or an edit in the data panel sets an override
 * per campaign file. Every import is previewed first (nothing changes until Apply) and can be undone.
 * Parsing runs in an import worker per job; the job keeps its table for mapping changes and export.
 * What was applied is kept in the workspace (data-keeper.ts) and restored when it opens. (Over 400
 * lines: the import, remap, undo and restore actions share one state and its snapshots.)
 */
import { create } from 'zustand';
import type { Profiles, SendData } from '../../shared/campaign/send-data';
import type { Diagnostic } from '../../shared/diagnostics';
import type { ColumnMapping } from '../../shared/targets/types';
import type { ImportInput, ImportPhase, ParsedImport, ParsedProfilesResult } from '../workers/import-protocol';
import { ImportCancelled, ImportJob } from '../workers/import-client';
import { call } from '../api/client';
import type { ChannelResult } from '../../shared/ipc/contract';
import { createKeeper } from './data-keeper';
import { sendDataOf } from '../../shared/targets/import';
import { useWorkspace } from './workspace';

/** The table behind a campaign's current data (an applied import), and the worker that holds it. */
export interface ImportedTable {
  job: ImportJob;
  /** File name or "pasted text". */
  source: string;
  /** True for a file (its mapping is remembered in the workspace). */
  fromFile: boolean;
  result: ParsedImport;
  mapping?: ColumnMapping;
}

/** A state to go back to with Undo: the data and profiles before an import. */
interface Snapshot {
  /** What the undone import was ("pasted text", a file name). */
  label: string;
  /** Where the data before it came from (the entry's `last`), restored by Undo. */
  last: string | undefined;
  data: SendData | undefined;
  profiles: Profiles | undefined;
  profilesSource: string | undefined;
  imported: ImportedTable | undefined;
}

export interface CampaignDataEntry {
  imported?: ImportedTable;
  history: Snapshot[];
  /** Diagnostics of the last applied import or mapping change. */
  diagnostics: Diagnostic[];
  /** Where the campaign's current data came from (the import applied last), for the header and the status line. */
  last?: string;
}

/** An import in flight (progress bar) or parsed and waiting for Apply / Cancel (preview). */
export interface PendingImport {
  campaign: string;
  purpose: 'targets' | 'profiles';
  source: string;
  fromFile: boolean;
  job: ImportJob;
  phase: ImportPhase;
  rows?: number;
  bytes?: number;
  /** Fraction of the text parsed so far (0–1), while a big table parses. */
  fraction?: number;
  /** Progress messages received so far (the e2e test checks the bar was fed). */
  progressEvents: number;
  startedAt: number;
  /** Set once parsed: the preview. */
  result?: ParsedImport;
  profiles?: ParsedProfilesResult;
  /** Wall time from start to parsed, in ms (worker + transfer). */
  elapsedMs?: number;
  /** A failure of the worker itself (not a problem in the input). */
  error?: string;
  /** The input held an app token or credential (the token itself is not in state). */
  secret?: { token: boolean; variable?: string; authorization?: boolean };
}

interface DataState {
  /** Data set in the app for a campaign file, replacing its saved request for review and send. */
  overrides: Record<string, SendData>;
  /** Profiles set in the app (import), used instead of the workspace's profiles/ files. */
  profiles?: Profiles;
  profilesSource?: string;
  entries: Record<string, CampaignDataEntry>;
  pending?: PendingImport;
  /** Remembered mappings by imported file name (workspace `.preflight/mappings.json`). */
  mappings: Record<string, ColumnMapping>;
  mappingsError?: string;
  /** A message about the last panel action (export, copy, save), for a status line. */
  notice?: { text: string; error?: boolean };
  setData(file: string, data: SendData | undefined): void;
  setProfiles(profiles: Profiles | undefined): void;
  loadMappings(): Promise<void>;
  /** Starts reading targets or profiles for a campaign; shows progress, then a preview. */
  startImport(campaign: string, input: ImportInput, purpose: 'targets' | 'profiles', fromFile: boolean): Promise<void>;
  /** Stops the import in flight or discards its preview; nothing loaded changes. */
  cancelImport(): void;
  /** Applies the previewed import (pushing the current state for Undo). */
  applyImport(): void;
  /** Reads the previewed id list again with its first line as a header (true) or as an id (false). */
  setFirstLineHeader(header: boolean): Promise<void>;
  /** Builds the current import's table again with another mapping. */
  remap(campaign: string, mapping: ColumnMapping, remember?: boolean): Promise<void>;
  setTargetBy(campaign: string, targetBy: string): void;
  setParams(campaign: string, params: Record<string, unknown>): void;
  resetProfiles(): void;
  undo(campaign: string): void;
  setNotice(text: string | undefined, error?: boolean): void;
  /**
   * Replaces the data state with what the workspace kept in `.preflight/data/` (after a workspace
   * opens): each campaign's imported, pasted or edited data, and imported profiles. Undo of a kept
   * import goes back to the campaign's saved request.
   */
  restoreKept(): Promise<void>;
}

const HISTORY_LIMIT = 10;
const NO_HISTORY: Snapshot[] = [];

/**
 * The app token found in the previewed input. Deliberately outside the store's state: it lives
 * only while the preview is open, for the "store it in an environment" offer, and is dropped on
 * Apply or Cancel. It is never put into send data, history or the workspace.
 */
let previewToken: string | undefined;

/** The token of the open preview (for the secret-store offer), or undefined. */
export function previewSecret(): string | undefined {
  return previewToken;
}

/** Forgets the preview's token (after it was stored, or when the preview closes). */
export function forgetPreviewSecret(): void {
  previewToken = undefined;
}

function savedData(file: string): SendData | undefined {
  return useWorkspace.getState().model?.campaigns.find((c) => c.file === file)?.request?.data;
}

function defaultTargetBy(file: string): string {
  return useWorkspace.getState().model?.campaigns.find((c) => c.file === file)?.campaign?.target_by ?? 'user_id';
}

/** Jobs still referenced by a current import or a snapshot (others can be stopped). */
function liveJobs(s: Pick<DataState, 'entries' | 'pending'>): Set<ImportJob> {
  const live = new Set<ImportJob>();
  if (s.pending) live.add(s.pending.job);
  for (const e of Object.values(s.entries)) {
    if (e.imported) live.add(e.imported.job);
    for (const h of e.history) if (h.imported) live.add(h.imported.job);
  }
  return live;
}

function disposeUnreferenced(jobs: (ImportJob | undefined)[], s: Pick<DataState, 'entries' | 'pending'>): void {
  const live = liveJobs(s);
  for (const j of jobs) if (j && !live.has(j)) j.dispose();
}

export const useData = create<DataState>((set, get) => ({
  overrides: {},
  entries: {},
  mappings: {},
  setData(file, data) {
    const overrides = { ...get().overrides };
    if (data) overrides[file] = data;
    else delete overrides[file];
    set({ overrides });
  },
  setProfiles(profiles) {
    set({ profiles });
  },
  async loadMappings() {
    try {
      const r = await call('data.mappings', {});
      set({ mappings: r.mappings as Record<string, ColumnMapping>, mappingsError: r.error });
    } catch (e) {
      set({ mappingsError: `Remembered mappings could not be read: ${(e as Error).message}` });
    }
  },
  async startImport(campaign, input, purpose, fromFile) {
    get().cancelImport();
    const job = new ImportJob();
    const pending: PendingImport = { campaign, purpose, source: input.file, fromFile, job, phase: 'decode', progressEvents: 0, startedAt: performance.now() };
    set({ pending, notice: undefined });
    const mine = () => get().pending?.job === job;
    const onProgress = (p: { phase: ImportPhase; rows?: number; bytes?: number; fraction?: number }) => {
      const cur = get().pending;
      if (!cur || cur.job !== job) return;
      set({ pending: { ...cur, phase: p.phase, progressEvents: cur.progressEvents + 1, ...(p.rows !== undefined ? { rows: p.rows } : {}), ...(p.bytes !== undefined ? { bytes: p.bytes } : {}), ...(p.fraction !== undefined ? { fraction: p.fraction } : {}) } });
    };
    try {
      if (purpose === 'profiles') {
        const profiles = await job.profiles(input, onProgress);
        if (!mine()) return;
        set({ pending: { ...(get().pending as PendingImport), phase: 'done', profiles, elapsedMs: performance.now() - pending.startedAt } });
        return;
      }
      const remembered = fromFile ? get().mappings[input.file] : undefined;
      const targetBy = getCampaignData(campaign)?.target_by ?? defaultTargetBy(campaign);
      const result = await job.parse(input, targetBy, remembered, onProgress);
      if (!mine()) return;
      let secret: PendingImport['secret'];
      if (result.secret) {
        previewToken = result.secret.token;
        secret = { token: result.secret.token !== undefined, ...(result.secret.variable ? { variable: result.secret.variable } : {}), ...(result.secret.authorization ? { authorization: true } : {}) };
        delete result.secret;
      }
      set({ pending: { ...(get().pending as PendingImport), phase: 'done', result, elapsedMs: performance.now() - pending.startedAt, ...(secret ? { secret } : {}) } });
    } catch (e) {
      if (e instanceof ImportCancelled || !mine()) return;
      set({ pending: { ...(get().pending as PendingImport), error: (e as Error).message } });
    }
  },
  cancelImport() {
    const p = get().pending;
    if (!p) return;
    forgetPreviewSecret();
    set({ pending: undefined });
    disposeUnreferenced([p.job], get());
  },
  async setFirstLineHeader(header) {
    const p = get().pending;
    if (!p?.result?.idList) return;
    try {
      const result = await p.job.reread(header ? 'header' : 'none');
      const now = get().pending;
      if (now?.job === p.job) set({ pending: { ...now, result } });
    } catch (e) {
      const now = get().pending;
      if (!(e instanceof ImportCancelled) && now?.job === p.job) set({ pending: { ...now, error: (e as Error).message } });
    }
  },
  applyImport() {
    const p = get().pending;
    if (!p || (!p.result && !p.profiles)) return;
    const s = get();
    const campaign = p.campaign;
    const entry = s.entries[campaign] ?? { history: [], diagnostics: [] };
    const snapshot: Snapshot = { label: p.purpose === 'profiles' ? `profiles from ${p.source}` : p.source, last: entry.last, data: s.overrides[campaign], profiles: s.profiles, profilesSource: s.profilesSource, imported: entry.imported };
    const history = [...entry.history, snapshot];
    const dropped = history.length > HISTORY_LIMIT ? history.splice(0, history.length - HISTORY_LIMIT) : [];
    forgetPreviewSecret();
    if (p.profiles) {
      set({
        pending: undefined,
        profiles: p.profiles.profiles,
        profilesSource: p.source,
        // Profiles are for preview only: where the send data came from does not change.
        entries: { ...s.entries, [campaign]: { ...entry, history, diagnostics: p.profiles.diagnostics } },
        notice: { text: `Profiles from ${p.source} (preview only, never sent).` },
      });
      p.job.dispose();
    } else {
      const result = p.result as ParsedImport;
      const data = sendDataOf(result, getCampaignData(campaign), defaultTargetBy(campaign));
      const imported: ImportedTable = { job: p.job, source: p.source, fromFile: p.fromFile, result, ...(result.mapping ? { mapping: result.mapping } : {}) };
      set({
        pending: undefined,
        overrides: { ...s.overrides, [campaign]: data },
        entries: { ...s.entries, [campaign]: { imported, history, diagnostics: result.diagnostics, last: p.source } },
        notice: undefined,
      });
    }
    disposeUnreferenced(
      dropped.map((d) => d.imported?.job),
      get(),
    );
  },
  async remap(campaign, mapping, remember = true) {
    const entry = get().entries[campaign];
    const imported = entry?.imported;
    if (!imported) return;
    const current = getCampaignData(campaign);
    const targetBy = current?.target_by ?? defaultTargetBy(campaign);
    try {
      const built = await imported.job.remap(mapping, targetBy);
      const now = get().entries[campaign];
      if (now?.imported?.job !== imported.job) return;
      const data: SendData = { target_by: targetBy, target: built.target, params: current?.params ?? {}, target_with_params: built.target_with_params };
      set({
        overrides: { ...get().overrides, [campaign]: data },
        entries: { ...get().entries, [campaign]: { ...now, imported: { ...imported, mapping }, diagnostics: [...imported.result.diagnostics.filter((d) => !isBuildCode(d.code)), ...built.diagnostics] } },
      });
      if (remember && imported.fromFile && (imported.result.kind === 'table' || imported.result.kind === 'json-rows')) {
        set({ mappings: { ...get().mappings, [imported.source]: mapping } });
        try {
          const r = await call('data.saveMapping', { source: imported.source, mapping });
          get().setNotice(`Mapping for ${imported.source} remembered in ${r.path}.`);
        } catch (e) {
          get().setNotice(`The mapping could not be remembered: ${(e as Error).message}`, true);
        }
      }
    } catch (e) {
      if (!(e instanceof ImportCancelled)) get().setNotice(`The mapping could not be applied: ${(e as Error).message}`, true);
    }
  },
  setTargetBy(campaign, targetBy) {
    const cur = getCampaignData(campaign);
    if (!cur || cur.target_by === targetBy) return;
    set({ overrides: { ...get().overrides, [campaign]: { ...cur, target_by: targetBy } } });
    // An imported table is built again so the id checks name spreadsheet rows.
    const imported = get().entries[campaign]?.imported;
    if (imported?.mapping) void get().remap(campaign, imported.mapping, false);
  },
  setParams(campaign, params) {
    const cur = getCampaignData(campaign) ?? { target_by: defaultTargetBy(campaign), target: [], params: {}, target_with_params: {} };
    set({ overrides: { ...get().overrides, [campaign]: { ...cur, params } } });
  },
  resetProfiles() {
    set({ profiles: undefined, profilesSource: undefined });
  },
  undo(campaign) {
    const s = get();
    const entry = s.entries[campaign];
    const snap = entry?.history[entry.history.length - 1];
    if (!entry || !snap) return;
    const overrides = { ...s.overrides };
    if (snap.data) overrides[campaign] = snap.data;
    else delete overrides[campaign];
    const was = entry.imported;
    set({
      overrides,
      profiles: snap.profiles,
      profilesSource: snap.profilesSource,
      entries: { ...s.entries, [campaign]: { ...(snap.imported ? { imported: snap.imported } : {}), history: entry.history.slice(0, -1), diagnostics: [], ...(snap.last !== undefined ? { last: snap.last } : {}) } },
      notice: { text: `Undid the import of ${snap.label}: ${snap.data ? `the data is from ${snap.last ?? 'the edits made here'} again` : 'the data is the saved request again'}.` },
    });
    disposeUnreferenced([was?.job], get());
  },
  setNotice(text, error) {
    set({ notice: text ? { text, ...(error ? { error } : {}) } : undefined });
  },
  async restoreKept() {
    keeper.stop();
    let kept: ChannelResult<'data.kept'>;
    try {
      kept = await call('data.kept', {});
    } catch (e) {
      keeper.start();
      set({ notice: { text: `The data kept from the last session could not be read: ${(e as Error).message}`, error: true } });
      return;
    }
    const s = get();
    const overrides: Record<string, SendData> = {};
    const entries: Record<string, CampaignDataEntry> = {};
    for (const [file, k] of Object.entries(kept.campaigns)) {
      overrides[file] = k.data as SendData;
      // An import can be undone after a reload too: back to the campaign's saved request.
      const history: Snapshot[] = k.source ? [{ label: k.source, last: undefined, data: undefined, profiles: kept.profiles?.profiles, profilesSource: kept.profiles?.source, imported: undefined }] : [];
      entries[file] = { history, diagnostics: [], ...(k.source ? { last: k.source } : {}) };
    }
    const jobs = [...liveJobs(s)];
    set({ overrides, entries, pending: undefined, profiles: kept.profiles?.profiles as Profiles | undefined, profilesSource: kept.profiles?.source, notice: kept.error ? { text: `Kept data: ${kept.error}.`, error: true } : undefined });
    disposeUnreferenced(jobs, get());
    keeper.start();
  },
}));

const keeper = createKeeper(() => useData.getState());
useData.subscribe((s, prev) => keeper.changed(s, prev));

/** Writes the data changes not kept yet and waits for them (before the workspace changes). */
export function settleKeptData(): Promise<void> {
  return keeper.settle();
}

/** Codes produced by building targets (replaced on a remap; parse diagnostics stay). */
function isBuildCode(code: string): boolean {
  return ['missing-column', 'ambiguous-column', 'id-as-param', 'empty-id', 'bad-value', 'id-not-string', 'id-whitespace', 'blank-rows', 'duplicate-id', 'invalid-email', 'invalid-phone', 'phone-plus'].includes(code) || code.startsWith('id-');
}

/** The send data of a campaign file: the override, else its saved request. */
export function useCampaignData(file: string | undefined): SendData | undefined {
  const override = useData((s) => (file ? s.overrides[file] : undefined));
  const saved = useWorkspace((s) => s.model?.campaigns.find((c) => c.file === file)?.request?.data);
  return override ?? saved;
}

function sourceLabel(overridden: boolean, last: string | undefined, saved: string | undefined): string | undefined {
  if (!overridden) return saved;
  return last ? `${last} (imported, not saved)` : 'edited here (not saved)';
}

/** Where a campaign's current data comes from, for the header: the last import, "edited", or its saved request file. */
export function useCampaignDataSource(file: string | undefined): string | undefined {
  const overridden = useData((s) => !!(file && s.overrides[file]));
  const last = useData((s) => (file ? s.entries[file]?.last : undefined));
  const saved = useWorkspace((s) => s.model?.campaigns.find((c) => c.file === file)?.request?.file);
  return sourceLabel(overridden, last, saved);
}

/** Where a campaign's current data comes from, read outside React (review marks, the report). */
export function getCampaignDataSource(file: string | undefined): string | undefined {
  if (!file) return undefined;
  const s = useData.getState();
  return sourceLabel(!!s.overrides[file], s.entries[file]?.last, useWorkspace.getState().model?.campaigns.find((c) => c.file === file)?.request?.file);
}

/** The data panel's state for a campaign file (import, history, diagnostics). */
export function useCampaignEntry(file: string | undefined): CampaignDataEntry | undefined {
  return useData((s) => (file ? s.entries[file] : undefined));
}

/** The undo stack length of a campaign file. */
export function useHistoryDepth(file: string | undefined): number {
  return useData((s) => (file ? (s.entries[file]?.history ?? NO_HISTORY) : NO_HISTORY).length);
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
  return useData.getState().overrides[file] ?? savedData(file);
}

/** Profiles for preview, read outside React. */
export function getProfiles(): Profiles {
  return useData.getState().profiles ?? useWorkspace.getState().model?.profiles ?? NO_PROFILES;
}
