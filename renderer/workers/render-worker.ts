/**
 * The render worker: compiles the loaded campaign once, renders rows on demand, runs the full scan
 * in chunks (yielding between chunks so on-demand renders and cancels get through), answers filter
 * and search queries, and splits cells by value provenance. Templates never run on the UI thread.
 */
import { compileCampaign, dataDiagnostics, renderNode, type CompiledCampaign, type NodeRender } from '../../shared/campaign/render';
import { resolveValue, type Profiles, type SendData } from '../../shared/campaign/send-data';
import { smsMetrics } from '../../shared/channels/sms';
import type { Diagnostic } from '../../shared/diagnostics';
import { applyLevels, checkData, checkLongestSms, longestValues, renderFindings, type GuardrailSettings } from '../../shared/guardrails';
import { provenanceOf } from './provenance';
import { SEV_BLOCKING, SEV_ERROR, SEV_INFO, SEV_WARNING, type RowFilter, type WorkerReply, type WorkerRequest } from './render-protocol';
import { ownValues } from '../../shared/campaign/per-user';

interface Loaded {
  gen: number;
  compiled: CompiledCampaign;
  data: SendData;
  profiles: Profiles;
  settings: GuardrailSettings;
  severity?: Uint8Array;
}

let loaded: Loaded | undefined;
let compileCache: { key: string; compiled: CompiledCampaign } | undefined;
let scanToken = 0;
/** How many error findings the scan keeps as examples for the send preview. */
const MAX_SAMPLES = 20;
/** The scan works in slices of about this many milliseconds, so on-demand renders and cancels wait at most one slice. */
const SLICE_MS = 12;

const post = (m: WorkerReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

/** Engine diagnostics plus guardrail findings for one cell. */
function renderCell(l: Loaded, target: string, nodeIndex: number): NodeRender {
  const r = renderNode(l.compiled.nodes[nodeIndex]!, target, l.data, l.profiles);
  const findings = renderFindings(r, l.settings);
  if (findings.length) r.diagnostics = [...r.diagnostics, ...findings];
  return r;
}

function campaignDiagnostics(l: Loaded): Diagnostic[] {
  // The engine's `unused-param` is superseded by the `data-unused-column` guardrail, whose level the team sets.
  const out = dataDiagnostics(l.compiled, l.data).filter((d) => d.code !== 'unused-param');
  out.push(...applyLevels(checkData(l.compiled.nodes.map((n) => ({ node: n.node.key, references: n.references })), l.data, l.profiles), l.settings));
  for (const n of l.compiled.nodes) {
    if (n.node.channel !== 'sms') continue;
    const text = n.fields.find((f) => f.name === 'text');
    if (!text || l.data.target.length === 0) continue;
    const vars = longestValues(n.references, l.data.target, (name, user) => resolveValue(name, user, l.data, l.profiles).value);
    out.push(...applyLevels(checkLongestSms(smsMetrics(text.template.render(vars).output), n.node.key), l.settings));
  }
  return out;
}

function severityBits(ds: readonly Diagnostic[]): number {
  let bits = 0;
  for (const d of ds) {
    bits |= d.severity === 'error' ? SEV_ERROR : d.severity === 'warning' ? SEV_WARNING : SEV_INFO;
    if ((d as { level?: string }).level === 'blocking') bits |= SEV_BLOCKING;
  }
  return bits;
}

function scan(l: Loaded) {
  const token = ++scanToken;
  const started = performance.now();
  const targets = l.data.target;
  const severity = new Uint8Array(targets.length);
  let i = 0;
  let lastProgress = 0;
  const samples: string[] = [];
  // Users with an attribute that resolves to empty: in an environment running the platform's legacy
  // personalisation mode they would not be sent at all, so the send preview blocks on them there.
  let notPersonalised = 0;
  const notPersonalisedSamples: string[] = [];
  const step = () => {
    if (token !== scanToken || loaded !== l) return post({ type: 'scan-cancelled', gen: l.gen, done: i });
    const sliceEnd = performance.now() + SLICE_MS;
    for (; i < targets.length; i++) {
      if (i % 64 === 0 && performance.now() > sliceEnd) break;
      let bits = 0;
      let empty = false;
      for (let n = 0; n < l.compiled.nodes.length; n++) {
        const ds = renderCell(l, targets[i]!, n).diagnostics;
        bits |= severityBits(ds);
        for (const d of ds)
          if (d.code === 'empty-value' && !empty) {
            empty = true;
            if (notPersonalisedSamples.length < MAX_SAMPLES) notPersonalisedSamples.push(`${targets[i]} · ${l.compiled.nodes[n]!.node.key}: ${d.message}`);
          }
        if (samples.length < MAX_SAMPLES) for (const d of ds) if (d.severity === 'error' && samples.length < MAX_SAMPLES) samples.push(`${targets[i]} · ${l.compiled.nodes[n]!.node.key}: ${d.message}`);
      }
      severity[i] = bits;
      if (empty) notPersonalised++;
    }
    if (i < targets.length) {
      if (performance.now() - lastProgress > 100) {
        lastProgress = performance.now();
        post({ type: 'scan-progress', gen: l.gen, done: i, total: targets.length });
      }
      setTimeout(step, 0);
      return;
    }
    l.severity = severity;
    let withErrors = 0;
    let withWarnings = 0;
    let blocking = 0;
    for (const b of severity) {
      if (b & SEV_ERROR) withErrors++;
      if (b & SEV_WARNING) withWarnings++;
      if (b & SEV_BLOCKING) blocking++;
    }
    post({ type: 'scan-done', gen: l.gen, severity: severity.slice(), withErrors, withWarnings, blocking, blockingSamples: samples, notPersonalised, notPersonalisedSamples, ms: Math.round(performance.now() - started) });
  };
  step();
}

function matches(l: Loaded, target: string, needle: string): boolean {
  if (target.toLowerCase().includes(needle)) return true;
  for (const src of [ownValues(l.data.target_with_params, target), l.profiles[target]])
    if (src) for (const v of Object.values(src)) if (v !== null && v !== undefined && String(typeof v === 'object' ? JSON.stringify(v) : v).toLowerCase().includes(needle)) return true;
  return false;
}

function query(l: Loaded, filter: RowFilter, search: string): Int32Array | null {
  const needle = search.trim().toLowerCase();
  if (filter === 'all' && !needle) return null;
  const mask = filter === 'errors' ? SEV_ERROR : filter === 'warnings' ? SEV_WARNING : filter === 'problems' ? SEV_ERROR | SEV_WARNING : 0;
  const out: number[] = [];
  const targets = l.data.target;
  for (let i = 0; i < targets.length; i++) {
    if (mask && !((l.severity?.[i] ?? 0) & mask)) continue;
    if (needle && !matches(l, targets[i]!, needle)) continue;
    out.push(i);
  }
  return Int32Array.from(out);
}

function handle(m: WorkerRequest) {
  if (m.type === 'load') {
    const started = performance.now();
    // The file text is part of the key: it decides where template problems are placed.
    const key = `${JSON.stringify(m.campaign)}\u0000${m.source?.file ?? ''}\u0000${m.source?.text ?? ''}`;
    if (compileCache?.key !== key) compileCache = { key, compiled: compileCampaign(m.campaign, m.source) };
    scanToken++;
    loaded = { gen: m.gen, compiled: compileCache.compiled, data: m.data, profiles: m.profiles, settings: m.settings };
    const references = Object.fromEntries(loaded.compiled.nodes.map((n) => [n.node.key, n.references]));
    post({ type: 'loaded', gen: m.gen, diagnostics: campaignDiagnostics(loaded), references, ms: Math.round(performance.now() - started) });
    return;
  }
  const l = loaded;
  if (!l || l.gen !== m.gen) return; // an older generation: its answer would be stale
  switch (m.type) {
    case 'render': {
      const renders: NodeRender[] = [];
      for (const t of m.targets) for (let n = 0; n < l.compiled.nodes.length; n++) renders.push(renderCell(l, t, n));
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
      const i = l.compiled.nodes.findIndex((n) => n.node.key === m.node);
      if (i < 0) return;
      const real = renderNode(l.compiled.nodes[i]!, m.target, l.data, l.profiles).fields;
      const p = provenanceOf(l.compiled.nodes[i]!, m.target, l.data, l.profiles, real);
      return post({ type: 'provenance-result', id: m.id, gen: m.gen, target: m.target, node: m.node, ...p });
    }
  }
}

self.onmessage = (e: MessageEvent<WorkerRequest>) => {
  try {
    handle(e.data);
  } catch (err) {
    const m = e.data;
    post({ type: 'error', gen: m.gen, id: 'id' in m ? m.id : undefined, message: err instanceof Error ? err.message : String(err) });
  }
};
