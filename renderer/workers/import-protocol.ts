/**
 * Messages between the data panel and an import worker. One worker per import job: it decodes,
 * parses and builds off the UI thread, reports progress, then keeps the parsed table so a mapping
 * change or a CSV export never copies 100,000 rows back to the window. Cancel = terminate it.
 */
import type { Diagnostic } from '../../shared/diagnostics';
import type { Profiles } from '../../shared/campaign/send-data';
import type { ColumnMapping, Delimiter, TableFormat } from '../../shared/targets/types';
import type { BuiltData, ReadImport } from '../../shared/targets/import';
import type { HeaderChoice } from '../../shared/targets/id-list';
import type { DataHead, DataPart } from '../../shared/data/parts';

/** What to read: a file's bytes, or pasted text. */
/**
 * What an import reads: a file's bytes, text, or a picked file itself (`blob`), which the worker
 * reads (renderer/workers/import-worker.ts) so its bytes are never read on the UI thread.
 */
export type ImportInput = { file: string; bytes: ArrayBuffer } | { file: string; text: string } | { file: string; blob: Blob };

/**
 * The UI asks for each part of a big data set once it has joined the one before and let the
 * window draw (renderer/workers/import-client.ts); the worker holds the rest until then.
 */
export interface NextPart {
  type: 'next-part';
}

export type ImportPhase = 'decode' | 'parse' | 'map' | 'build' | 'profiles' | 'done';

export type ImportRequest =
  /** Read targets: `mapping` (remembered for this file) is used when all its columns exist. */
  | { type: 'parse'; seq: number; input: ImportInput; targetBy: string; mapping?: ColumnMapping; header?: HeaderChoice }
  /** Read the last parsed text again with the first line as a header (`header`) or as an id (`none`). */
  | { type: 'reread'; seq: number; header: HeaderChoice }
  /** Read profiles (preview only). */
  | { type: 'profiles'; seq: number; input: ImportInput }
  /** Build the kept table again with another mapping or target_by. */
  | { type: 'remap'; seq: number; mapping: ColumnMapping; targetBy: string }
  /** The kept table as CSV (its own delimiter), exactly as imported. */
  | { type: 'csv'; seq: number };

export type { BuiltData } from '../../shared/targets/import';

/** A parsed target import, as the preview and the mapping controls need it: the dispatcher's result (shared/targets/import.ts) with the table left in the worker. */
export interface ParsedImport extends Omit<ReadImport, 'table'> {
  file: string;
  encoding?: string;
  columns: string[];
  rowCount: number;
  format: TableFormat;
  delimiter: Delimiter | null;
  /** Types the source implies per column (JSON values), for the type selectors' defaults. */
  columnTypes?: Record<string, string>;
  /** Milliseconds per phase, measured in the worker. */
  timings: Partial<Record<ImportPhase, number>>;
  /** Set when `built`'s targets and per-user values crossed in parts (they are then empty here). */
  inParts?: BuiltInParts;
}

/** What the worker knows of a data set it sent in parts, so the window need not count it again. */
export interface BuiltInParts {
  /** How many users have per-user values (shared/campaign/per-user.ts `usersWithValuesCount`). */
  usersWithValues: number;
}

export interface ParsedProfilesResult {
  file: string;
  profiles: Profiles;
  count: number;
  diagnostics: Diagnostic[];
  timings: Partial<Record<ImportPhase, number>>;
}

export type ImportReply =
  /** `fraction`: how much of the text the parse has read (0–1), sent while a big table parses. */
  | { type: 'progress'; seq: number; phase: ImportPhase; rows?: number; bytes?: number; fraction?: number }
  /**
   * A big built data set crosses in parts (shared/data/parts.ts), so the window draws while it
   * arrives: the head, then each part, then the `parsed` or `built` reply, whose targets and
   * per-user values are then the joined parts (`inParts`).
   */
  | { type: 'built-head'; seq: number; head: DataHead }
  | { type: 'built-part'; seq: number; part: DataPart }
  | { type: 'parsed'; seq: number; result: ParsedImport }
  | { type: 'profiles'; seq: number; result: ParsedProfilesResult }
  | { type: 'built'; seq: number; built: BuiltData; mapping: ColumnMapping; inParts?: BuiltInParts }
  | { type: 'csv'; seq: number; text: string }
  | { type: 'failed'; seq: number; message: string };
