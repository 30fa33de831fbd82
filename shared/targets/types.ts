/**
 * The shapes every import path lands in: a table of string cells (what the user sees and maps),
 * a column mapping, and the diagnostic extension used for multi-row findings.
 */
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics';
import type { columnMappingSchema, paramTypeSchema } from '../ipc/channels/data';

/** The delimiters a tabular file may use; detection chooses among exactly these. */
export type Delimiter = ',' | ';' | '\t' | '|';

/** How a mapped column's cells become per-user param values. */
export type ParamType = z.infer<typeof paramTypeSchema>;

/** Where a table came from; decides how a row is located in diagnostics (row vs. JSON path). */
export type TableFormat = 'csv' | 'json' | 'execute-body';

/**
 * One representation for every input path: CSV/TSV, JSON rows and Campaign Execute bodies.
 * Every cell is a string (ids keep their exact text: `00123`, `1e5`, `+353…`); `rows[i].length`
 * always equals `columns.length`. Plain data, so it survives structured clone (workers, IPC).
 */
export interface Table {
  columns: string[];
  rows: string[][];
  /** The delimiter used (CSV/TSV), or null for JSON-derived tables. */
  delimiter: Delimiter | null;
  format: TableFormat;
  diagnostics: Diagnostic[];
  /** Spreadsheet row (header = 1) of `rows[i]` when blank lines were skipped; absent means `i + 2`. */
  rowNumbers?: number[];
  /** 1-based source line where `rows[i]` starts, when it differs from its row number. */
  rowLines?: number[];
  /**
   * Types that restore the source's non-string values (JSON numbers, booleans, objects), so that
   * mapping a JSON table or an execute body gives back the same param values.
   */
  columnTypes?: Record<string, ParamType>;
}

/** Which column holds the target id and which columns become per-user params (the schema in shared/ipc/channels/data.ts). */
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

/** A diagnostic that concerns several rows (duplicates, id format); `rows` lists every one of them. */
export interface RowsDiagnostic extends Diagnostic {
  rows?: number[];
}

/** The parsed pieces of a Campaign Execute body; `apptoken` is never part of it. */
export interface ExecuteBodyData {
  id?: string;
  target_by?: string;
  target?: string[];
  params?: Record<string, unknown>;
  target_with_params?: Record<string, Record<string, unknown>>;
  /** Any other keys of the pasted body, kept as they were. */
  [extra: string]: unknown;
}

/** Result of reading an execute body: the body without its secret, and the secret separately. */
export interface ParsedExecuteBody {
  body: ExecuteBodyData;
  /** The app token found in the body: for the caller to offer to move into the secret store. */
  apptoken?: string;
  /** Set when the token is a shell variable reference such as `$XP_APP_TOKEN` (not a secret). */
  apptokenVariable?: string;
  diagnostics: Diagnostic[];
}
