/**
 * Render state, backed by the render worker: the loaded campaign's diagnostics, rendered rows (by
 * target, each row replaced as a whole so a cell's selector only re-renders its row), the full
 * scan's progress and per-user severity, the filtered row indices, and the selected cell's provenance.
 *
 * The filter and search live in the view store (stores/ui.ts) only: this store asks the worker for
 * the rows they match whenever they, the data or the scan change, and keeps only the answer. The
 * bookkeeping of requests in flight lives in this store's closure, not at module level.
 */
import { create } from 'zustand';
import type { Campaign } from '../../shared/campaign/model';
import type { CampaignSource } from '../../shared/campaign/source-map';
import type { Profiles, SendData } from '../../shared/campaign/send-data';
import type { NodeRender } from '../../shared/campaign/render';
import type { Diagnostic } from '../../shared/diagnostics';
import type { GuardrailSettings } from '../../shared/guardrails/types';
import { onWorkerReply, postToWorker } from '../workers/render-client';
import type { ScanCounts, Segment, WorkerReply } from '../workers/render-protocol';
import { useUi } from './ui';
import { editsBetween } from '../../shared/data/edits';

export interface ScanState extends ScanCounts {
  status: 'idle' | 'running' | 'done' | 'cancelled';
  done: number;
  total: number;
  severity?: Uint8Array;
  ms?: number;
}

export interface Provenance {
  target: string;
  node: string;
  fields: Record<string, Segment[]>;
  exact: boolean;
}

interface RendersState {
  gen: number;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error?: string;
  diagnostics: Diagnostic[];
  references: Record<string, string[]>;
  targets: string[];
  rows: Record<string, NodeRender[]>;
  scan: ScanState;
  /** Row indices shown under the filter and search (stores/ui.ts); null = every row. */
  indices: Int32Array | null;
  provenance?: Provenance;
  load(input: { campaign: Campaign; source?: CampaignSource; data: SendData; profiles: Profiles; settings: GuardrailSettings }): void;
  clear(): void;
  /** Asks for renders of these targets, on behalf of one consumer (matrix rows, preview, compare). */
  want(consumer: string, targets: readonly string[]): void;
  startScan(): void;
  cancelScan(): void;
  requestProvenance(target: string, node: string): void;
  /**
   * Renders these targets once, outside the row cache (report export). Always settles: an edit
   * loaded before the answer asks again with the current data (so it resolves with the renders of
   * the data on screen); no campaign, a closed campaign or a worker failure rejects with the reason.
   */
  renderOnce(targets: readonly string[]): Promise<NodeRender[]>;
}

const IDLE_SCAN: ScanState = { status: 'idle', done: 0, total: 0, users: 0, cells: 0, withErrors: 0, withWarnings: 0, blocking: 0, notPersonalised: 0, errorSamples: [], emptySamples: [] };

/** How long after a load the full scan starts: typing keeps restarting it, so wait for a pause. */
const SCAN_DELAY_MS = 300;
/** Typing pause in the search box before the worker is asked for the matching rows. */
export const SEARCH_DEBOUNCE_MS = 150;

/**
 * Rows on screen asked for per request: each answer is a task of its own on the UI thread, so the
 * window draws between a few rows' commit and layout rather than after all of them (the first
 * screen of a million-user set arrived as one ~130 ms frame of render and layout).
 */
const ROWS_PER_REQUEST = 4;

/** A renderOnce in flight: asked again at each new generation until answered at the current one. */
interface Once {
  targets: string[];
  resolve(r: NodeRender[]): void;
  reject(e: Error): void;
}

export const useRenders = create<RendersState>((set, get) => {
  let nextId = 1;
  let queryId = 0;
  let provenanceId = 0;
  /** Targets asked for (or rendered) in the current generation. */
  let requested = new Set<string>();
  const wanted = new Map<string, readonly string[]>();
  const once = new Map<number, Once>();
  let scanTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the worker holds (renderer/workers/worker-data.ts): posted once, then edits; unknown after a worker error. */
  let posted: { data: SendData; profiles: Profiles } | undefined;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;

  /** Asks the worker for the rows the view's filter and search match (none asked for "all users, no search"). */
  const query = () => {
    clearTimeout(searchTimer);
    const { filter, search } = useUi.getState();
    const id = ++queryId;
    if (filter === 'all' && !search.trim()) {
      if (get().indices !== null) set({ indices: null });
      return;
    }
    if (get().status === 'idle') return;
    postToWorker({ type: 'query', id, gen: get().gen, filter, search });
  };

  const settleOnce = (fail?: string) => {
    for (const [id, o] of once) {
      once.delete(id);
      if (fail) o.reject(new Error(fail));
    }
  };

  const requestMissing = () => {
    const { gen, status } = get();
    if (status === 'idle' || status === 'error') return;
    const missing: string[] = [];
    for (const list of wanted.values())
      for (const t of list)
        if (!requested.has(t)) {
          requested.add(t);
          missing.push(t);
        }
    for (let i = 0; i < missing.length; i += ROWS_PER_REQUEST) postToWorker({ type: 'render', id: nextId++, gen, targets: missing.slice(i, i + ROWS_PER_REQUEST) });
  };

  const onReply = (r: WorkerReply) => {
    const s = get();
    if (r.type === 'error') {
      // The worker may not hold what was posted last: the next load posts the data set whole.
      posted = undefined;
      const waiting = r.id !== undefined ? once.get(r.id) : undefined;
      if (waiting && r.gen === s.gen) {
        once.delete(r.id!);
        waiting.reject(new Error(`the renders could not be made: ${r.message}`));
        return;
      }
      if (r.gen === s.gen || r.gen === -1) {
        set({ status: 'error', error: r.message });
        // The worker cannot answer this generation: nothing waiting for it may wait forever.
        settleOnce(`the render worker failed: ${r.message}`);
      }
      return;
    }
    if (r.gen !== s.gen) return;
    switch (r.type) {
      case 'loaded':
        set({ status: 'ready', diagnostics: r.diagnostics, references: r.references, error: undefined });
        requestMissing();
        return;
      case 'rendered': {
        const waiting = once.get(r.id);
        if (waiting) {
          once.delete(r.id);
          waiting.resolve(r.renders);
          return;
        }
        const rows = { ...s.rows };
        const byTarget = new Map<string, NodeRender[]>();
        for (const x of r.renders) byTarget.set(x.target, [...(byTarget.get(x.target) ?? []), x]);
        for (const [t, list] of byTarget) rows[t] = list;
        set({ rows });
        return;
      }
      case 'scan-progress':
        set({ scan: { ...s.scan, status: 'running', done: r.done, total: r.total } });
        return;
      case 'scan-done': {
        const { type: _type, gen: _gen, ...counts } = r;
        set({ scan: { ...counts, status: 'done', done: s.targets.length, total: s.targets.length } });
        // The filters by severity can only answer once the scan has found the severities.
        if (useUi.getState().filter !== 'all') query();
        return;
      }
      case 'scan-cancelled':
        if (s.scan.status === 'running') set({ scan: { ...s.scan, status: 'cancelled', done: r.done } });
        return;
      case 'query-result':
        if (r.id === queryId) set({ indices: r.indices });
        return;
      case 'provenance-result':
        if (r.id === provenanceId) set({ provenance: { target: r.target, node: r.node, fields: r.fields, exact: r.exact } });
        return;
    }
  };
  onWorkerReply(onReply);
  // A new filter asks at once; a new search once typing pauses.
  useUi.subscribe((ui, before) => {
    if (ui.filter !== before.filter) query();
    else if (ui.search !== before.search) {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(query, SEARCH_DEBOUNCE_MS);
    }
  });

  return {
    gen: 0,
    status: 'idle',
    diagnostics: [],
    references: {},
    targets: [],
    rows: {},
    scan: IDLE_SCAN,
    indices: null,
    load({ campaign, source, data, profiles, settings }) {
      const gen = get().gen + 1;
      requested = new Set();
      const sameTargets = get().targets === data.target;
      // Rows of the previous generation stay on screen until their new renders arrive (no flicker).
      set({ gen, status: 'loading', targets: data.target, scan: { ...IDLE_SCAN, total: data.target.length }, provenance: undefined, ...(sameTargets ? {} : { rows: {}, indices: null }) });
      // The data crosses once: a keystroke in the editor posts the campaign, a params change its edit.
      const edits = posted && posted.data !== data ? editsBetween(posted.data, data) : undefined;
      const dataPart = posted?.data === data ? {} : edits ? { edits } : { data };
      postToWorker({ type: 'load', gen, campaign, ...(source ? { source } : {}), ...dataPart, ...(posted?.profiles === profiles ? {} : { profiles }), settings });
      posted = { data, profiles };
      // Exports waiting for renders get them from the data now loaded, not the data they asked of.
      for (const [id, o] of once) postToWorker({ type: 'render', id, gen, targets: o.targets });
      clearTimeout(scanTimer);
      scanTimer = setTimeout(() => get().startScan(), SCAN_DELAY_MS);
      query();
    },
    clear() {
      clearTimeout(scanTimer);
      clearTimeout(searchTimer);
      settleOnce('the campaign was closed before its renders arrived');
      requested = new Set();
      set({ gen: get().gen + 1, status: 'idle', diagnostics: [], references: {}, targets: [], rows: {}, scan: IDLE_SCAN, indices: null, provenance: undefined });
    },
    want(consumer, targets) {
      wanted.set(consumer, targets);
      requestMissing();
    },
    startScan() {
      const { gen, status } = get();
      if (status === 'idle' || status === 'error') return;
      set({ scan: { ...IDLE_SCAN, status: 'running', total: get().targets.length } });
      postToWorker({ type: 'scan', gen });
    },
    cancelScan() {
      clearTimeout(scanTimer);
      postToWorker({ type: 'cancel-scan', gen: get().gen });
    },
    renderOnce(targets) {
      const { status, gen, error } = get();
      if (status === 'idle') return Promise.reject(new Error('no campaign is loaded to render'));
      if (status === 'error') return Promise.reject(new Error(`the campaign cannot be rendered: ${error ?? 'the render worker failed'}`));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        once.set(id, { targets: [...targets], resolve, reject });
        postToWorker({ type: 'render', id, gen, targets: [...targets] });
      });
    },
    requestProvenance(target, node) {
      postToWorker({ type: 'provenance', id: ++provenanceId, gen: get().gen, target, node });
    },
  };
});

/** The renders of one user's row (all nodes), if rendered. */
export const useRow = (target: string) => useRenders((s) => s.rows[target]);
