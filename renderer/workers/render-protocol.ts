/**
 * Messages between the UI and the render worker (the only place templates are compiled and run).
 *
 * The worker holds one loaded campaign at a time (`load`, numbered by `gen`) and the data set it is
 * rendered with, posted once and then edited. Everything after it
 * names the generation it belongs to, so replies for an older campaign or older data are dropped.
 * - `render`: the rows on screen (and the users being compared or previewed), on demand.
 * - `scan`: every user × node, in chunks with progress, cancelled by `cancel-scan` or a newer `load`;
 *   it yields a severity per user for the filters and "next problem".
 * - `query`: the row indices matching a filter and a search (id or any attribute value).
 * - `provenance`: one cell's fields split into segments by the source of each value.
 */
import type { Campaign } from '../../shared/campaign/model';
import type { CampaignSource } from '../../shared/campaign/source-map';
import type { Profiles, SendData, ValueSource } from '../../shared/campaign/send-data';
import type { NodeRender } from '../../shared/campaign/render';
import type { Diagnostic } from '../../shared/diagnostics';
import type { GuardrailSettings } from '../../shared/guardrails/types';
import type { EmailTallySummary } from '../../shared/guardrails/email-tally';
import type { EmailScoreSummary } from '../../shared/guardrails/compat/score-tally';
import type { ScanResult } from '../../shared/pipeline/scan';
import type { SendVerdict } from '../../shared/pipeline/verdict';
import type { DataEdit } from '../../shared/data/edits';
import type { DataHead, DataPart } from '../../shared/data/parts';

export { SEV_BLOCKING, SEV_EMPTY, SEV_ERROR, SEV_INFO, SEV_WARNING } from '../../shared/pipeline/scan';

export type RowFilter = 'all' | 'problems' | 'errors' | 'warnings';

export type WorkerRequest =
  /**
   * `source`: the campaign file's name and the text `campaign` was read from, so template problems name the file's line and column.
   * The data crosses once (renderer/workers/worker-data.ts): `data` is a new data set, `edits` change the one held, neither keeps it;
   * `profiles` absent keeps the ones held.
   */
  | { type: 'load'; gen: number; campaign: Campaign; source?: CampaignSource; data?: SendData; edits?: DataEdit[]; profiles?: Profiles; settings: GuardrailSettings; dataInParts?: true }
  /**
   * A big data set in parts (shared/data/parts.ts), each posted in a task of its own so the window
   * draws between them (render-client.ts): the head, the parts, then the `load` with
   * `dataInParts`, which holds the joined set.
   */
  | { type: 'data-head'; gen: number; head: DataHead }
  | { type: 'data-part'; gen: number; part: DataPart }
  | { type: 'render'; id: number; gen: number; targets: string[] }
  | { type: 'scan'; gen: number }
  | { type: 'cancel-scan'; gen: number }
  | { type: 'query'; id: number; gen: number; filter: RowFilter; search: string }
  | { type: 'provenance'; id: number; gen: number; target: string; node: string };

/** A node render with the guardrail findings merged into its diagnostics. */
export type CellRender = NodeRender;

/** A piece of rendered text: literal template text (no attr) or a value with its attribute and source. */
export interface Segment {
  text: string;
  attr?: string;
  source?: ValueSource;
}

export type WorkerReply =
  | {
      type: 'loaded';
      gen: number;
      /** Campaign-level diagnostics: compile errors, data checks, guardrails over the data, longest SMS. */
      diagnostics: Diagnostic[];
      /** Attributes each node references (for completion and the data checks). */
      references: Record<string, string[]>;
      ms: number;
    }
  | { type: 'rendered'; id: number; gen: number; renders: CellRender[] }
  | { type: 'scan-progress'; gen: number; done: number; total: number }
  | ({
      type: 'scan-done';
      gen: number;
      /** Per target index: SEV_* bits over all its nodes. */
      severity: Uint8Array;
      ms: number;
    } & ScanCounts)
  | { type: 'scan-cancelled'; gen: number; done: number }
  | { type: 'query-result'; id: number; gen: number; indices: Int32Array | null }
  | { type: 'provenance-result'; id: number; gen: number; target: string; node: string; fields: Record<string, Segment[]>; exact: boolean }
  | { type: 'error'; gen: number; id?: number; message: string };

/** What a finished full scan counts (shared/pipeline/scan.ts), and the send verdict it gives, kept by the renders store as they came. */
export type ScanCounts = Omit<ScanResult, 'severity'> & {
  /** The verdict of this scan (shared/pipeline/verdict.ts): the same function the host and `preflight check` run. */
  verdict?: SendVerdict;
  /** Email QA over all users, by email node: findings with their user counts, links with their rendered variants. */
  emailQa?: EmailTallySummary;
  /** Per-client scores over all users, by email node (shared/guardrails/compat/score-tally.ts). */
  emailScores?: EmailScoreSummary;
};
