/**
 * The full scan: every user × node of an evaluation, folded into what the matrix filters and the
 * send verdict need — a severity per user, counts, and the first findings as samples. The scan is
 * incremental so every caller can drive it its own way: the render worker in time slices (with
 * progress and cancel), the host's worker thread and the CLI straight through.
 */
import type { NodeRender } from '../campaign/render';
import type { Diagnostic } from '../diagnostics';
import type { Evaluation } from './evaluation';

/** Bits of a user's severity over all their nodes. */
export const SEV_INFO = 1;
export const SEV_WARNING = 2;
/** An error finding (engine error, or a guardrail set to blocking), other than not-personalised. */
export const SEV_ERROR = 4;
/** A guardrail finding at the team's `blocking` level. */
export const SEV_BLOCKING = 8;
/** A placeholder resolved to empty (`empty-value`, or `not-personalised` in legacy mode). */
export const SEV_EMPTY = 16;

/** How many findings of each kind the scan keeps as samples (`target · node: message`). */
export const MAX_SAMPLES = 20;

/** What a finished scan knows. Plain data: it crosses worker boundaries as it is. */
export interface ScanResult {
  users: number;
  cells: number;
  /** Per target index: SEV_* bits over all its nodes. */
  severity: Uint8Array;
  /** Users with at least one error finding (not counting not-personalised). */
  withErrors: number;
  withWarnings: number;
  /** Users with at least one guardrail finding at the blocking level. */
  blocking: number;
  /** Users with at least one placeholder that resolves to empty. */
  notPersonalised: number;
  /** The first error findings met. */
  errorSamples: string[];
  /** The first empty placeholder of the first users that have one. */
  emptySamples: string[];
}

const isEmptyCode = (code: string) => code === 'empty-value' || code === 'not-personalised';

/** Folds cells into a scan result, user by user; cells may come from any driver. */
export class ScanAccumulator {
  readonly severity: Uint8Array;
  private cells = 0;
  private readonly errorSamples: string[] = [];
  private readonly emptySamples: string[] = [];

  constructor(readonly users: number) {
    this.severity = new Uint8Array(users);
  }

  /** Adds one cell of user `index` (its target id and node key name the samples). */
  add(index: number, target: string, node: string, diagnostics: readonly Diagnostic[]): void {
    this.cells++;
    if (diagnostics.length === 0) return;
    let bits = this.severity[index] as number;
    for (let k = 0; k < diagnostics.length; k++) {
      const d = diagnostics[k] as Diagnostic & { level?: string };
      if (isEmptyCode(d.code)) {
        if (!(bits & SEV_EMPTY) && this.emptySamples.length < MAX_SAMPLES) this.emptySamples.push(`${target} · ${node}: ${d.message}`);
        bits |= SEV_EMPTY | (d.severity === 'error' ? 0 : SEV_WARNING);
        continue;
      }
      if (d.severity === 'error') {
        bits |= SEV_ERROR;
        if (this.errorSamples.length < MAX_SAMPLES) this.errorSamples.push(`${target} · ${node}: ${d.message}`);
      } else bits |= d.severity === 'warning' ? SEV_WARNING : SEV_INFO;
      if (d.level === 'blocking') bits |= SEV_BLOCKING;
    }
    this.severity[index] = bits;
  }

  /** The result so far (the finished result once every user was added). */
  result(): ScanResult {
    let withErrors = 0;
    let withWarnings = 0;
    let blocking = 0;
    let notPersonalised = 0;
    for (const b of this.severity) {
      if (b & SEV_ERROR) withErrors++;
      if (b & SEV_WARNING) withWarnings++;
      if (b & SEV_BLOCKING) blocking++;
      if (b & SEV_EMPTY) notPersonalised++;
    }
    return { users: this.users, cells: this.cells, severity: this.severity, withErrors, withWarnings, blocking, notPersonalised, errorSamples: this.errorSamples.slice(), emptySamples: this.emptySamples.slice() };
  }
}

/**
 * Scans users from index `from` on, checking `stop()` every 64 users; returns the index to go on
 * from (the user count when finished). `onCell` sees every render (the CLI keeps them).
 */
export function scanUsers(ev: Evaluation, acc: ScanAccumulator, from: number, stop?: () => boolean, onCell?: (r: NodeRender) => void): number {
  const targets = ev.data.target;
  const nodes = ev.compiled.nodes;
  let i = from;
  for (; i < targets.length; i++) {
    if (stop && i % 64 === 0 && i !== from && stop()) break;
    const t = targets[i] as string;
    for (let n = 0; n < nodes.length; n++) {
      const r = ev.cell(t, n);
      acc.add(i, t, (nodes[n] as (typeof nodes)[number]).node.key, r.diagnostics);
      onCell?.(r);
    }
  }
  return i;
}

/** Scans every user at once. */
export function scanAll(ev: Evaluation, onCell?: (r: NodeRender) => void): ScanResult {
  const acc = new ScanAccumulator(ev.data.target.length);
  scanUsers(ev, acc, 0, undefined, onCell);
  return acc.result();
}
