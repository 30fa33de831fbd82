/**
 * Where a table row came from, in the terms of its source: a spreadsheet row (and line) for CSV,
 * an array index and line for JSON rows, `target[i]` for an execute body.
 */
import type { Table } from './types';

/** The location fields of a diagnostic about `table.rows[i]`. */
export interface RowPlace {
  row?: number;
  line?: number;
  path?: string;
}

/** Location of `table.rows[i]` for a diagnostic. */
export function rowPlace(table: Table, i: number): RowPlace {
  if (table.format === 'csv') {
    const row = table.rowNumbers?.[i] ?? i + 2;
    return { row, line: table.rowLines?.[i] ?? row };
  }
  if (table.format === 'json') {
    const line = table.rowLines?.[i];
    return line === undefined ? { path: `[${i}]` } : { path: `[${i}]`, line };
  }
  return { path: `target[${i}]` };
}

/** Short words for `table.rows[i]` in a message: "row 5", "item [3] (line 12)", "target[3]". */
export function rowLabel(table: Table, i: number): string {
  const p = rowPlace(table, i);
  if (table.format === 'csv') return `row ${p.row}`;
  if (table.format === 'json') return p.line === undefined ? `item [${i}]` : `item [${i}] (line ${p.line})`;
  return `target[${i}]`;
}

/** Spreadsheet row numbers for CSV tables (what `validateIds` lists), else undefined. */
export function spreadsheetRow(table: Table, i: number): number | undefined {
  return table.format === 'csv' ? (table.rowNumbers?.[i] ?? i + 2) : undefined;
}
