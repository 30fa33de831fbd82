/**
 * Render state, backed by the render worker: the loaded campaign's diagnostics, rendered rows (by
 * target, each row replaced as a whole so a cell's selector only re-renders its row), the full
 * scan's progress and per-user severity, the filtered row indices, and the selected cell's provenance.
 */
import { create } from 'zustand';
import type { Campaign } from '../../shared/campaign/model';
import type { CampaignSource } from '../../shared/campaign/source-map';
import type { Profiles, SendData } from '../../shared/campaign/send-data';
import type { NodeRender } from '../../shared/campaign/render';
import type { Diagnostic } from '../../shared/diagnostics';
import type { GuardrailSettings } from '../../shared/guardrails/types';
import { onWorkerReply, postToWorker } from '../workers/render-client';
import type { RowFilter, ScanCounts, Segment, WorkerReply } from '../workers/render-protocol';

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
  /** Row indices shown under the filter and search; null = every row. */
  indices: Int32Array | null;
  query: { filter: RowFilter; search: string };
  provenance?: Provenance;
  load(input: { campaign: Campaign; source?: CampaignSource; data: SendData; profiles: Profiles; settings: GuardrailSettings }): void;
  clear(): void;
  /** Asks for renders of these targets, on behalf of one consumer (matrix rows, preview, compare). */
  want(consumer: string, targets: readonly string[]): void;
  startScan(): void;
  cancelScan(): void;
  setQuery(filter: RowFilter, search: string): void;
  requestProvenance(target: string, node: string): void;
  /** Renders these targets once, outside the row cache (report export). */
  renderOnce(targets: readonly string[]): Promise<NodeRender[]>;
}

const IDLE_SCAN: ScanState = { status: 'idle', done: 0, total: 0, users: 0, cells: 0, withErrors: 0, withWarnings: 0, blocking: 0, notPersonalised: 0, errorSamples: [], emptySamples: [] };
let nextId = 1;
let queryId = 0;
let provenanceId = 0;
/** Targets asked for (or rendered) in the current generation. */
let requested = new Set<string>();
const wanted = new Map<string, readonly string[]>();
const once = new Map<number, (r: NodeRender[]) => void>();
let scanTimer: ReturnType<typeof setTimeout> | undefined;

/** How long after a load the full scan starts: typing keeps restarting it, so wait for a pause. */
const SCAN_DELAY_MS = 300;

export const useRenders = create<RendersState>((set, get) => {
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
    if (missing.length) postToWorker({ type: 'render', id: nextId++, gen, targets: missing });
  };

  const onReply = (r: WorkerReply) => {
    const s = get();
    if (r.type === 'error') {
      if (r.gen === s.gen || r.gen === -1) set({ status: 'error', error: r.message });
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
          waiting(r.renders);
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
        if (s.query.filter !== 'all') get().setQuery(s.query.filter, s.query.search);
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

  return {
    gen: 0,
    status: 'idle',
    diagnostics: [],
    references: {},
    targets: [],
    rows: {},
    scan: IDLE_SCAN,
    indices: null,
    query: { filter: 'all', search: '' },
    load({ campaign, source, data, profiles, settings }) {
      const gen = get().gen + 1;
      requested = new Set();
      const sameTargets = get().targets === data.target;
      // Rows of the previous generation stay on screen until their new renders arrive (no flicker).
      set({ gen, status: 'loading', targets: data.target, scan: { ...IDLE_SCAN, total: data.target.length }, provenance: undefined, ...(sameTargets ? {} : { rows: {}, indices: null }) });
      postToWorker({ type: 'load', gen, campaign, ...(source ? { source } : {}), data, profiles, settings });
      clearTimeout(scanTimer);
      scanTimer = setTimeout(() => get().startScan(), SCAN_DELAY_MS);
      const q = get().query;
      if (q.filter !== 'all' || q.search) get().setQuery(q.filter, q.search);
    },
    clear() {
      clearTimeout(scanTimer);
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
    setQuery(filter, search) {
      set({ query: { filter, search } });
      if (filter === 'all' && !search.trim()) {
        queryId++;
        set({ indices: null });
        return;
      }
      postToWorker({ type: 'query', id: ++queryId, gen: get().gen, filter, search });
    },
    renderOnce(targets) {
      const id = nextId++;
      return new Promise((resolve) => {
        once.set(id, resolve);
        postToWorker({ type: 'render', id, gen: get().gen, targets: [...targets] });
      });
    },
    requestProvenance(target, node) {
      postToWorker({ type: 'provenance', id: ++provenanceId, gen: get().gen, target, node });
    },
  };
});

/** The renders of one user's row (all nodes), if rendered. */
export const useRow = (target: string) => useRenders((s) => s.rows[target]);
