/**
 * The render worker's work, kept apart from the worker itself so the parity tests run exactly the
 * app's rendering: it drives the evaluation pipeline (shared/pipeline/) for the loaded campaign —
 * compiled once, rows rendered on demand, the full scan in slices (yielding between them so
 * on-demand renders and cancels get through) ending in the send verdict — answers filter and search
 * queries, and splits cells by value provenance. Templates never run on the UI thread.
 */
import { compileCampaign, type CompiledCampaign, type NodeRender } from '../../shared/campaign/render';
import { createEvaluation, ScanAccumulator, scanUsers, sendVerdict, type Evaluation } from '../../shared/pipeline';
import { provenanceOf } from './provenance';
import { SEV_ERROR, SEV_WARNING, type RowFilter, type WorkerReply, type WorkerRequest } from './render-protocol';
import { ownValues } from '../../shared/campaign/per-user';
import { EmailTally } from '../../shared/guardrails/email-tally';
import { EmailScoreTally } from '../../shared/guardrails/compat/score-tally';
import { createWorkerData } from './worker-data';

interface Loaded {
  gen: number;
  ev: Evaluation;
  severity?: Uint8Array;
}

/** The scan works in slices of about this many milliseconds, so on-demand renders and cancels wait at most one slice. */
const SLICE_MS = 12;

/** What the session answers with (the worker posts it; a transfer list moves buffers instead of copying). */
export type Post = (m: WorkerReply, transfer?: Transferable[]) => void;

/** Runs a task after the messages already waiting (the worker's timer; tests pass their own queue). */
export type Defer = (task: () => void) => void;

const nextTimer: Defer = (task) => void setTimeout(task, 0);

/** The render worker's state and handling: one loaded campaign at a time, numbered by generation. */
export function createRenderSession(post: Post, defer: Defer = nextTimer): (m: WorkerRequest) => void {
  let loaded: Loaded | undefined;
  const held = createWorkerData();
  let compileCache: { key: string; compiled: CompiledCampaign } | undefined;
  let scanToken = 0;

  /** The full scan, in slices between which on-demand renders and cancels get through (shared/pipeline/scan.ts). */
  function scan(l: Loaded) {
    const token = ++scanToken;
    const started = performance.now();
    const total = l.ev.data.target.length;
    const acc = new ScanAccumulator(total);
    // Per email node: on how many users each compatibility and link finding occurs, and the distinct rendered URLs.
    const emailTally = new EmailTally();
    // Per email node: each client family's score over the users (off with the compatibility checks).
    const scoreTally = new EmailScoreTally(l.ev.settings);
    const nodes = l.ev.compiled.nodes;
    const byKey = new Map(nodes.map((n) => [n.node.key, n.node]));
    const tallyCell = (r: NodeRender) => {
      const n = byKey.get(r.node);
      if (n?.channel !== 'email') return;
      emailTally.add(n.key, n.content.html ?? '', r.fields.html ?? '', r.diagnostics);
      scoreTally.add(n.key, r.fields.html ?? '');
    };
    let i = 0;
    let lastProgress = 0;
    const step = () => {
      if (token !== scanToken || loaded !== l) return post({ type: 'scan-cancelled', gen: l.gen, done: i });
      const sliceEnd = performance.now() + SLICE_MS;
      i = scanUsers(l.ev, acc, i, () => performance.now() > sliceEnd, tallyCell);
      if (i < total) {
        if (performance.now() - lastProgress > 100) {
          lastProgress = performance.now();
          post({ type: 'scan-progress', gen: l.gen, done: i, total });
        }
        defer(step);
        return;
      }
      const result = acc.result();
      l.severity = result.severity;
      const verdict = sendVerdict(l.ev.campaignDiagnostics(), result, { legacyPersonalisation: l.ev.legacyPersonalisation });
      const { severity: _kept, ...counts } = result;
      post({ type: 'scan-done', gen: l.gen, severity: result.severity.slice(), ...counts, verdict, emailQa: emailTally.summary(), emailScores: scoreTally.summary(), ms: Math.round(performance.now() - started) });
    };
    // After the load's campaign checks (a task of their own), so `loaded` always comes before `scan-done`.
    defer(step);
  }

  function matches(l: Loaded, target: string, needle: string): boolean {
    if (target.toLowerCase().includes(needle)) return true;
    for (const src of [ownValues(l.ev.data.target_with_params, target), l.ev.profiles[target]])
      if (src)
        for (const v of Object.values(src))
          if (
            v !== null &&
            v !== undefined &&
            String(typeof v === 'object' ? JSON.stringify(v) : v)
              .toLowerCase()
              .includes(needle)
          )
            return true;
    return false;
  }

  function query(l: Loaded, filter: RowFilter, search: string): Int32Array | null {
    const needle = search.trim().toLowerCase();
    if (filter === 'all' && !needle) return null;
    const mask = filter === 'errors' ? SEV_ERROR : filter === 'warnings' ? SEV_WARNING : filter === 'problems' ? SEV_ERROR | SEV_WARNING : 0;
    const out: number[] = [];
    const targets = l.ev.data.target;
    for (let i = 0; i < targets.length; i++) {
      if (mask && !((l.severity?.[i] ?? 0) & mask)) continue;
      if (needle && !matches(l, targets[i]!, needle)) continue;
      out.push(i);
    }
    return Int32Array.from(out);
  }

  function handle(m: WorkerRequest) {
    if (m.type === 'data-head') return held.head(m.head);
    if (m.type === 'data-part') return held.part(m.part);
    if (m.type === 'load') {
      const started = performance.now();
      // The file text is part of the key: it decides where template problems are placed.
      const key = `${JSON.stringify(m.campaign)}\u0000${m.source?.file ?? ''}\u0000${m.source?.text ?? ''}`;
      if (compileCache?.key !== key) compileCache = { key, compiled: compileCampaign(m.campaign, m.source) };
      scanToken++;
      if (m.data) held.set(m.data);
      if (m.dataInParts) held.setJoined();
      if (m.edits) held.edit(m.edits);
      if (m.profiles) held.setProfiles(m.profiles);
      const ev = createEvaluation({ campaign: m.campaign, data: held.data(), profiles: held.profiles(), settings: m.settings }, compileCache.compiled);
      const l: Loaded = { gen: m.gen, ev };
      loaded = l;
      // The campaign-level checks read every user (seconds at a million): the rows on screen, asked
      // for with the load, are answered first, and the scan starts after them (`scan` waits a task too).
      defer(() => {
        if (loaded !== l) return;
        try {
          post({ type: 'loaded', gen: m.gen, diagnostics: ev.campaignDiagnostics(), references: ev.references(), ms: Math.round(performance.now() - started) });
        } catch (err) {
          post({ type: 'error', gen: m.gen, message: err instanceof Error ? err.message : String(err) });
        }
      });
      return;
    }
    const l = loaded;
    if (!l || l.gen !== m.gen) return; // an older generation: its answer would be stale
    switch (m.type) {
      case 'render': {
        const renders: NodeRender[] = [];
        for (const t of m.targets) for (let n = 0; n < l.ev.nodeCount; n++) renders.push(l.ev.cell(t, n));
        return post({ type: 'rendered', id: m.id, gen: m.gen, renders });
      }
      case 'scan':
        return scan(l);
      case 'cancel-scan':
        scanToken++;
        return;
      case 'query': {
        const indices = query(l, m.filter, m.search);
        return post({ type: 'query-result', id: m.id, gen: m.gen, indices }, indices ? [indices.buffer] : []);
      }
      case 'provenance': {
        const nodes = l.ev.compiled.nodes;
        const i = nodes.findIndex((n) => n.node.key === m.node);
        if (i < 0) return;
        const real = l.ev.cell(m.target, i).fields;
        const p = provenanceOf(nodes[i]!, m.target, l.ev.data, l.ev.profiles, real);
        return post({ type: 'provenance-result', id: m.id, gen: m.gen, target: m.target, node: m.node, ...p });
      }
    }
  }

  return (m) => {
    try {
      handle(m);
    } catch (err) {
      post({ type: 'error', gen: m.gen, id: 'id' in m ? m.id : undefined, message: err instanceof Error ? err.message : String(err) });
    }
  };
}
